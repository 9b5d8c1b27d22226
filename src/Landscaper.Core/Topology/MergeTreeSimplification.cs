namespace Landscaper.Topology;

/// <summary>Persistence simplification of a merge tree (see <see cref="MergeTree.Simplify"/>).</summary>
internal static class MergeTreeSimplification
{
    public static MergeTree Run(MergeTree tree, double threshold)
    {
        var nodes = tree.NodeArray;
        int count = nodes.Length;
        var oldest = ElderRule.OldestLeaves(nodes);

        // A child arc is cut when the branch it carries dies at its parent with persistence below the threshold.
        var cut = new bool[count];
        for (int c = 0; c < count; c++)
        {
            int s = nodes[c].Parent;
            if (s < 0 || oldest[c] == oldest[s]) continue;
            double persistence = Math.Abs(nodes[s].Value - nodes[oldest[c]].Value);
            cut[c] = persistence < threshold;
        }

        // Top-down: a node is pruned when its own arc or an arc above it was cut.
        var pruned = new bool[count];
        for (int c = count - 1; c >= 0; c--)
            pruned[c] = cut[c] || (nodes[c].Parent >= 0 && pruned[nodes[c].Parent]);

        // Bottom-up: surviving children per node, and the surviving node each node's lower chain leads to.
        var survivingChildren = new int[count];
        var onlyChild = new int[count];
        for (int c = 0; c < count; c++)
            if (nodes[c].Parent >= 0 && !pruned[c]) { survivingChildren[nodes[c].Parent]++; onlyChild[nodes[c].Parent] = c; }

        var survives = new bool[count];
        var down = new int[count];
        for (int x = 0; x < count; x++)
        {
            if (pruned[x]) { down[x] = -1; continue; }
            bool isRoot = nodes[x].Parent < 0;
            survives[x] = nodes[x].IsLeaf || survivingChildren[x] >= 2 || isRoot;
            down[x] = survives[x] ? x : down[onlyChild[x]];
        }

        var newId = new int[count];
        int next = 0;
        for (int x = 0; x < count; x++) newId[x] = survives[x] ? next++ : -1;

        // Points of a pruned subtree go to the elder child's chain at the saddle where the subtree was cut.
        var target = new int[count];
        for (int x = count - 1; x >= 0; x--)
        {
            if (!pruned[x]) { target[x] = down[x]; continue; }
            int s = nodes[x].Parent;
            target[x] = cut[x] && !pruned[s] ? ElderChildChain(s) : target[s];
        }

        int ElderChildChain(int s)
        {
            for (int c = 0; c < s; c++)
                if (nodes[c].Parent == s && !pruned[c] && oldest[c] == oldest[s]) return down[c];
            return s;
        }

        var result = new MergeTreeNode[next];
        for (int x = 0; x < count; x++)
        {
            if (!survives[x]) continue;
            int parent = nodes[x].Parent;
            while (parent >= 0 && !survives[parent]) parent = nodes[parent].Parent;
            var kind = nodes[x].Kind;
            if (nodes[x].Parent < 0 && !nodes[x].IsLeaf)
                kind = survivingChildren[x] >= 2 ? MergeTreeNodeKind.Saddle : MergeTreeNodeKind.Root;
            int children = nodes[x].IsLeaf ? 0 : survivingChildren[x];
            result[newId[x]] = new MergeTreeNode(newId[x], kind, nodes[x].Point, nodes[x].Value, parent < 0 ? -1 : newId[parent], children);
        }

        int rootNew = next - 1;
        var labels = tree.ArcLabelArray;
        var newLabels = new int[labels.Length];
        for (int p = 0; p < labels.Length; p++)
        {
            int a = labels[p];
            int mapped = a < 0 ? -1 : newId[target[a]];
            if (mapped == rootNew && rootNew > 0)   // a regular chain that ended in the root: its arc is the one into the root
                mapped = FirstChild(result, rootNew);
            newLabels[p] = mapped;
        }
        return new MergeTree(tree.Filtration, tree.Connectivity, result, newLabels);
    }

    private static int FirstChild(MergeTreeNode[] nodes, int parent)
    {
        for (int i = 0; i < parent; i++) if (nodes[i].Parent == parent) return i;
        return -1;
    }
}
