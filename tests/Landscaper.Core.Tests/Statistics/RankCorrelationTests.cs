using Landscaper.Statistics;

namespace Landscaper.Tests.Statistics;

public class RankCorrelationTests
{
    [Fact]
    public void Monotone_pairs_are_a_strong_association_with_a_degenerate_interval()
    {
        double[] x = [0, 0, 1, 2, 3, 5, 8, 13];
        var up = RankCorrelation.Of(x, x.Select(v => Math.Exp(v)).ToArray(), seed: 2);
        Assert.All(new[] { up.Rho, up.Lower, up.Upper }, v => Assert.Equal(1.0, v, 12));
        Assert.Equal(Association.Positive, up.Association);
        Assert.Equal("strong", up.Strength);
        Assert.Contains("same order (strong positive association)", up.Describe("x", "y", "runs"));
        Assert.Contains("over 8 runs", up.Describe("x", "y", "runs"));

        var down = RankCorrelation.Of(x, x.Select(v => -v).ToArray(), seed: 2);
        Assert.All(new[] { down.Rho, down.Lower, down.Upper }, v => Assert.Equal(-1.0, v, 12));
        Assert.Equal(Association.Negative, down.Association);
        Assert.Contains("opposite orders", down.Describe("x", "y"));
    }

    [Fact]
    public void Independent_values_include_zero_and_say_so()
    {
        var random = new Random(11);
        var x = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var r = RankCorrelation.Of(x, y, seed: 5);
        Assert.Equal(ExperimentStatistics.Spearman(x, y), r.Rho);
        Assert.True(r.Lower < 0 && r.Upper > 0, r.ToString());
        Assert.Equal(Association.None, r.Association);
        Assert.Contains("the interval includes 0 — no evidence of association between a and b", r.Describe("a", "b"));
        // The interval is the library's bootstrap of Spearman's ρ over resampled pairs, with the same seed.
        var (lower, upper) = Bootstrap.Interval(200, idx => ExperimentStatistics.Spearman(idx.Select(i => x[i]).ToArray(), idx.Select(i => y[i]).ToArray()), seed: 5);
        Assert.Equal((lower, upper), (r.Lower, r.Upper));
    }

    [Fact]
    public void A_constant_series_is_undefined_and_bad_input_is_refused()
    {
        var r = RankCorrelation.Of([1.0, 1, 1], [1.0, 2, 3]);
        Assert.True(double.IsNaN(r.Rho) && double.IsNaN(r.Lower) && double.IsNaN(r.Upper));
        Assert.Equal(Association.Undefined, r.Association);
        Assert.Contains("undefined over 3 pairs", r.Describe("a", "b"));
        Assert.Throws<ArgumentException>("x", () => RankCorrelation.Of([1.0], [2.0]));
        Assert.Throws<ArgumentException>("y", () => RankCorrelation.Of([1.0, 2], [2.0]));
        Assert.Throws<ArgumentOutOfRangeException>("level", () => RankCorrelation.Of([1.0, 2], [2.0, 3], level: 1));
        Assert.Throws<ArgumentOutOfRangeException>("resamples", () => RankCorrelation.Of([1.0, 2], [2.0, 3], resamples: 10));
    }
}
