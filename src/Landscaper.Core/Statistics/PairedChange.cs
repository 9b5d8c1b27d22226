using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Landscaper.Statistics;

/// <summary>
/// A paired change over units (e.g. seeds): value "after" minus value "before" for each unit, summarised by the mean
/// difference with a seeded bootstrap percentile interval, and by an exact two-sided sign test (zero differences are
/// dropped, as the test prescribes, and counted separately).
/// </summary>
/// <param name="Count">Number of pairs.</param>
/// <param name="MeanBefore">Mean of the "before" values.</param>
/// <param name="MeanAfter">Mean of the "after" values.</param>
/// <param name="MeanDifference">Mean of after − before.</param>
/// <param name="Lower">Lower end of the bootstrap percentile interval of the mean difference.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Level">Confidence level of the interval (e.g. 0.95).</param>
/// <param name="Increases">Pairs with after &gt; before.</param>
/// <param name="Decreases">Pairs with after &lt; before.</param>
/// <param name="Ties">Pairs with after = before (e.g. both 0).</param>
/// <param name="SignTestP">Exact two-sided sign-test p-value over the non-tied pairs (1 when all are tied).</param>
public sealed record PairedChange(int Count, double MeanBefore, double MeanAfter, double MeanDifference, double Lower, double Upper, double Level,
    int Increases, int Decreases, int Ties, double SignTestP)
{
    /// <summary>Decreased / increased when the interval excludes 0, otherwise no change.</summary>
    public ChangeDirection Direction => Upper < 0 ? ChangeDirection.Decreased : Lower > 0 ? ChangeDirection.Increased : ChangeDirection.NoChange;

    /// <summary>e.g. "decreased: −0.12 [−0.20, −0.05] (5 seeds: 0↑ 5↓ 0=, sign test p = 0.062)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Direction switch { ChangeDirection.Decreased => "decreased", ChangeDirection.Increased => "increased", _ => "no change" }}: " +
        $"{MeanDifference:G3} [{Lower:G3}, {Upper:G3}] ({Count} pairs: {Increases}↑ {Decreases}↓ {Ties}=, sign test p = {SignTestP:G2})");

    /// <summary>Summarises the pairs (<paramref name="before"/>[i], <paramref name="after"/>[i]).</summary>
    /// <param name="before">Values before, one per unit.</param>
    /// <param name="after">Values after, same units and order.</param>
    /// <param name="seed">Seed of the bootstrap resampling.</param>
    /// <param name="resamples">Bootstrap resamples (≥ 100).</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    /// <exception cref="ArgumentException">Different lengths, no pairs, non-finite values, or bad settings.</exception>
    public static PairedChange Of(IReadOnlyList<double> before, IReadOnlyList<double> after, int seed = 0, int resamples = 10_000, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count != after.Count) throw new ArgumentException($"{before.Count} values before but {after.Count} after.", nameof(after));
        if (before.Count == 0) throw new ArgumentException("At least one pair is needed.", nameof(before));
        if (resamples < 100) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "At least 100 bootstrap resamples.");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be in (0, 1).");
        var d = new double[before.Count];
        for (int i = 0; i < d.Length; i++)
        {
            if (!double.IsFinite(before[i]) || !double.IsFinite(after[i])) throw new ArgumentException($"Pair {i} is not finite.", nameof(before));
            d[i] = after[i] - before[i];
        }
        var (lower, upper) = Bootstrap.MeanInterval(d, seed, resamples, level);
        int up = d.Count(x => x > 0), down = d.Count(x => x < 0);
        return new PairedChange(d.Length, before.Average(), after.Average(), d.Average(), lower, upper, level, up, down, d.Length - up - down,
            SignTest(up, down));
    }

    /// <summary>Exact two-sided sign test: P(|K − n/2| ≥ |k − n/2|) for K ~ Binomial(n = up + down, ½).</summary>
    public static double SignTest(int up, int down)
    {
        if (up < 0 || down < 0) throw new ArgumentOutOfRangeException(nameof(up), "Counts must be ≥ 0.");
        int n = up + down;
        if (n == 0) return 1;
        int k = Math.Min(up, down);
        double tail = Binomial.CDF(0.5, n, k);
        return Math.Min(1, 2 * tail);
    }
}
