using Landscaper.Topology;

namespace Landscaper.Tests.Topology;

/// <summary>
/// An independent, quadratic reference for merge trees: after each point of the sorted order is added, the sublevel
/// set is flood-filled from scratch, and the tree is read off component counts and memberships.
/// </summary>
internal sealed class BruteForceMergeTree
{
    public sealed record Node(int Point, string Kind, int ParentPoint);

    public List<Node> Nodes { get; } = [];
    public int[] ArcOwner { get; }          // per point: the point of the node whose upward arc it lies on (or root rule)
    public HashSet<(int Birth, int Death)> ElderPairs { get; } = [];

    public BruteForceMergeTree(int[] shape, double[] values, Connectivity connectivity)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var neighbours = Enumerable.Range(0, n).Select(p => Neighbours(shape, p, connectivity).ToArray()).ToArray();
        var inSet = new bool[n];
        var nodePoints = new List<int>();
        var kinds = new List<string>();
        var componentAt = new List<int[]>();   // flood-fill labels right after each node was added
        ArcOwner = new int[n];
        int previousComponents = 0;
        int[] previousLabels = new int[n];
        Array.Fill(previousLabels, -1);
        for (int t = 0; t < n; t++)
        {
            int p = order[t];
            inSet[p] = true;
            var labels = FloodFill(inSet, neighbours, out int components);
            int merged = previousComponents + 1 - components;   // number of earlier components p touches
            if (merged == 0) { nodePoints.Add(p); kinds.Add("leaf"); componentAt.Add(labels); }
            else if (merged >= 2)
            {
                nodePoints.Add(p); kinds.Add("saddle"); componentAt.Add(labels);
                // Elder rule: each touched component is represented by its earliest point (= its oldest minimum).
                var touched = neighbours[p].Where(q => previousLabels[q] >= 0).Select(q => previousLabels[q]).Distinct()
                    .Select(c => Enumerable.Range(0, t).Select(i => order[i]).First(x => previousLabels[x] == c)).ToList();
                int eldest = touched.OrderBy(x => Array.IndexOf(order, x)).First();
                foreach (var m in touched) if (m != eldest) ElderPairs.Add((m, p));
            }
            else if (t == n - 1) { nodePoints.Add(p); kinds.Add("root"); componentAt.Add(labels); }
            // Arc owner of a regular point: the latest earlier node in its component.
            if (merged == 1)
            {
                int owner = -1;
                for (int i = nodePoints.Count - 1; i >= 0; i--)
                    if (nodePoints[i] != p && labels[nodePoints[i]] == labels[p]) { owner = nodePoints[i]; break; }
                ArcOwner[p] = owner;
            }
            else ArcOwner[p] = p;
            previousComponents = components;
            previousLabels = labels;
        }
        for (int i = 0; i < nodePoints.Count; i++)
        {
            int parent = -1;
            for (int j = i + 1; j < nodePoints.Count; j++)
                if (componentAt[j][nodePoints[i]] == componentAt[j][nodePoints[j]]) { parent = nodePoints[j]; break; }
            Nodes.Add(new Node(nodePoints[i], kinds[i], parent));
        }
        // The root point lies on the arc entering it from its first child (a regular root already does).
        var top = Nodes[^1];
        if (Nodes.Count == 1) ArcOwner[top.Point] = -1;
        else if (top.Kind == "saddle") ArcOwner[top.Point] = Nodes.First(x => x.ParentPoint == top.Point).Point;
        var global = order[0];
        ElderPairs.Add((global, top.Point));
    }

    private static int[] FloodFill(bool[] inSet, int[][] neighbours, out int components)
    {
        var labels = new int[inSet.Length];
        Array.Fill(labels, -1);
        components = 0;
        var stack = new Stack<int>();
        for (int s = 0; s < inSet.Length; s++)
        {
            if (!inSet[s] || labels[s] >= 0) continue;
            labels[s] = components;
            stack.Push(s);
            while (stack.Count > 0)
            {
                int x = stack.Pop();
                foreach (int y in neighbours[x])
                    if (inSet[y] && labels[y] < 0) { labels[y] = components; stack.Push(y); }
            }
            components++;
        }
        return labels;
    }

    /// <summary>Neighbours by enumerating every δ ∈ {−1,0,1}^d and filtering by the connectivity's definition.</summary>
    public static IEnumerable<int> Neighbours(int[] shape, int p, Connectivity connectivity)
    {
        int d = shape.Length;
        var coords = new int[d];
        for (int k = d - 1, rest = p; k >= 0; k--) { coords[k] = rest % shape[k]; rest /= shape[k]; }
        int total = (int)Math.Pow(3, d);
        for (int code = 0; code < total; code++)
        {
            var delta = new int[d];
            for (int k = 0, rest = code; k < d; k++) { delta[k] = rest % 3 - 1; rest /= 3; }
            int nonzero = delta.Count(x => x != 0);
            if (nonzero == 0) continue;
            bool ok = connectivity switch
            {
                Connectivity.Axis => nonzero == 1,
                Connectivity.Freudenthal => delta.All(x => x >= 0) || delta.All(x => x <= 0),
                _ => true,
            };
            if (!ok) continue;
            int q = 0;
            bool inside = true;
            for (int k = 0; k < d; k++)
            {
                int c = coords[k] + delta[k];
                if (c < 0 || c >= shape[k]) { inside = false; break; }
                q = q * shape[k] + c;
            }
            if (inside) yield return q;
        }
    }
}
