using MathNet.Numerics;
using MathNet.Numerics.Statistics;

namespace Landscaper.Statistics;

/// <summary>Statistics used to summarise experiments over seeds and checkpoints: MathNet.Numerics does the arithmetic; this
/// class adds the input checks and the conventions (sample standard deviation, average ranks for ties, NaN for a
/// constant series).</summary>
public static class ExperimentStatistics
{
    /// <summary>Mean and sample standard deviation (n − 1) of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MeanSd MeanSd(IReadOnlyList<double> values)
    {
        RequireFinite(values, nameof(values));
        if (values.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(values));
        var (mean, sd) = values.Count < 2 ? (values[0], 0.0) : values.MeanStandardDeviation();
        return new MeanSd(mean, sd, values.Count);
    }

    /// <summary>Ranks 1 … n in ascending order; tied values all get the average of the ranks they span
    /// (e.g. [10, 20, 20, 30] → [1, 2.5, 2.5, 4]).</summary>
    /// <exception cref="ArgumentException">A value that is not finite.</exception>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        RequireFinite(values, nameof(values));
        return values.Ranks(RankDefinition.Average);
    }

    /// <summary>Pearson correlation coefficient; NaN when either series is constant.</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than two pairs, or a value that is not finite.</exception>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequirePairs(x, y);
        if (IsConstant(x) || IsConstant(y)) return double.NaN;
        return Math.Clamp(Correlation.Pearson(x, y), -1, 1);
    }

    /// <summary>Spearman's rank correlation: the Pearson correlation of the average ranks (<see cref="AverageRanks"/>), which
    /// is the correct coefficient with ties. NaN when either series is constant.</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than two pairs, or a value that is not finite.</exception>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequirePairs(x, y);
        if (IsConstant(x) || IsConstant(y)) return double.NaN;
        return Math.Clamp(Correlation.Spearman(x, y), -1, 1);
    }

    private static bool IsConstant(IReadOnlyList<double> values) => values.All(v => v.Equals(values[0]));

    private static void RequirePairs(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values and y has {y.Count}.", nameof(y));
        if (x.Count < 2) throw new ArgumentException("At least two pairs are needed.", nameof(x));
        RequireFinite(x, nameof(x));
        RequireFinite(y, nameof(y));
    }

    private static void RequireFinite(IReadOnlyList<double> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Value {i} is {values[i]}; all values must be finite.", paramName);
    }
}
