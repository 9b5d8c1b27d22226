namespace Landscaper.Topology;

/// <summary>What a merge-tree node is.</summary>
public enum MergeTreeNodeKind
{
    /// <summary>A leaf of the sublevel tree: a local minimum (in the total order) where a component is born.</summary>
    Minimum = 0,
    /// <summary>A leaf of the superlevel tree: a local maximum (in the total order) where a component is born.</summary>
    Maximum = 1,
    /// <summary>A join: the point at which two or more components merge (it may have more than two children).</summary>
    Saddle = 2,
    /// <summary>The last point of the filtration (global maximum of a sublevel tree, global minimum of a superlevel
    /// tree) when it is not itself a saddle.</summary>
    Root = 3,
}

/// <summary>A node of a <see cref="MergeTree"/>.</summary>
/// <param name="Id">Node id; ids increase along the filtration order, so every child has a smaller id than its parent.</param>
/// <param name="Kind">Leaf, saddle or root.</param>
/// <param name="Point">Flat C-order grid index of the critical point.</param>
/// <param name="Value">Landscape value at <paramref name="Point"/>.</param>
/// <param name="Parent">Id of the parent node, or −1 for the root.</param>
/// <param name="ChildCount">Number of children (0 for leaves, ≥ 2 for saddles, ≥ 1 for a root).</param>
public readonly record struct MergeTreeNode(int Id, MergeTreeNodeKind Kind, int Point, double Value, int Parent, int ChildCount)
{
    /// <summary>True for minima and maxima (the leaves).</summary>
    public bool IsLeaf => Kind is MergeTreeNodeKind.Minimum or MergeTreeNodeKind.Maximum;
}

/// <summary>An arc of a <see cref="MergeTree"/>: the monotone path from a node up (in the filtration) to its parent.</summary>
/// <param name="Id">Arc id; equal to <paramref name="Child"/> (every non-root node has exactly one arc to its parent).</param>
/// <param name="Child">Node id at the start of the arc (lower end in a sublevel tree, upper end in a superlevel tree).</param>
/// <param name="Parent">Node id at the end of the arc.</param>
public readonly record struct MergeTreeArc(int Id, int Child, int Parent);
