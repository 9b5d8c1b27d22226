using Landscaper.Metrics;

namespace Landscaper.LossLandscapes;

/// <summary>One sampled loss landscape and its topology.</summary>
/// <param name="Dimensions">Number of directions spanning it.</param>
/// <param name="Steps">Points per axis.</param>
/// <param name="Radius">Half-width of every axis as a fraction of ‖θ0‖.</param>
/// <param name="Landscape">The loss on the grid (axis coordinates in units of the scaled directions, as the package).</param>
/// <param name="Topology">Merge trees, persistence, basins and SMAD of the whole grid (axis connectivity).</param>
/// <param name="Seconds">Sampling and analysis time (wall clock).</param>
public sealed record AnalyzedLandscape(int Dimensions, int Steps, double Radius, Landscape Landscape, TopologyAnalysis Topology, double Seconds)
{
    /// <summary>Number of local minima (leaves of the sublevel merge tree).</summary>
    public int Minima => Topology.SublevelTree.LeafCount;
}
