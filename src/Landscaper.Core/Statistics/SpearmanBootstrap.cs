using MathNet.Numerics;
using MathNet.Numerics.Statistics;

namespace Landscaper.Statistics;

/// <summary>
/// Rank correlations with bootstrap intervals, for populations of trained models (one value per model): Spearman's ρ and the
/// partial Spearman correlation of x and y given z. MathNet.Numerics supplies ranks, Pearson correlation, least-squares lines
/// and quantiles; this class adds the resampling and the conventions below.
/// </summary>
/// <remarks>
/// <para><see cref="RankCorrelation.Of"/> also gives Spearman's ρ with a bootstrap interval; both resample through
/// <see cref="Statistics.Bootstrap.Replicates"/> (the same stream for the same seed). This class adds the partial correlation and
/// reports the interval with R-7 quantiles (<see cref="Statistics.Bootstrap.Quantile"/>) and the count of defined resamples. The
/// molecular OOD experiment (notebook 04, docs/results/04) uses this class.</para>
/// </remarks>
/// <remarks>
/// <para><b>Ranks</b> are average ranks (ties share the mean of the ranks they span), recomputed inside every bootstrap resample
/// (a resample repeats models, which creates ties).</para>
/// <para><b>Partial Spearman</b> ρ(x, y | z): rank x, y and z; regress rank(x) on rank(z) and rank(y) on rank(z) by ordinary
/// least squares with an intercept; the Pearson correlation of the two residual series. It equals
/// (ρ_xy − ρ_xz ρ_yz) / √((1 − ρ_xz²)(1 − ρ_yz²)) with the three Spearman coefficients. It asks whether x and y are
/// associated beyond what z explains in both.</para>
/// <para><b>Bootstrap</b>: B resamples of n indices drawn uniformly with replacement from one <see cref="Random"/> seeded with
/// the given seed (resample b uses draws b·n … b·n + n − 1 of that stream); the statistic is recomputed on each resample;
/// resamples where it is undefined (NaN) are dropped; the interval is the percentile interval: quantiles (1 − level)/2 and
/// (1 + level)/2 of the defined replicates, quantile definition R-7 (linear interpolation between order statistics, NumPy's
/// default). When fewer than half of the resamples give a defined statistic (tiny samples, many ties) the interval is
/// undefined (NaN bounds): the remaining replicates would not be a bootstrap of the statistic. The same inputs and seed give
/// the same interval.</para>
/// </remarks>
public static class SpearmanBootstrap
{
    /// <summary>Default number of bootstrap resamples.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>Spearman's ρ of x and y with a bootstrap percentile interval (resampling pairs).</summary>
    /// <param name="x">First series (finite).</param>
    /// <param name="y">Second series (finite, same length, at least 3 values).</param>
    /// <param name="resamples">Bootstrap resamples (≥ 1).</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="level">Coverage in (0, 1), e.g. 0.95.</param>
    /// <exception cref="ArgumentException">Different lengths, fewer than 3 values, or a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> &lt; 1 or <paramref name="level"/> outside (0, 1).</exception>
    public static BootstrapInterval SpearmanInterval(IReadOnlyList<double> x, IReadOnlyList<double> y, int resamples = DefaultResamples,
        int seed = 0, double level = 0.95)
    {
        Require(x, nameof(x));
        Require(y, nameof(y));
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values and y has {y.Count}.", nameof(y));
        return Bootstrap(x.Count, idx => ExperimentStatistics.Spearman(Pick(x, idx), Pick(y, idx)), resamples, seed, level);
    }

    /// <summary>The partial Spearman correlation ρ(x, y | z) (see the remarks of <see cref="SpearmanBootstrap"/>); NaN when a
    /// residual series is constant (x or y is a monotone function of z, or constant).</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than 3 values, or a non-finite value.</exception>
    public static double PartialSpearman(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> z)
    {
        Require(x, nameof(x));
        Require(y, nameof(y));
        Require(z, nameof(z));
        if (x.Count != y.Count || x.Count != z.Count)
            throw new ArgumentException($"x, y and z have {x.Count}, {y.Count} and {z.Count} values; they must match.", nameof(z));
        return Partial(x.ToArray(), y.ToArray(), z.ToArray());
    }

    /// <summary>ρ(x, y | z) with a bootstrap percentile interval (resampling triples).</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than 3 values, or a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> &lt; 1 or <paramref name="level"/> outside (0, 1).</exception>
    public static BootstrapInterval PartialSpearmanInterval(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> z,
        int resamples = DefaultResamples, int seed = 0, double level = 0.95)
    {
        PartialSpearman(x, y, z); // validates
        return Bootstrap(x.Count, idx => Partial(Pick(x, idx), Pick(y, idx), Pick(z, idx)), resamples, seed, level);
    }

    private static BootstrapInterval Bootstrap(int n, Func<int[], double> statistic, int resamples, int seed, double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "Must be in (0, 1).");
        double estimate = statistic(Enumerable.Range(0, n).ToArray());
        var replicates = Statistics.Bootstrap.Replicates(n, statistic, seed, resamples);
        double lo = double.NaN, hi = double.NaN;
        if (replicates.Length >= 2 && 2 * replicates.Length >= resamples)
        {
            lo = Statistics.Bootstrap.Quantile(replicates, (1 - level) / 2, QuantileDefinition.R7);
            hi = Statistics.Bootstrap.Quantile(replicates, (1 + level) / 2, QuantileDefinition.R7);
        }
        return new BootstrapInterval(estimate, lo, hi, level, resamples, replicates.Length, n, seed);
    }

    private static double[] Pick(IReadOnlyList<double> values, int[] idx)
    {
        var r = new double[idx.Length];
        for (int i = 0; i < idx.Length; i++) r[i] = values[idx[i]];
        return r;
    }

    private static double Partial(double[] x, double[] y, double[] z)
    {
        var rx = x.Ranks(RankDefinition.Average);
        var ry = y.Ranks(RankDefinition.Average);
        var rz = z.Ranks(RankDefinition.Average);
        return PearsonOrNaN(Residuals(rx, rz), Residuals(ry, rz));
    }

    /// <summary>Residuals of the least-squares line of <paramref name="v"/> on <paramref name="on"/> (centred values when
    /// <paramref name="on"/> is constant).</summary>
    private static double[] Residuals(double[] v, double[] on)
    {
        var r = new double[v.Length];
        if (IsConstant(on))
        {
            double mean = v.Average();
            for (int i = 0; i < v.Length; i++) r[i] = v[i] - mean;
            return r;
        }
        var (intercept, slope) = Fit.Line(on, v);
        for (int i = 0; i < v.Length; i++) r[i] = v[i] - (intercept + slope * on[i]);
        return r;
    }

    private static double PearsonOrNaN(double[] a, double[] b)
    {
        // Residuals that are zero up to rounding count as constant.
        if (Spread(a) <= 1e-12 * (1 + MaxAbs(a)) * a.Length || Spread(b) <= 1e-12 * (1 + MaxAbs(b)) * b.Length) return double.NaN;
        return Math.Clamp(Correlation.Pearson(a, b), -1, 1);
    }

    private static double Spread(double[] v) => v.Max() - v.Min();

    private static double MaxAbs(double[] v) => v.Max(Math.Abs);

    private static bool IsConstant(double[] v) => v.All(t => t.Equals(v[0]));

    private static void Require(IReadOnlyList<double> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.Count < 3) throw new ArgumentException($"At least 3 values are needed; got {values.Count}.", paramName);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Value {i} is {values[i]}; all values must be finite.", paramName);
    }
}
