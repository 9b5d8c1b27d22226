namespace Landscaper.Topology;

/// <summary>
/// The merge tree of the sublevel (join tree) or superlevel (split tree) sets of a landscape, augmented with the arc
/// each grid point lies on.
/// </summary>
/// <remarks>
/// <para>Defined by a sweep over the points in filtration order (see <see cref="Filtration"/> for the tie rule) with
/// union-find: a point with no earlier neighbour starts a component (a leaf), a point touching one component extends
/// it, a point touching k ≥ 2 components is a saddle with k children. (Computed by <c>MergeTreeFromBasins</c>, which
/// sweeps only the points where steepest-descent basins meet.) The last point is the <see cref="MergeTreeNodeKind.Root"/>
/// unless it is already a saddle (or the only point).</para>
/// <para><b>Counting.</b> With only binary joins, #leaves − #saddles = 1. A point may merge 3 or more components
/// at once (several neighbours in distinct components); it is one saddle with &gt; 2 children, and in general
/// #leaves − 1 = Σ over saddles of (children − 1).</para>
/// <para><b>Augmentation.</b> <see cref="ArcLabels"/> gives, per point, the arc it lies on (one int per point). A
/// leaf or saddle point lies on the arc leaving it; the root point lies on the arc entering it from its first
/// child. Only a one-point grid has label −1.</para>
/// </remarks>
public sealed class MergeTree
{
    private readonly MergeTreeNode[] _nodes;
    private readonly MergeTreeArc[] _arcs;
    private readonly int[] _arcLabels;

    internal MergeTree(Filtration filtration, Connectivity connectivity, MergeTreeNode[] nodes, int[] arcLabels)
    {
        Filtration = filtration;
        Connectivity = connectivity;
        _nodes = nodes;
        _arcLabels = arcLabels;
        _arcs = new MergeTreeArc[Math.Max(nodes.Length - 1, 0)];
        foreach (var node in nodes)
            if (node.Parent >= 0) _arcs[node.Id] = new MergeTreeArc(node.Id, node.Id, node.Parent);
    }

    /// <summary>Builds the merge tree of <paramref name="landscape"/> for one filtration.</summary>
    /// <exception cref="ArgumentException">The landscape has non-finite values (apply a <see cref="NonFinitePolicy"/> first).</exception>
    public static MergeTree Build(Landscape landscape, Filtration filtration = Filtration.Sublevel, Connectivity connectivity = Connectivity.Axis)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        landscape.EnsureFinite(nameof(landscape));
        var neighbourhood = GridNeighbourhood.For(landscape, connectivity);
        var steepest = new int[landscape.Count];
        var basins = Basins.Compute(landscape.ValuesArray, neighbourhood, filtration, steepest);
        return MergeTreeFromBasins.Build(landscape.ValuesArray, neighbourhood, basins, steepest);
    }

    /// <summary>Sublevel or superlevel.</summary>
    public Filtration Filtration { get; }

    /// <summary>The grid graph the tree was built on.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>Nodes in filtration order (node id = position).</summary>
    public IReadOnlyList<MergeTreeNode> Nodes => _nodes;

    /// <summary>Arcs; arc id = id of its child node, so there is one arc per non-root node.</summary>
    public IReadOnlyList<MergeTreeArc> Arcs => _arcs;

    /// <summary>Arc id of every grid point (flat C order).</summary>
    public ReadOnlySpan<int> ArcLabels => _arcLabels;

    /// <summary>Number of grid points.</summary>
    public int PointCount => _arcLabels.Length;

    /// <summary>The root node (last in the filtration).</summary>
    public MergeTreeNode Root => _nodes[^1];

    /// <summary>Number of leaves (minima or maxima).</summary>
    public int LeafCount => _nodes.Count(n => n.IsLeaf);

    /// <summary>Number of saddle nodes.</summary>
    public int SaddleCount => _nodes.Count(n => n.Kind == MergeTreeNodeKind.Saddle);

    /// <summary>The leaves (minima of a sublevel tree, maxima of a superlevel tree) in filtration order.</summary>
    public IEnumerable<MergeTreeNode> Leaves => _nodes.Where(n => n.IsLeaf);

    /// <summary>Ids of the children of node <paramref name="nodeId"/>, ascending.</summary>
    public IReadOnlyList<int> Children(int nodeId)
    {
        if ((uint)nodeId >= (uint)_nodes.Length)
            throw new ArgumentOutOfRangeException(nameof(nodeId), nodeId, $"Must be in [0, {_nodes.Length}).");
        var children = new List<int>();
        for (int i = 0; i < nodeId; i++) if (_nodes[i].Parent == nodeId) children.Add(i);
        return children;
    }

    /// <summary>Number of grid points on each arc (indexed by arc id).</summary>
    public int[] ArcSizes()
    {
        var sizes = new int[_arcs.Length];
        foreach (int a in _arcLabels) if (a >= 0) sizes[a]++;
        return sizes;
    }

    /// <summary>The 0-dimensional persistence diagram of this filtration by the elder rule.</summary>
    public PersistenceDiagram Persistence() => PersistenceDiagram.FromMergeTree(this);

    /// <summary>Removes every branch whose leaf has elder-rule persistence below <paramref name="threshold"/>.</summary>
    /// <remarks>A pruned branch's points join the arc of the surviving (elder) child at the saddle where it was cut;
    /// saddles left with one child become regular and their two arcs are concatenated. The essential branch always
    /// survives. Persistence is monotone along a branch hierarchy, so a pruned subtree contains only pruned leaves.</remarks>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is negative or NaN.</exception>
    public MergeTree Simplify(double threshold)
    {
        if (!(threshold >= 0))
            throw new ArgumentException($"threshold must be ≥ 0 (got {threshold}).", nameof(threshold));
        return MergeTreeSimplification.Run(this, threshold);
    }

    internal MergeTreeNode[] NodeArray => _nodes;
    internal int[] ArcLabelArray => _arcLabels;
}
