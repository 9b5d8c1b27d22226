using Landscaper.Topology;
namespace Landscaper.Metrics;

/// <summary>Wall-clock seconds spent in <see cref="LandscapeTopology.Analyze"/>.</summary>
/// <param name="MergeTree">Both merge trees (event detection, event sort, union-find sweep, arc labels), given the basins.</param>
/// <param name="Basins">Both steepest-descent/ascent labellings.</param>
/// <param name="Total">Everything, including pairs, diagrams and SMAD.</param>
public sealed record TopologyTimings(double MergeTree, double Basins, double Total);
