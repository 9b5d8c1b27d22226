using Landscaper.Topology;
using Landscaper.Metrics;

namespace Landscaper.Experiments;

/// <summary>A landscape sampled in the top Hessian eigen-directions of one checkpoint and its topological summary. Immutable.</summary>
/// <param name="Landscape">The sampled landscape (loss on the analysis batches), kept for plots.</param>
/// <param name="Smad">SMAD plain, normalised and weighted (<see cref="TopologyAnalysis.Smad"/>).</param>
/// <param name="Minima">Number of local minima (points of the sublevel persistence diagram, the global one included).</param>
/// <param name="PersistenceRange">The Python package's <c>persistence_range</c>.</param>
/// <param name="TotalPersistence">Sum of the finite persistences of the minima.</param>
/// <param name="SignificantMinima">Minima whose persistence is strictly above
/// <see cref="CheckpointAnalysisOptions.PersistenceFraction"/> × <paramref name="PersistenceRange"/> (the global minimum included).</param>
/// <param name="CentreLoss">Loss at the grid centre (the checkpoint itself).</param>
/// <param name="ValueRange">max − min of the landscape.</param>
/// <param name="Seconds">Wall time of sampling and topology.</param>
public sealed record LandscapeSummary(Landscape Landscape, SmadValues Smad, int Minima, double PersistenceRange,
    double TotalPersistence, int SignificantMinima, double CentreLoss, double ValueRange, double Seconds)
{
    /// <summary>Number of grid axes.</summary>
    public int Dimensions => Landscape.Dimensions;

    /// <summary>Summarises a topology analysis.</summary>
    /// <param name="analysis">Result of <see cref="LandscapeTopology.Analyze"/>.</param>
    /// <param name="persistenceFraction">Fraction of the persistence range above which a minimum is significant.</param>
    /// <param name="centreLoss">Loss at the grid centre.</param>
    /// <param name="seconds">Wall time to record.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="persistenceFraction"/> outside [0, 1].</exception>
    public static LandscapeSummary From(TopologyAnalysis analysis, double persistenceFraction, double centreLoss, double seconds)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!(persistenceFraction >= 0 && persistenceFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(persistenceFraction), persistenceFraction, "Must be in [0, 1].");
        double threshold = persistenceFraction * analysis.PersistenceRange;
        return new LandscapeSummary(analysis.Landscape, analysis.Smad, analysis.MinimumDiagram.Pairs.Count, analysis.PersistenceRange,
            analysis.MinimumDiagram.FinitePairs.Sum(p => p.Persistence),
            analysis.MinimumDiagram.Pairs.Count(p => p.Persistence > threshold), centreLoss, analysis.ValueRange, seconds);
    }
}
