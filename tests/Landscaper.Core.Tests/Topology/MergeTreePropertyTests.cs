using CsCheck;
using Landscaper.Topology;

namespace Landscaper.Tests.Topology;

public class MergeTreePropertyTests
{
    private static string KindName(MergeTreeNodeKind kind) => kind switch
    {
        MergeTreeNodeKind.Minimum or MergeTreeNodeKind.Maximum => "leaf",
        MergeTreeNodeKind.Saddle => "saddle",
        _ => "root",
    };

    private static void AssertMatchesBruteForce(MergeTree tree, BruteForceMergeTree brute)
    {
        Assert.Equal(brute.Nodes.Count, tree.Nodes.Count);
        for (int i = 0; i < brute.Nodes.Count; i++)
        {
            var node = tree.Nodes[i];
            Assert.Equal(brute.Nodes[i].Point, node.Point);
            Assert.Equal(brute.Nodes[i].Kind, KindName(node.Kind));
            Assert.Equal(brute.Nodes[i].ParentPoint, node.Parent < 0 ? -1 : tree.Nodes[node.Parent].Point);
        }
        var labels = tree.ArcLabels;
        for (int p = 0; p < tree.PointCount; p++)
            Assert.Equal(brute.ArcOwner[p], labels[p] < 0 ? -1 : tree.Nodes[tree.Arcs[labels[p]].Child].Point);
        var pairs = tree.Persistence().Pairs.Select(x => (x.Birth, x.Death)).ToHashSet();
        Assert.True(brute.ElderPairs.SetEquals(pairs), $"pairs differ: brute {string.Join(" ", brute.ElderPairs)} fast {string.Join(" ", pairs)}");
    }

    [Fact]
    public void Sublevel_tree_matches_flood_fill_brute_force()
    {
        RandomFields.Small.Sample(field =>
        {
            var tree = MergeTree.Build(field.ToLandscape(), Filtration.Sublevel, field.Connectivity);
            AssertMatchesBruteForce(tree, new BruteForceMergeTree(field.Shape, field.Values, field.Connectivity));
        }, iter: 3000);
    }

    [Fact]
    public void Superlevel_tree_matches_flood_fill_brute_force_of_the_negated_field()
    {
        RandomFields.Small.Sample(field =>
        {
            var tree = MergeTree.Build(field.ToLandscape(), Filtration.Superlevel, field.Connectivity);
            var negated = field.Values.Select(v => -v).ToArray();
            AssertMatchesBruteForce(tree, new BruteForceMergeTree(field.Shape, negated, field.Connectivity));
        }, iter: 1500);
    }

    [Fact]
    public void Sorted_union_find_sweep_agrees_with_the_basin_event_builder()
    {
        RandomFields.Small.Sample(field =>
        {
            var l = field.ToLandscape();
            foreach (var filtration in new[] { Filtration.Sublevel, Filtration.Superlevel })
            {
                var fast = MergeTree.Build(l, filtration, field.Connectivity);
                var sweep = MergeTreeSweep.Run(field.Values, FiltrationOrder.Of(field.Values, filtration),
                    GridNeighbourhood.For(l, field.Connectivity), filtration);
                Assert.Equal(sweep.Nodes, fast.Nodes);
                Assert.Equal(sweep.ArcLabels.ToArray(), fast.ArcLabels.ToArray());
            }
        }, iter: 1500);
    }

    [Fact]
    public void Leaves_minus_one_equals_sum_of_children_minus_one_over_saddles()
    {
        RandomFields.Small.Sample(field =>
        {
            foreach (var filtration in new[] { Filtration.Sublevel, Filtration.Superlevel })
            {
                var tree = MergeTree.Build(field.ToLandscape(), filtration, field.Connectivity);
                int excess = tree.Nodes.Where(n => n.Kind == MergeTreeNodeKind.Saddle).Sum(n => n.ChildCount - 1);
                Assert.Equal(tree.LeafCount - 1, excess);
                Assert.Equal(tree.Nodes.Count - 1, tree.Arcs.Count);
                Assert.All(tree.Nodes, n => Assert.True(n.Parent < 0 || n.Parent > n.Id));
                Assert.All(tree.Nodes, n => Assert.Equal(n.ChildCount, tree.Children(n.Id).Count));
            }
        }, iter: 1000);
    }

    [Fact]
    public void Higher_degree_join_is_one_saddle_with_four_children()
    {
        // A plus-shaped valley system: the centre joins four separate arms at once (axis connectivity).
        double[] v =
        [
            9, 1, 9,
            2, 5, 3,
            9, 4, 9,
        ];
        var tree = MergeTree.Build(Landscape.OnSymmetricGrid(v, 2, 3, 1));
        var saddle = Assert.Single(tree.Nodes, n => n.Kind == MergeTreeNodeKind.Saddle);
        Assert.Equal(4, saddle.Point);
        Assert.Equal(4, saddle.ChildCount);
        Assert.Equal(4, tree.LeafCount);
        Assert.NotEqual(1, tree.LeafCount - tree.SaddleCount);
    }

    [Fact]
    public void Plateau_has_one_minimum_at_its_smallest_flat_index()
    {
        var tree = MergeTree.Build(Landscape.OnSymmetricGrid(new double[] { 3, 1, 1, 1, 2 }, 1, 5, 1));
        var leaf = Assert.Single(tree.Leaves);
        Assert.Equal(1, leaf.Point);
    }

    [Fact]
    public void Simplify_removes_low_persistence_branches_and_keeps_labels_consistent()
    {
        RandomFields.Small.Sample(field =>
        {
            var tree = MergeTree.Build(field.ToLandscape(), Filtration.Sublevel, field.Connectivity);
            var diagram = tree.Persistence();
            foreach (double t in diagram.Persistences().Distinct().Append(0))
            {
                var simple = tree.Simplify(t);
                var expected = diagram.Simplify(t).Pairs.Select(p => p.Birth).Order();
                Assert.Equal(expected, simple.Leaves.Select(n => n.Point).Order());
                Assert.Equal(simple.Persistence().Pairs.Select(p => (p.Birth, p.Death)).Order(),
                             diagram.Simplify(t).Pairs.Select(p => (p.Birth, p.Death)).Order());
                int excess = simple.Nodes.Where(n => n.Kind == MergeTreeNodeKind.Saddle).Sum(n => n.ChildCount - 1);
                Assert.Equal(simple.LeafCount - 1, excess);
                foreach (int a in simple.ArcLabels) Assert.True(simple.PointCount == 1 ? a == -1 : a >= 0 && a < simple.Arcs.Count);
                Assert.Equal(simple.PointCount, simple.ArcSizes().Sum() + (simple.PointCount == 1 ? 1 : 0));
            }
        }, iter: 500);
    }
}
