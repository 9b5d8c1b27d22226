namespace Landscaper.Statistics;

/// <summary>Statistics used to summarise experiments over seeds and checkpoints.</summary>
public static class ExperimentStatistics
{
    /// <summary>Mean and sample standard deviation (n − 1) of <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">No values, or a value that is not finite.</exception>
    public static MeanSd MeanSd(IReadOnlyList<double> values)
    {
        RequireFinite(values, nameof(values));
        if (values.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(values));
        double mean = values.Average();
        double sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new MeanSd(mean, sd, values.Count);
    }

    /// <summary>Ranks 1 … n in ascending order; tied values all get the average of the ranks they span
    /// (e.g. [10, 20, 20, 30] → [1, 2.5, 2.5, 4]).</summary>
    /// <exception cref="ArgumentException">A value that is not finite.</exception>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        RequireFinite(values, nameof(values));
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;   // average of the 1-based ranks start+1 … end+1
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Pearson correlation coefficient; NaN when either series is constant.</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than two pairs, or a value that is not finite.</exception>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequirePairs(x, y);
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? double.NaN : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>Spearman's rank correlation: the Pearson correlation of the average ranks (<see cref="AverageRanks"/>), which
    /// is the correct coefficient with ties. NaN when either series is constant.</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than two pairs, or a value that is not finite.</exception>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequirePairs(x, y);
        return Pearson(AverageRanks(x), AverageRanks(y));
    }

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
