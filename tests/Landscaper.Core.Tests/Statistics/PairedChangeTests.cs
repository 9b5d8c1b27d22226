using Landscaper.Statistics;

namespace Landscaper.Tests.Statistics;

/// <summary>Paired changes against hand-computed sign tests and a brute-force bootstrap.</summary>
public class PairedChangeTests
{
    [Fact]
    public void Sign_test_matches_the_binomial_tail_by_hand()
    {
        // n = 5, all up: P(K ≤ 0) = 1/32, two-sided 2/32.
        Assert.Equal(2.0 / 32, PairedChange.SignTest(5, 0), 12);
        // n = 6, 5 up 1 down: P(K ≤ 1) = (1 + 6)/64, two-sided 14/64.
        Assert.Equal(14.0 / 64, PairedChange.SignTest(5, 1), 12);
        Assert.Equal(1.0, PairedChange.SignTest(3, 3), 12);
        Assert.Equal(1.0, PairedChange.SignTest(0, 0));
    }

    [Fact]
    public void A_consistent_decrease_is_decreased_and_ties_are_counted()
    {
        var c = PairedChange.Of([1.0, 2.0, 3.0, 4.0, 5.0, 0.0], [0.5, 1.6, 2.4, 3.1, 4.2, 0.0], seed: 3);
        Assert.Equal(ChangeDirection.Decreased, c.Direction);
        Assert.Equal(5, c.Decreases);
        Assert.Equal(1, c.Ties);
        Assert.Equal(0, c.Increases);
        Assert.Equal((-0.5 - 0.4 - 0.6 - 0.9 - 0.8) / 6, c.MeanDifference, 12);
        Assert.True(c.Lower <= c.MeanDifference && c.MeanDifference <= c.Upper);
        Assert.Contains("decreased", c.ToString());
    }

    [Fact]
    public void Mixed_changes_are_no_change_and_the_interval_brackets_zero()
    {
        var c = PairedChange.Of([1.0, 1.0, 1.0, 1.0], [2.0, 0.0, 1.5, 0.5], seed: 1);
        Assert.Equal(ChangeDirection.NoChange, c.Direction);
        Assert.True(c.Lower < 0 && c.Upper > 0);
    }

    [Fact]
    public void Bootstrap_interval_matches_a_brute_force_enumeration_for_three_values()
    {
        // With 3 values there are 27 equally likely resamples: the exact distribution of the resampled mean.
        double[] v = [0.0, 1.0, 5.0];
        var means = new List<double>();
        for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) for (int c = 0; c < 3; c++) means.Add((v[a] + v[b] + v[c]) / 3);
        means.Sort();
        var (lo, hi) = Bootstrap.MeanInterval(v, seed: 7, resamples: 200_000, level: 0.8);
        // The 10 % and 90 % points of the exact distribution.
        double exactLo = means[(int)Math.Floor(0.1 * 27)], exactHi = means[(int)Math.Ceiling(0.9 * 27) - 1];
        Assert.InRange(lo, exactLo - 1e-9, means[(int)Math.Ceiling(0.1 * 27)] + 1e-9);
        Assert.InRange(hi, means[(int)Math.Floor(0.9 * 27) - 1] - 1e-9, exactHi + 1e-9);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PairedChange.Of([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => PairedChange.Of([], []));
        Assert.Throws<ArgumentException>(() => PairedChange.Of([double.NaN], [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedChange.Of([1.0], [1.0], level: 1.5));
    }
}
