using MathNet.Numerics.Statistics;

namespace Landscaper.Statistics;

/// <summary>Seeded bootstrap percentile intervals (one home for the resampling).</summary>
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
    /// on resampled unit indices (with replacement). Resamples whose statistic is not finite (e.g. a correlation of a
    /// constant resample) are skipped; NaN ends when fewer than half remain.</summary>
    public static (double Lower, double Upper) Interval(int count, Func<int[], double> statistic, int seed = 0, int resamples = 10_000, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "At least one unit is needed.");
        var rng = new Random(seed);
        var stats = new List<double>(resamples);
        var idx = new int[count];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < count; i++) idx[i] = rng.Next(count);
            double s = statistic(idx);
            if (double.IsFinite(s)) stats.Add(s);
        }
        if (stats.Count < resamples / 2) return (double.NaN, double.NaN);
        var arr = stats.ToArray();
        double alpha = (1 - level) / 2;
        return (arr.Quantile(alpha), arr.Quantile(1 - alpha));
    }
}
