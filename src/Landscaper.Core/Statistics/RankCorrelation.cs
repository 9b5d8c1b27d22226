using System.Globalization;

namespace Landscaper.Statistics;

/// <summary>
/// Spearman's rank correlation of paired values (<see cref="ExperimentStatistics.Spearman"/>, average ranks for ties)
/// with a seeded percentile-bootstrap interval over the pairs (<see cref="Bootstrap.Interval"/>), and the sentence that
/// states what it shows — so that a notebook's finding is generated from the numbers, never written by hand.
/// </summary>
/// <param name="Count">Number of pairs.</param>
/// <param name="Rho">Spearman's ρ in [−1, 1]; NaN when either series is constant.</param>
/// <param name="Lower">Lower end of the bootstrap percentile interval of ρ (NaN when undefined).</param>
/// <param name="Upper">Upper end of the interval (NaN when undefined).</param>
/// <param name="Level">Confidence level of the interval (e.g. 0.95).</param>
public sealed record RankCorrelation(int Count, double Rho, double Lower, double Upper, double Level)
{
    /// <summary>Positive / negative when the interval excludes 0, none when it contains 0, undefined when ρ or the
    /// interval is NaN.</summary>
    public Association Association =>
        double.IsNaN(Rho) || double.IsNaN(Lower) || double.IsNaN(Upper) ? Association.Undefined
        : Lower > 0 ? Association.Positive
        : Upper < 0 ? Association.Negative
        : Association.None;

    /// <summary>"weak" (|ρ| &lt; 0.3), "moderate" (&lt; 0.6) or "strong" (≥ 0.6), from the point estimate; "undefined" for NaN.</summary>
    public string Strength => double.IsNaN(Rho) ? "undefined" : Math.Abs(Rho) < 0.3 ? "weak" : Math.Abs(Rho) < 0.6 ? "moderate" : "strong";

    /// <summary>ρ and the pairs of <paramref name="x"/> and <paramref name="y"/>, with the bootstrap interval of ρ.</summary>
    /// <param name="x">First quantity, one value per unit.</param>
    /// <param name="y">Second quantity, same units and order.</param>
    /// <param name="seed">Seed of the bootstrap resampling.</param>
    /// <param name="resamples">Bootstrap resamples (≥ 100).</param>
    /// <param name="level">Confidence level in (0, 1).</param>
    /// <exception cref="ArgumentException">Different lengths, fewer than two pairs, non-finite values, or bad settings.</exception>
    public static RankCorrelation Of(IReadOnlyList<double> x, IReadOnlyList<double> y, int seed = 0, int resamples = 10_000, double level = 0.95)
    {
        if (resamples < 100) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "At least 100 bootstrap resamples.");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be in (0, 1).");
        double rho = ExperimentStatistics.Spearman(x, y);   // checks lengths, count and finiteness
        if (double.IsNaN(rho)) return new RankCorrelation(x.Count, rho, double.NaN, double.NaN, level);
        var xs = new double[x.Count];
        var ys = new double[y.Count];
        var (lower, upper) = Bootstrap.Interval(x.Count, idx =>
        {
            for (int i = 0; i < idx.Length; i++) { xs[i] = x[idx[i]]; ys[i] = y[idx[i]]; }
            return ExperimentStatistics.Spearman(xs, ys);
        }, seed, resamples, level);
        return new RankCorrelation(x.Count, rho, lower, upper, level);
    }

    /// <summary>e.g. "ρ = 0.62 [0.41, 0.78] (95 % bootstrap interval, 48 pairs)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ρ = {Rho:F2} [{Lower:F2}, {Upper:F2}] ({Level * 100:G3} % bootstrap interval, {Count} pairs)");

    /// <summary>The finding as a sentence, e.g. "Spearman ρ = 0.62 [0.41, 0.78] over 48 landscapes: the interval excludes 0 —
    /// SMAD and basin entropy rank them in the same order (moderate positive association)." or "… the interval includes 0:
    /// no evidence of association between SMAD and basin entropy."</summary>
    /// <param name="xName">Name of the first quantity.</param>
    /// <param name="yName">Name of the second quantity.</param>
    /// <param name="units">What the pairs are, plural (e.g. "landscapes").</param>
    public string Describe(string xName, string yName, string units = "pairs")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(xName);
        ArgumentException.ThrowIfNullOrWhiteSpace(yName);
        ArgumentException.ThrowIfNullOrWhiteSpace(units);
        if (double.IsNaN(Rho))
            return string.Create(CultureInfo.InvariantCulture, $"Spearman ρ is undefined over {Count} {units}: {xName} or {yName} is constant on them.");
        string head = string.Create(CultureInfo.InvariantCulture,
            $"Spearman ρ = {Rho:F2} [{Lower:F2}, {Upper:F2}] ({Level * 100:G3} % bootstrap interval) over {Count} {units}");
        return Association switch
        {
            Association.Positive => $"{head}: the interval excludes 0 — {xName} and {yName} tend to rank them in the same order ({Strength} positive association).",
            Association.Negative => $"{head}: the interval excludes 0 — {xName} and {yName} tend to rank them in opposite orders ({Strength} negative association).",
            Association.None => $"{head}: the interval includes 0 — no evidence of association between {xName} and {yName}.",
            _ => $"{head}: the bootstrap interval is undefined (too many resamples with a constant series) — no conclusion.",
        };
    }
}
