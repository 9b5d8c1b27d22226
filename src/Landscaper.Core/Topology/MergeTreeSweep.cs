namespace Landscaper.Topology;

/// <summary>The classic union-find sweep over all points in filtration order that builds a <see cref="MergeTree"/> and,
/// optionally, the augmented join/split tree (every point a vertex) that the contour tree needs. <c>Metrics.LandscapeTopology</c>
/// uses the faster <see cref="MergeTreeFromBasins"/>; tests check that both agree.</summary>
internal static class MergeTreeSweep
{
    /// <summary>Sweeps <paramref name="order"/> (a filtration order of <paramref name="values"/>).</summary>
    /// <param name="values">Landscape values, flat C order.</param>
    /// <param name="order">All flat indices in filtration order.</param>
    /// <param name="neighbourhood">Grid graph.</param>
    /// <param name="filtration">Which filtration <paramref name="order"/> is (decides leaf kind).</param>
    /// <param name="augmentedParent">When not null (length = point count), receives for each point the next point above
    /// it in the augmented tree (every grid point a vertex), −1 for the last point.</param>
    public static MergeTree Run(double[] values, int[] order, GridNeighbourhood neighbourhood, Filtration filtration, int[]? augmentedParent = null)
    {
        int n = values.Length;
        var component = new int[n];          // union-find parent; −1 = not yet swept
        var openNode = new int[n];           // per component root: node whose upward arc is still open
        var lastPoint = augmentedParent is null ? null : new int[n]; // per component root: most recent point
        var arcLabel = new int[n];
        Array.Fill(component, -1);

        var nodePoint = new List<int>();
        var nodeKind = new List<MergeTreeNodeKind>();
        var nodeParent = new List<int>();
        var nodeChildren = new List<int>();
        var leafKind = filtration == Filtration.Sublevel ? MergeTreeNodeKind.Minimum : MergeTreeNodeKind.Maximum;
        var offsets = neighbourhood.Offsets.ToArray();
        Span<int> touched = stackalloc int[Math.Min(offsets.Length, 1024)];
        if (offsets.Length > 1024) touched = new int[offsets.Length];

        int NewNode(int point, MergeTreeNodeKind kind)
        {
            nodePoint.Add(point); nodeKind.Add(kind); nodeParent.Add(-1); nodeChildren.Add(0);
            return nodePoint.Count - 1;
        }

        foreach (int p in order)
        {
            component[p] = p;
            int k = 0;
            neighbourhood.Boundary(p, out uint atLow, out uint atHigh);
            for (int j = 0; j < offsets.Length; j++)
            {
                if (!neighbourhood.IsInside(j, atLow, atHigh)) continue;
                int q = p + offsets[j];
                if (component[q] < 0) continue; // later in the filtration
                int r = DisjointSets.Find(component, q);
                if (touched[..k].IndexOf(r) < 0) touched[k++] = r;
            }

            if (k == 0)
            {
                int leaf = NewNode(p, leafKind);
                openNode[p] = leaf;
                arcLabel[p] = leaf;
            }
            else if (k == 1)
            {
                int r = touched[0];
                component[p] = r;
                arcLabel[p] = openNode[r];
            }
            else
            {
                int saddle = NewNode(p, MergeTreeNodeKind.Saddle);
                int root = touched[0];
                for (int i = 0; i < k; i++)
                {
                    int r = touched[i];
                    nodeParent[openNode[r]] = saddle;
                    nodeChildren[saddle]++;
                    component[r] = root;
                }
                component[p] = root;
                openNode[root] = saddle;
                arcLabel[p] = saddle;
            }

            if (augmentedParent is not null)
            {
                for (int i = 0; i < k; i++) augmentedParent[lastPoint![touched[i]]] = p;
                lastPoint![DisjointSets.Find(component, p)] = p;
                augmentedParent[p] = -1;
            }
        }

        if (n > 0)
        {
            int top = order[n - 1];
            int topNode = nodePoint.Count - 1;
            if (nodePoint[topNode] != top)
            {
                int below = arcLabel[top];
                int rootNode = NewNode(top, MergeTreeNodeKind.Root);
                nodeParent[below] = rootNode;
                nodeChildren[rootNode] = 1;
            }
            else if (nodeKind[topNode] == MergeTreeNodeKind.Saddle)
            {
                for (int i = 0; i < topNode; i++)
                    if (nodeParent[i] == topNode) { arcLabel[top] = i; break; }
            }
            else
            {
                arcLabel[top] = -1; // one-point grid: a lone leaf, no arcs
            }
        }

        var nodes = new MergeTreeNode[nodePoint.Count];
        for (int i = 0; i < nodes.Length; i++)
            nodes[i] = new MergeTreeNode(i, nodeKind[i], nodePoint[i], values[nodePoint[i]], nodeParent[i], nodeChildren[i]);
        return new MergeTree(filtration, neighbourhood.Connectivity, nodes, arcLabel);
    }
}
