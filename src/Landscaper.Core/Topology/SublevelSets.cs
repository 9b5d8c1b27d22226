namespace Landscaper.Topology;

/// <summary>Sublevel sets {f ≤ t} of a landscape, counted directly (a flood fill over axis neighbours) — the definition
/// the merge tree summarises, useful to check it and to teach it.</summary>
public static class SublevelSets
{
    /// <summary>Which grid points have value ≤ <paramref name="level"/> (flat C order).</summary>
    public static bool[] Mask(Landscape landscape, double level)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        var values = landscape.Values;
        var mask = new bool[values.Length];
        for (int p = 0; p < mask.Length; p++) mask[p] = values[p] <= level;
        return mask;
    }

    /// <summary>Number of connected components of {f ≤ <paramref name="level"/>} on the axis-neighbour grid graph
    /// (<see cref="Connectivity.Axis"/>), by breadth-first flood fill.</summary>
    public static int ComponentCount(Landscape landscape, double level)
    {
        var mask = Mask(landscape, level);
        var seen = new bool[mask.Length];
        var queue = new Queue<int>();
        var shape = landscape.Shape;
        var strides = landscape.Strides;
        int components = 0;
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || seen[start]) continue;
            components++;
            seen[start] = true;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                int p = queue.Dequeue();
                for (int k = 0; k < shape.Count; k++)
                {
                    int coordinate = p / strides[k] % shape[k];
                    if (coordinate > 0) Visit(p - strides[k]);
                    if (coordinate < shape[k] - 1) Visit(p + strides[k]);
                }
            }
        }
        return components;

        void Visit(int q)
        {
            if (!mask[q] || seen[q]) return;
            seen[q] = true;
            queue.Enqueue(q);
        }
    }

    /// <summary>Number of components of {f ≤ <paramref name="level"/>} read off a sublevel merge tree: leaves at or below the
    /// level minus, for every saddle at or below it, its children − 1 (each saddle joins that many components into one).</summary>
    /// <exception cref="ArgumentException">The tree is a superlevel tree.</exception>
    public static int ComponentCount(MergeTree sublevelTree, double level)
    {
        ArgumentNullException.ThrowIfNull(sublevelTree);
        if (sublevelTree.Filtration != Filtration.Sublevel)
            throw new ArgumentException("Sublevel components need the sublevel merge tree.", nameof(sublevelTree));
        int count = 0;
        foreach (var node in sublevelTree.Nodes)
        {
            if (node.Value > level) continue;
            if (node.IsLeaf) count++;
            else if (node.Kind == MergeTreeNodeKind.Saddle) count -= node.ChildCount - 1;
        }
        return count;
    }
}
