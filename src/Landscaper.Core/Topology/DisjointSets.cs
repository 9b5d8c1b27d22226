namespace Landscaper.Topology;

/// <summary>Union-find over flat indices stored in a plain int array (−1 = not yet inserted), with path halving.</summary>
internal static class DisjointSets
{
    /// <summary>Representative of <paramref name="x"/>'s set; halves the path on the way.</summary>
    public static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            int grand = parent[parent[x]];
            parent[x] = grand;
            x = grand;
        }
        return x;
    }
}
