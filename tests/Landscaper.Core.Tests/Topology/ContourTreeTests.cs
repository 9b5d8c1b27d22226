using CsCheck;
using Landscaper.Topology;

namespace Landscaper.Tests.Topology;

public class ContourTreeTests
{
    private static bool IsTree(ContourTree tree)
    {
        if (tree.Arcs.Count != tree.Nodes.Count - 1) return false;
        var parent = Enumerable.Range(0, tree.Nodes.Count).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var a in tree.Arcs)
        {
            int x = Find(a.Lower), y = Find(a.Upper);
            if (x == y) return false;
            parent[x] = y;
        }
        return true;
    }

    /// <summary>Maxima in the contour tree's order (value, index): every neighbour comes earlier. Without ties these are
    /// the superlevel merge-tree leaves.</summary>
    private static IEnumerable<int> LocalMaxima(RandomFields.Field f)
        => Enumerable.Range(0, f.Values.Length).Where(p => BruteForceMergeTree.Neighbours(f.Shape, p, f.Connectivity)
            .All(q => f.Values[q] < f.Values[p] || (f.Values[q] == f.Values[p] && q < p)));

    [Fact]
    public void Without_ties_contour_tree_maxima_are_the_superlevel_merge_tree_leaves()
    {
        Triangulated.Where(f => f.Values.Distinct().Count() == f.Values.Length && f.Values.Length > 1).Sample(field =>
        {
            var l = field.ToLandscape();
            var tree = ContourTree.Build(l, field.Connectivity);
            Assert.Equal(MergeTree.Build(l, Filtration.Superlevel, field.Connectivity).Leaves.Select(n => n.Point).Order(),
                         tree.Nodes.Where(n => n.UpperDegree == 0).Select(n => n.Point).Order());
        }, iter: 500);
    }

    private static readonly Gen<RandomFields.Field> Triangulated =
        RandomFields.Small.Where(f => f.Connectivity != Connectivity.Axis || f.Shape.Count(n => n > 1) < 2);

    [Fact]
    public void Axis_connectivity_in_two_dimensions_is_refused_by_name()
    {
        var l = Landscape.OnSymmetricGrid(new double[9], 2, 3, 1);
        var ex = Assert.Throws<ArgumentException>(() => ContourTree.Build(l, Connectivity.Axis));
        Assert.Equal("connectivity", ex.ParamName);
    }

    [Fact]
    public void Contour_tree_is_a_tree_with_monotone_arcs_and_consistent_degrees()
    {
        Triangulated.Sample(field =>
        {
            var l = field.ToLandscape();
            var tree = ContourTree.Build(l, field.Connectivity);
            Assert.True(IsTree(tree));
            foreach (var a in tree.Arcs) Assert.True(a.Lower < a.Upper); // node ids follow the total order
            foreach (var node in tree.Nodes)
            {
                Assert.Equal(node.LowerDegree, tree.Arcs.Count(a => a.Upper == node.Id));
                Assert.Equal(node.UpperDegree, tree.Arcs.Count(a => a.Lower == node.Id));
            }
            // Minima and maxima of the contour tree are exactly the merge-tree leaves on any graph.
            var minima = MergeTree.Build(l, Filtration.Sublevel, field.Connectivity).Leaves.Select(n => n.Point).Order();
            var maxima = LocalMaxima(field);
            if (l.Count > 1)
            {
                Assert.Equal(minima, tree.Nodes.Where(n => n.LowerDegree == 0).Select(n => n.Point).Order());
                Assert.Equal(maxima, tree.Nodes.Where(n => n.UpperDegree == 0).Select(n => n.Point).Order());
            }
        }, iter: 2000);
    }

    [Fact]
    public void Leaves_are_the_merge_tree_minima_and_maxima_on_triangulated_grids()
    {
        RandomFields.Small
            .Where(f => f.Connectivity != Connectivity.Axis && f.Shape.Count(n => n > 1) >= 2)
            .Sample(field =>
            {
                var l = field.ToLandscape();
                var tree = ContourTree.Build(l, field.Connectivity);
                var extrema = MergeTree.Build(l, Filtration.Sublevel, field.Connectivity).Leaves.Select(n => n.Point)
                    .Concat(LocalMaxima(field)).Order();
                Assert.Equal(extrema, tree.Leaves.Select(n => n.Point).Order());
            }, iter: 1500);
    }

    [Fact]
    public void One_dimensional_contour_tree_is_the_path_through_its_local_extrema()
    {
        Gen.Int[0, 4].Select(i => (double)i).Array[2, 16].Sample(v =>
        {
            var tree = ContourTree.Build(Landscape.OnSymmetricGrid(v, 1, v.Length, 1), Connectivity.Axis);
            bool Before(int a, int b) => v[a] < v[b] || (v[a] == v[b] && a < b);
            var extrema = Enumerable.Range(0, v.Length).Where(i =>
            {
                bool lowerLeft = i == 0 || Before(i - 1, i), lowerRight = i == v.Length - 1 || Before(i + 1, i);
                bool higherLeft = i == 0 || Before(i, i - 1), higherRight = i == v.Length - 1 || Before(i, i + 1);
                return (lowerLeft && lowerRight) || (higherLeft && higherRight);
            }).ToArray();
            Assert.Equal(extrema, tree.Nodes.Select(n => n.Point).Order());
            var expectedArcs = extrema.Zip(extrema.Skip(1), (a, b) => Before(a, b) ? (a, b) : (b, a)).Order();
            Assert.Equal(expectedArcs, tree.Arcs.Select(a => (tree.Nodes[a.Lower].Point, tree.Nodes[a.Upper].Point)).Order());
            for (int p = 0; p < v.Length; p++)
                Assert.Equal(extrema.Contains(p), tree.ArcLabels[p] < 0);
        }, iter: 2000);
    }
}
