namespace Landscaper.Topology;

/// <summary>The elder rule on a merge tree: when components merge, the one born earliest survives.</summary>
internal static class ElderRule
{
    /// <summary>For every node, the id of the oldest leaf in its subtree. Node ids follow the filtration order,
    /// so "oldest" is simply the smallest leaf id, and children precede parents.</summary>
    public static int[] OldestLeaves(MergeTreeNode[] nodes)
    {
        var oldest = new int[nodes.Length];
        for (int i = 0; i < nodes.Length; i++) oldest[i] = nodes[i].IsLeaf ? i : int.MaxValue;
        for (int i = 0; i < nodes.Length; i++)
        {
            int parent = nodes[i].Parent;
            if (parent >= 0 && oldest[i] < oldest[parent]) oldest[parent] = oldest[i];
        }
        return oldest;
    }
}
