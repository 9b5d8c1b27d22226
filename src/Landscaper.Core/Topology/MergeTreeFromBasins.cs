namespace Landscaper.Topology;

/// <summary>
/// Builds a <see cref="MergeTree"/> from steepest-descent basins without sorting all points.
/// </summary>
/// <remarks>
/// <para><b>Why it works.</b> Every steepest path moves to an earlier point, so at any time t of the filtration each
/// swept point is connected, inside the sublevel set, to the extremum of its basin: a component of the sublevel set is a
/// union of (partially swept) basins. Components can therefore be tracked by a union-find over <em>basin ids</em>,
/// and only two kinds of points change them: extrema (a new component) and points whose earlier neighbours lie in two
/// or more different basins (a possible join). These "events" are found in one flat pass, sorted, and swept.</para>
/// <para><b>Arcs.</b> A point p of basin B lies on the arc leaving the last node, on the path from B's leaf to the root,
/// that precedes p in the filtration. Its steepest neighbour s is earlier on the same path, so p's arc is s's arc or
/// above it: climb from there with skew-binary jump pointers, O(log depth) per point even on noise with deep trees.</para>
/// <para>Cost: O(N·deg) sequential work, a sort of the events (a small fraction of N for smooth fields, most points for
/// white noise) and O(N log depth) for the arcs.</para>
/// </remarks>
internal static class MergeTreeFromBasins
{
    /// <summary>Builds the tree of <paramref name="basins"/>' filtration.</summary>
    /// <param name="values">Landscape values.</param>
    /// <param name="neighbourhood">Grid graph the basins were computed on.</param>
    /// <param name="basins">Steepest basins of the same filtration.</param>
    /// <param name="steepest">The steepest-earlier-neighbour pointers the basins were resolved from (see
    /// <see cref="Basins.Compute"/>); consumed: the array becomes the tree's arc labels.</param>
    public static MergeTree Build(double[] values, GridNeighbourhood neighbourhood, Basins basins, int[] steepest)
    {
        var filtration = basins.Filtration;
        double sign = FiltrationOrder.Sign(filtration);
        var basinOf = basins.LabelArray;
        int n = values.Length;
        var offsets = neighbourhood.Offsets.ToArray();

        // 1. Events: extrema and points whose earlier neighbours span two or more basins.
        var events = new List<int>();
        var grid = new GridCursor(neighbourhood);
        int top = 0;
        for (int p = 0; p < n; p++, grid.Advance())
        {
            double hp = sign * values[p];
            if (FiltrationOrder.Precedes(sign * values[top], top, hp, p)) top = p;
            int b = basinOf[p];
            bool isEvent = basins.ExtremaArray[b] == p;
            for (int j = 0; j < offsets.Length && !isEvent; j++)
            {
                if (!neighbourhood.IsInside(j, grid.AtLow, grid.AtHigh)) continue;
                int q = p + offsets[j];
                if (basinOf[q] != b && FiltrationOrder.Precedes(sign * values[q], q, hp, p)) isEvent = true;
            }
            if (isEvent) events.Add(p);
        }
        var eventOrder = events.ToArray();
        var keys = new double[eventOrder.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = sign * values[eventOrder[i]];
        Array.Sort(keys, eventOrder);
        for (int start = 0; start < keys.Length;)
        {
            int end = start + 1;
            while (end < keys.Length && keys[end] == keys[start]) end++;
            if (end - start > 1) Array.Sort(eventOrder, start, end - start);
            start = end;
        }

        // 2. Sweep the events with union-find over basin ids.
        int basinCount = basins.Count;
        var component = new int[basinCount];
        var openNode = new int[basinCount];
        for (int b = 0; b < basinCount; b++) component[b] = b;
        var nodePoint = new List<int>();
        var nodeKind = new List<MergeTreeNodeKind>();
        var nodeParent = new List<int>();
        var nodeChildren = new List<int>();
        var leafOfBasin = new int[basinCount];
        var leafKind = filtration == Filtration.Sublevel ? MergeTreeNodeKind.Minimum : MergeTreeNodeKind.Maximum;
        var touched = new List<int>();
        int NewNode(int point, MergeTreeNodeKind kind)
        {
            nodePoint.Add(point); nodeKind.Add(kind); nodeParent.Add(-1); nodeChildren.Add(0);
            return nodePoint.Count - 1;
        }

        foreach (int p in eventOrder)
        {
            int b = basinOf[p];
            if (basins.ExtremaArray[b] == p)
            {
                leafOfBasin[b] = openNode[b] = NewNode(p, leafKind);
                continue;
            }
            double hp = sign * values[p];
            touched.Clear();
            neighbourhood.Boundary(p, out uint atLow, out uint atHigh);
            for (int j = 0; j < offsets.Length; j++)
            {
                if (!neighbourhood.IsInside(j, atLow, atHigh)) continue;
                int q = p + offsets[j];
                if (!FiltrationOrder.Precedes(sign * values[q], q, hp, p)) continue;
                int r = DisjointSets.Find(component, basinOf[q]);
                if (!touched.Contains(r)) touched.Add(r);
            }
            if (touched.Count < 2) continue;
            int saddle = NewNode(p, MergeTreeNodeKind.Saddle);
            int root = touched[0];
            foreach (int r in touched)
            {
                nodeParent[openNode[r]] = saddle;
                nodeChildren[saddle]++;
                component[r] = root;
            }
            openNode[root] = saddle;
        }
        int last = nodePoint.Count - 1;
        if (nodePoint[last] != top)
        {
            int below = openNode[DisjointSets.Find(component, 0)];
            last = NewNode(top, MergeTreeNodeKind.Root);
            nodeParent[below] = last;
            nodeChildren[last] = 1;
        }

        // 3. Arc labels. p's steepest neighbour s is earlier and in the same basin, so p's arc is found by climbing from
        //    s's arc while the next node still precedes p (usually zero steps). The array starts as ~pointer (unresolved).
        int count = nodePoint.Count;
        var parent = nodeParent.ToArray();
        var height = new double[count];
        var point = nodePoint.ToArray();
        for (int i = 0; i < count; i++) height[i] = sign * values[point[i]];
        // Skew-binary jump pointers (Myers): from any node, the highest ancestor satisfying a monotone test is found in
        // O(log depth) steps. Parents have larger ids, so one pass in descending id order fills them.
        var depth = new int[count];
        var jump = new int[count];
        for (int i = count - 1; i >= 0; i--)
        {
            int up = parent[i];
            if (up < 0) { jump[i] = i; continue; }
            depth[i] = depth[up] + 1;
            int j = jump[up];
            jump[i] = depth[up] - depth[j] == depth[j] - depth[jump[j]] ? jump[j] : up;
        }
        var arcLabel = steepest;
        for (int p = 0; p < n; p++) arcLabel[p] = ~arcLabel[p];
        for (int b = 0; b < basinCount; b++) arcLabel[basins.ExtremaArray[b]] = leafOfBasin[b];
        var chain = new Stack<int>();
        for (int p = 0; p < n; p++)
        {
            if (arcLabel[p] >= 0) continue;
            int x = p;
            while (arcLabel[x] < 0) { chain.Push(x); x = ~arcLabel[x]; }
            int node = arcLabel[x];
            while (chain.Count > 0)
            {
                int y = chain.Pop();
                double hy = sign * values[y];
                while (parent[node] >= 0 && NotAfter(parent[node], hy, y))
                    node = NotAfter(jump[node], hy, y) ? jump[node] : parent[node];
                arcLabel[y] = node;
            }
        }
        bool NotAfter(int node, double hy, int y) => point[node] == y || FiltrationOrder.Precedes(height[node], point[node], hy, y);

        // The top point lies on the arc entering it from its first child (none on a one-point grid).
        arcLabel[top] = -1;
        for (int i = 0; i < last; i++) if (parent[i] == last) { arcLabel[top] = i; break; }

        var nodes = new MergeTreeNode[count];
        for (int i = 0; i < count; i++)
            nodes[i] = new MergeTreeNode(i, nodeKind[i], point[i], values[point[i]], parent[i], nodeChildren[i]);
        return new MergeTree(filtration, neighbourhood.Connectivity, nodes, arcLabel);
    }
}
