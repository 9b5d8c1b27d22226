namespace Landscaper.Topology;

/// <summary>Options of the topology analysis (<c>Metrics.LandscapeTopology.Analyze</c>).</summary>
/// <param name="Connectivity">Grid graph (default: axis neighbours, like the Python package).</param>
/// <param name="NonFinitePolicy">What to do with NaN/±∞ first. <see cref="Landscaper.NonFinitePolicy.Error"/> (default) and
/// <see cref="Landscaper.NonFinitePolicy.Keep"/> refuse non-finite values; <see cref="Landscaper.NonFinitePolicy.Replace"/>
/// applies the Python package's replacement.</param>
public sealed record TopologyOptions(Connectivity Connectivity = Connectivity.Axis, NonFinitePolicy NonFinitePolicy = NonFinitePolicy.Error)
{
    /// <summary>Axis connectivity, non-finite values refused.</summary>
    public static TopologyOptions Default { get; } = new();
}
