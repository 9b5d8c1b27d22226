namespace Landscaper.Topology;

/// <summary>Which grid points count as neighbours: the graph on which every topological structure is built.</summary>
/// <remarks>Neighbours are never stored as an edge list; they are generated from strides and boundary checks
/// (see <see cref="GridNeighbourhood"/>).</remarks>
public enum Connectivity
{
    /// <summary>The 2·d points one step away along a single axis. The default, and exactly the graph the
    /// Python package builds on a regular grid (nglpy's empty-region graph).</summary>
    Axis = 0,

    /// <summary>Neighbours of the Freudenthal (Kuhn) triangulation of each grid cube: offsets in {0,1}^d or
    /// {0,−1}^d other than zero, i.e. 2(2^d − 1) neighbours. The 1-skeleton of a simplicial complex, so
    /// merge and contour trees agree with the piecewise-linear interpolant.</summary>
    Freudenthal = 1,

    /// <summary>All 3^d − 1 points of the surrounding cube (the "king's move" neighbourhood).</summary>
    Full = 2,
}
