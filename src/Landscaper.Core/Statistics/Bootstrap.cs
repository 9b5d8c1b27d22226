using MathNet.Numerics.Statistics;

namespace Landscaper.Statistics;

/// <summary>Seeded bootstrap percentile intervals — the one home for the resampling of the workbench's statistics.</summary>
/// <remarks>Resample b draws n unit indices uniformly with replacement as draws b·n … b·n + n − 1 of one
/// <see cref="Random"/> seeded with the given seed; the statistic is recomputed on each resample; resamples where it is
/// not finite (e.g. a correlation of a constant resample) are dropped; when fewer than half of the resamples (or fewer
/// than two) remain, the interval is undefined (NaN ends). The same inputs and seed give the same interval.</remarks>
public static class Bootstrap
{
    /// <summary>Percentile interval of the mean of <paramref name="values"/> from <paramref name="resamples"/> seeded resamples.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static (double Lower, double Upper) MeanInterval(IReadOnlyList<double> values, int seed = 0, int resamples = 10_000, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("No values to resample.", nameof(values));
        return Interval(values.Count, idx => { double s = 0; foreach (int i in idx) s += values[i]; return s / idx.Length; }, seed, resamples, level);
    }

    /// <summary>Percentile interval of a statistic of <paramref name="count"/> units, computed by <paramref name="statistic"/>
    /// on resampled unit indices (see the remarks of <see cref="Bootstrap"/>).</summary>
    /// <param name="count">Number of units n (≥ 1).</param>
    /// <param name="statistic">The statistic of the units whose indices it is given.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="resamples">Number of resamples (≥ 1).</param>
    /// <param name="level">Coverage in (0, 1).</param>
    /// <param name="definition">Quantile definition of the interval's ends: MathNet's default R-8 (used by notebook 02's
    /// published results), or R-7 (NumPy's default linear interpolation).</param>
    public static (double Lower, double Upper) Interval(int count, Func<int[], double> statistic, int seed = 0, int resamples = 10_000, double level = 0.95,
        QuantileDefinition definition = QuantileDefinition.R8)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "Must be in (0, 1).");
        var replicates = Replicates(count, statistic, seed, resamples);
        if (replicates.Length < 2 || 2 * replicates.Length < resamples) return (double.NaN, double.NaN);
        double alpha = (1 - level) / 2;
        return (Quantile(replicates, alpha, definition), Quantile(replicates, 1 - alpha, definition));
    }

    /// <summary>The finite values of the statistic on <paramref name="resamples"/> seeded resamples, in resample order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="resamples"/> below 1.</exception>
    public static double[] Replicates(int count, Func<int[], double> statistic, int seed, int resamples)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "At least one unit is needed.");
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "Must be ≥ 1.");
        var rng = new Random(seed);
        var stats = new List<double>(resamples);
        var idx = new int[count];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < count; i++) idx[i] = rng.Next(count);
            double s = statistic(idx);
            if (double.IsFinite(s)) stats.Add(s);
        }
        return stats.ToArray();
    }

    /// <summary>The <paramref name="p"/>-quantile of <paramref name="values"/> by <paramref name="definition"/> (R-7: with
    /// the values sorted as v₀ … v_{n−1} and h = (n − 1)·p, v_⌊h⌋ + (h − ⌊h⌋)(v_⌊h⌋+1 − v_⌊h⌋)).</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> outside [0, 1].</exception>
    public static double Quantile(IReadOnlyList<double> values, double p, QuantileDefinition definition = QuantileDefinition.R7)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(values));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Must be in [0, 1].");
        var sorted = values.ToArray();
        foreach (double v in sorted)
            if (!double.IsFinite(v)) throw new ArgumentException("Every value must be finite.", nameof(values));
        Array.Sort(sorted);
        return SortedArrayStatistics.QuantileCustom(sorted, p, definition);
    }
}
