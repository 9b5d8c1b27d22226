namespace Landscaper.Topology;

/// <summary>What a contour-tree node is, from its number of lower and upper arcs.</summary>
public enum ContourTreeNodeKind
{
    /// <summary>No lower arc: a level-set component is born here.</summary>
    Minimum = 0,
    /// <summary>No upper arc: a level-set component vanishes here.</summary>
    Maximum = 1,
    /// <summary>Two or more lower arcs and one upper arc: contours merge (a join saddle).</summary>
    JoinSaddle = 2,
    /// <summary>One lower arc and two or more upper arcs: a contour splits (a split saddle).</summary>
    SplitSaddle = 3,
    /// <summary>Two or more lower and two or more upper arcs (a degenerate, merged join and split).</summary>
    JoinSplitSaddle = 4,
}

/// <summary>A contour-tree node.</summary>
/// <param name="Id">Node id; ids follow the sublevel filtration order.</param>
/// <param name="Kind">Type from the arc degrees.</param>
/// <param name="Point">Flat C-order index.</param>
/// <param name="Value">Landscape value.</param>
/// <param name="LowerDegree">Number of arcs to lower nodes.</param>
/// <param name="UpperDegree">Number of arcs to higher nodes.</param>
public readonly record struct ContourTreeNode(int Id, ContourTreeNodeKind Kind, int Point, double Value, int LowerDegree, int UpperDegree);

/// <summary>A contour-tree arc between a lower and an upper node (monotone in the total order).</summary>
/// <param name="Id">Arc id.</param>
/// <param name="Lower">Node id of the lower end.</param>
/// <param name="Upper">Node id of the upper end.</param>
public readonly record struct ContourTreeArc(int Id, int Lower, int Upper);

/// <summary>
/// The contour tree: the join (sublevel) and split (superlevel) merge trees merged by the Carr–Snoeyink–Axen
/// algorithm, with regular points contracted onto arcs.
/// </summary>
/// <remarks>
/// <para><b>Algorithm.</b> Both augmented merge trees (every grid point a vertex) come from the union-find sweeps.
/// A vertex with no superlevel children and one sublevel child is an upper leaf: its arc runs to its parent in the
/// superlevel tree; symmetrically for lower leaves. Each leaf is emitted and removed from both trees (spliced out of
/// the tree in which it has one child and one parent; the single child is found from an XOR of child ids) until one
/// vertex is left: N − 1 augmented arcs. Vertices with exactly one lower and one upper arc are then contracted.</para>
/// <para><b>Order.</b> Join and split trees must come from one total order, so here both use (value, flat index) — the
/// split sweep is its exact reverse. On plateaus a maximum of the contour tree is therefore the tie's largest flat index,
/// whereas <see cref="Filtration.Superlevel"/> merge trees (which use the order of −f) pick the smallest. Without ties
/// the two agree.</para>
/// <para><b>Domain.</b> The default is the Freudenthal triangulation (a simplicial complex of the grid cubes, so level
/// sets are those of the piecewise-linear interpolant); <see cref="Connectivity.Full"/> works too (its clique complex
/// is contractible). <see cref="Connectivity.Axis"/> is accepted only for effectively 1-D grids. In two or more
/// dimensions every local minimum and maximum is a leaf; on a 1-D path an interior extremum has two arcs (its level
/// set is two points).</para>
/// </remarks>
public sealed class ContourTree
{
    private readonly ContourTreeNode[] _nodes;
    private readonly ContourTreeArc[] _arcs;
    private readonly int[] _arcLabels;

    private ContourTree(Connectivity connectivity, ContourTreeNode[] nodes, ContourTreeArc[] arcs, int[] arcLabels)
    {
        Connectivity = connectivity;
        _nodes = nodes;
        _arcs = arcs;
        _arcLabels = arcLabels;
    }

    /// <summary>The grid graph the tree was built on.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>Critical nodes in sublevel filtration order.</summary>
    public IReadOnlyList<ContourTreeNode> Nodes => _nodes;

    /// <summary>Arcs (V − 1 of them).</summary>
    public IReadOnlyList<ContourTreeArc> Arcs => _arcs;

    /// <summary>Per grid point: the arc a regular point lies on, or −1 for a node point.</summary>
    public ReadOnlySpan<int> ArcLabels => _arcLabels;

    /// <summary>Nodes with exactly one arc.</summary>
    public IEnumerable<ContourTreeNode> Leaves => _nodes.Where(n => n.LowerDegree + n.UpperDegree == 1);

    /// <summary>Builds the contour tree of <paramref name="landscape"/> on a triangulated grid.</summary>
    /// <exception cref="ArgumentException">Non-finite values, or <see cref="Connectivity.Axis"/> on a grid with two or more
    /// axes of length &gt; 1: the axis graph has cycles, its Reeb graph has loops and is not a tree.</exception>
    public static ContourTree Build(Landscape landscape, Connectivity connectivity = Connectivity.Freudenthal)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        landscape.EnsureFinite(nameof(landscape));
        if (connectivity == Connectivity.Axis && landscape.Shape.Count(n => n > 1) >= 2)
            throw new ArgumentException(
                "The contour tree needs a simply connected domain: use Freudenthal (or Full) connectivity. The axis-neighbour graph " +
                "of a grid with two or more non-trivial axes has cycles, so its Reeb graph is not a tree.", nameof(connectivity));
        var values = landscape.ValuesArray;
        int n = values.Length;
        var neighbourhood = GridNeighbourhood.For(landscape, connectivity);
        var order = FiltrationOrder.Sublevel(values);
        var joinParent = new int[n];
        MergeTreeSweep.Run(values, order, neighbourhood, Filtration.Sublevel, augmentedParent: joinParent);
        // Both trees must sweep one total order: the split tree uses the exact reverse of (value, index).
        var splitOrder = (int[])order.Clone();
        Array.Reverse(splitOrder);
        var splitParent = new int[n];
        MergeTreeSweep.Run(values, splitOrder, neighbourhood, Filtration.Superlevel, augmentedParent: splitParent);

