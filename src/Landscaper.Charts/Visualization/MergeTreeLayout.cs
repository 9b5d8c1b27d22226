using Landscaper.Topology;

namespace Landscaper.Visualization;

/// <summary>Positions of the nodes of a <see cref="MergeTree"/> for drawing: height = value, and a tidy horizontal layout.</summary>
/// <remarks>
/// <para><b>Layout.</b> The children of every node are ordered by the value of the lowest leaf in their subtree (for a
/// superlevel tree: the highest), so the elder branch (the one that survives by the elder rule) is always drawn first,
/// on the left. An in-order depth-first traversal from the root then visits the leaves left to right; leaf k gets
/// x = k (0, 1, 2, …). Every inner node is centred over its children: x = (x of its first child + x of its last
/// child) / 2. Subtrees therefore occupy disjoint x intervals and arcs never cross.</para>
/// <para>Arcs are drawn as elbows: from the child straight up (in value) to the parent's height, then across to the
/// parent's x.</para>
/// </remarks>
/// <param name="X">Horizontal position of each node (indexed by node id).</param>
/// <param name="Y">Height of each node: its value.</param>
/// <param name="LeafOrder">Node ids of the leaves from left to right.</param>
public sealed record MergeTreeLayout(IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<int> LeafOrder)
{
    /// <summary>Computes the layout of <paramref name="tree"/> (see the remarks for the rule). O(n log n).</summary>
    public static MergeTreeLayout Of(MergeTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var nodes = tree.Nodes;
        int n = nodes.Count;
        var x = new double[n];
        var y = nodes.Select(node => node.Value).ToArray();
        if (n == 0) return new MergeTreeLayout(x, y, []);
        var children = new List<int>[n];
        for (int i = 0; i < n; i++) children[i] = [];
        for (int i = 0; i < n; i++) if (nodes[i].Parent >= 0) children[nodes[i].Parent].Add(i);
        // Extreme leaf value per subtree: children always have smaller ids than their parents.
        double sign = tree.Filtration == Filtration.Sublevel ? 1 : -1;
        var extreme = new double[n];
        for (int i = 0; i < n; i++)
        {
            extreme[i] = children[i].Count == 0 ? sign * nodes[i].Value : double.PositiveInfinity;
            foreach (int c in children[i]) extreme[i] = Math.Min(extreme[i], extreme[c]);
        }
        foreach (var list in children) list.Sort((a, b) => extreme[a] != extreme[b] ? extreme[a].CompareTo(extreme[b]) : a.CompareTo(b));

        var leaves = new List<int>();
        var stack = new Stack<(int Node, bool Expanded)>();
        stack.Push((n - 1, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            var ch = children[node];
            if (ch.Count == 0) { x[node] = leaves.Count; leaves.Add(node); continue; }
            if (expanded) { x[node] = (x[ch[0]] + x[ch[^1]]) / 2; continue; }
            stack.Push((node, true));
            for (int k = ch.Count - 1; k >= 0; k--) stack.Push((ch[k], false));
        }
        return new MergeTreeLayout(x, y, leaves);
    }
}
