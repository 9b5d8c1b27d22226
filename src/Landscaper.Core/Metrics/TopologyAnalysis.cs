using Landscaper.Topology;
namespace Landscaper.Metrics;

/// <summary>Everything <see cref="LandscapeTopology.Analyze"/> computes for one landscape. Immutable.</summary>
/// <param name="Landscape">The analysed landscape (after the non-finite policy).</param>
/// <param name="Options">The options used.</param>
/// <param name="SublevelTree">Merge tree of the sublevel sets (leaves = minima).</param>
/// <param name="SuperlevelTree">Merge tree of the superlevel sets (leaves = maxima).</param>
/// <param name="UnstableManifolds">Steepest-descent basins of the minima.</param>
/// <param name="StableManifolds">Steepest-ascent basins of the maxima.</param>
/// <param name="MinimumDiagram">Elder-rule persistence of the minima (sublevel filtration).</param>
/// <param name="MaximumDiagram">Elder-rule persistence of the maxima (superlevel filtration).</param>
/// <param name="SaddleMinimumPairs">The SMAD pairs (Python package semantics, no elder rule).</param>
/// <param name="Smad">SMAD plain, normalised, weighted.</param>
/// <param name="PersistenceRange">The Python package's <c>persistence_range</c>.</param>
/// <param name="Timings">Wall-clock seconds.</param>
public sealed record TopologyAnalysis(
    Landscape Landscape,
    TopologyOptions Options,
    MergeTree SublevelTree,
    MergeTree SuperlevelTree,
    Basins UnstableManifolds,
    Basins StableManifolds,
    PersistenceDiagram MinimumDiagram,
    PersistenceDiagram MaximumDiagram,
    IReadOnlyList<SaddleMinimumPair> SaddleMinimumPairs,
    SmadValues Smad,
    double PersistenceRange,
    TopologyTimings Timings)
{
    /// <summary>Smallest value of the landscape.</summary>
    public double MinValue => SublevelTree.Nodes[0].Value;

    /// <summary>Largest value of the landscape.</summary>
    public double MaxValue => SublevelTree.Root.Value;

    /// <summary>max f − min f.</summary>
    public double ValueRange => MaxValue - MinValue;
}