        var (lower, upper) = MergeJoinAndSplit(joinParent, splitParent);
        return Contract(connectivity, values, order, lower, upper);
    }

    /// <summary>Carr–Snoeyink–Axen: peel leaves off the augmented join and split trees.</summary>
    private static (int[] Lower, int[] Upper) MergeJoinAndSplit(int[] joinParent, int[] splitParent)
    {
        int n = joinParent.Length;
        var joinChildren = new int[n];
        var joinChildXor = new int[n];
        var splitChildren = new int[n];
        var splitChildXor = new int[n];
        for (int v = 0; v < n; v++)
        {
            if (joinParent[v] >= 0) { joinChildren[joinParent[v]]++; joinChildXor[joinParent[v]] ^= v; }
            if (splitParent[v] >= 0) { splitChildren[splitParent[v]]++; splitChildXor[splitParent[v]] ^= v; }
        }
        var lower = new int[Math.Max(n - 1, 0)];
        var upper = new int[Math.Max(n - 1, 0)];
        var removed = new bool[n];
        var queue = new Queue<int>();
        for (int v = 0; v < n; v++) if (IsLeaf(v)) queue.Enqueue(v);
        int arcs = 0;
        while (queue.Count > 0 && arcs < n - 1)
        {
            int v = queue.Dequeue();
            if (removed[v] || !IsLeaf(v)) continue;
            removed[v] = true;
            bool upperLeaf = splitChildren[v] == 0 && joinChildren[v] == 1 && splitParent[v] >= 0;
            if (upperLeaf)
            {
                int w = splitParent[v];
                (lower[arcs], upper[arcs]) = (w, v);
                arcs++;
                splitChildren[w]--; splitChildXor[w] ^= v;
                int c = joinChildXor[v], u = joinParent[v];
                joinParent[c] = u;
                if (u >= 0) joinChildXor[u] ^= v ^ c;
                Enqueue(w); Enqueue(c); if (u >= 0) Enqueue(u);
            }
            else
            {
                int w = joinParent[v];
                (lower[arcs], upper[arcs]) = (v, w);
                arcs++;
                joinChildren[w]--; joinChildXor[w] ^= v;
                int c = splitChildXor[v], u = splitParent[v];
                splitParent[c] = u;
                if (u >= 0) splitChildXor[u] ^= v ^ c;
                Enqueue(w); Enqueue(c); if (u >= 0) Enqueue(u);
            }
        }
        if (arcs != n - 1) throw new InvalidOperationException($"Contour tree construction stopped after {arcs} of {n - 1} arcs.");
        return (lower, upper);

        bool IsLeaf(int v) => !removed[v] &&
            ((splitChildren[v] == 0 && joinChildren[v] == 1 && splitParent[v] >= 0) ||
             (joinChildren[v] == 0 && splitChildren[v] == 1 && joinParent[v] >= 0));

        void Enqueue(int v) { if (IsLeaf(v)) queue.Enqueue(v); }
    }

    /// <summary>Contracts vertices with one lower and one upper arc onto arcs between critical nodes.</summary>
    private static ContourTree Contract(Connectivity connectivity, double[] values, int[] order, int[] lower, int[] upper)
    {
        int n = values.Length;
        var down = new int[n];
        var up = new int[n];
        var next = new int[n];
        for (int e = 0; e < lower.Length; e++) { up[lower[e]]++; down[upper[e]]++; next[lower[e]] = upper[e]; }
        var nodeId = new int[n];
        var nodes = new List<ContourTreeNode>();
        foreach (int p in order)
        {
            if (up[p] == 1 && down[p] == 1) { nodeId[p] = -1; continue; }
            var kind = (down[p], up[p]) switch
            {
                (0, _) => ContourTreeNodeKind.Minimum,
                (_, 0) => ContourTreeNodeKind.Maximum,
                (1, _) => ContourTreeNodeKind.SplitSaddle,
                (_, 1) => ContourTreeNodeKind.JoinSaddle,
                _ => ContourTreeNodeKind.JoinSplitSaddle,
            };
            nodeId[p] = nodes.Count;
            nodes.Add(new ContourTreeNode(nodes.Count, kind, p, values[p], down[p], up[p]));
        }
        var labels = new int[n];
        Array.Fill(labels, -1);
        var arcs = new List<ContourTreeArc>();
        for (int e = 0; e < lower.Length; e++)
        {
            if (nodeId[lower[e]] < 0) continue;
            int id = arcs.Count, v = upper[e];
            while (nodeId[v] < 0) { labels[v] = id; v = next[v]; }
            arcs.Add(new ContourTreeArc(id, nodeId[lower[e]], nodeId[v]));
        }
        return new ContourTree(connectivity, nodes.ToArray(), arcs.ToArray(), labels);
    }
}
