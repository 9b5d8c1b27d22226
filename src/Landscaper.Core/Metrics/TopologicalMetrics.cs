using Landscaper.Topology;
namespace Landscaper.Metrics;

/// <summary>A scalar summary of a <see cref="TopologyAnalysis"/>: implement it (or use <see cref="TopologicalMetric.Create"/>)
/// to prototype new landscape metrics.</summary>
public interface ITopologicalMetric
{
    /// <summary>Short snake_case name, used as a column or JSON key.</summary>
    string Name { get; }

    /// <summary>The metric's value for one analysed landscape.</summary>
    double Compute(TopologyAnalysis analysis);
}

/// <summary>Which SMAD variant a <see cref="SmadMetric"/> reports.</summary>
public enum SmadVariant
{
    /// <summary>Mean saddle − minimum gap.</summary>
    Plain,
    /// <summary>Mean gap / (max f − min f).</summary>
    Normalized,
    /// <summary>Mean normalised gap × basin size / point count.</summary>
    Weighted,
}

/// <summary>SMAD (see <see cref="Smad"/>) in one of its variants.</summary>
/// <param name="Variant">Which variant.</param>
public sealed record SmadMetric(SmadVariant Variant = SmadVariant.Plain) : ITopologicalMetric
{
    /// <inheritdoc />
    public string Name => Variant switch { SmadVariant.Plain => "smad", SmadVariant.Normalized => "smad_normalized", _ => "smad_weighted" };

    /// <inheritdoc />
    public double Compute(TopologyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return Variant switch
        {
            SmadVariant.Plain => analysis.Smad.Plain,
            SmadVariant.Normalized => analysis.Smad.Normalized,
            _ => analysis.Smad.Weighted,
        };
    }
}

/// <summary>The Python package's <c>persistence_range</c> (see <see cref="Metrics.PersistenceRange"/>).</summary>
public sealed record PersistenceRangeMetric : ITopologicalMetric
{
    /// <inheritdoc />
    public string Name => "persistence_range";

    /// <inheritdoc />
    public double Compute(TopologyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.PersistenceRange;
    }
}

/// <summary>Number of minima whose elder-rule persistence is strictly above a threshold (the global minimum counts, with
/// persistence max f − min f): the number of "significant" basins.</summary>
/// <param name="Threshold">Persistence threshold (≥ 0).</param>
public sealed record MinimaAbovePersistence(double Threshold) : ITopologicalMetric
{
    /// <inheritdoc />
    public string Name => $"minima_above_persistence({Threshold:R})";

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="Threshold"/> is negative or NaN.</exception>
    public double Compute(TopologyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!(Threshold >= 0)) throw new ArgumentException($"Threshold must be ≥ 0 (got {Threshold}).", nameof(Threshold));
        return analysis.MinimumDiagram.Pairs.Count(p => p.Persistence > Threshold);
    }
}

/// <summary>Sum of the finite persistences of one filtration (the essential class excluded).</summary>
/// <param name="Filtration">Minima (sublevel) or maxima (superlevel).</param>
public sealed record TotalPersistence(Filtration Filtration = Filtration.Sublevel) : ITopologicalMetric
{
    /// <inheritdoc />
    public string Name => Filtration == Filtration.Sublevel ? "total_persistence_minima" : "total_persistence_maxima";

    /// <inheritdoc />
    public double Compute(TopologyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var diagram = Filtration == Filtration.Sublevel ? analysis.MinimumDiagram : analysis.MaximumDiagram;
        return diagram.FinitePairs.Sum(p => p.Persistence);
    }
}

/// <summary>Helpers for ad-hoc metrics.</summary>
public static class TopologicalMetric
{
    /// <summary>A metric from a name and a function (for notebooks).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static ITopologicalMetric Create(string name, Func<TopologyAnalysis, double> compute)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A metric needs a non-empty name.", nameof(name));
        ArgumentNullException.ThrowIfNull(compute);
        return new DelegateMetric(name, compute);
    }

    /// <summary>The built-in metrics that every analysis reports (<c>landscaper analyze</c>'s <c>metrics</c>, the columns
    /// of <c>LossLandscapeResult.Summary()</c>): three SMAD variants, persistence range, total persistence of minima and
    /// maxima, basin entropy (unfiltered and with the 5 % persistence filter).</summary>
    public static IReadOnlyList<ITopologicalMetric> Standard { get; } =
    [
        new SmadMetric(SmadVariant.Plain), new SmadMetric(SmadVariant.Normalized), new SmadMetric(SmadVariant.Weighted),
        new PersistenceRangeMetric(), new TotalPersistence(Filtration.Sublevel), new TotalPersistence(Filtration.Superlevel),
        new BasinEntropy(), new BasinEntropy(0.05),
    ];

    /// <summary>Every metric of <paramref name="metrics"/> (default <see cref="Standard"/>) on one analysis, by name, in order.</summary>
    public static IReadOnlyDictionary<string, double> Evaluate(TopologyAnalysis analysis, IEnumerable<ITopologicalMetric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var values = new Dictionary<string, double>();
        foreach (var m in metrics ?? Standard) values[m.Name] = m.Compute(analysis);
        return values;
    }

    private sealed record DelegateMetric(string Name, Func<TopologyAnalysis, double> Function) : ITopologicalMetric
    {
        public double Compute(TopologyAnalysis analysis) => Function(analysis);
    }
}
