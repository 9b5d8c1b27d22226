using CsCheck;
using Landscaper.Topology;
using Landscaper.Metrics;

namespace Landscaper.Tests.Topology;

public class BasinAndInvarianceTests
{
    [Fact]
    public void Basins_equal_explicit_steepest_walks_and_their_extrema_are_the_merge_tree_leaves()
    {
        RandomFields.Small.Sample(field =>
        {
            var l = field.ToLandscape();
            foreach (var (basins, filtration, sign) in new[]
            {
                (Basins.Descending(l, field.Connectivity), Filtration.Sublevel, 1.0),
                (Basins.Ascending(l, field.Connectivity), Filtration.Superlevel, -1.0),
            })
            {
                var walked = BruteForceBasins.WalkToExtremum(field, sign);
                for (int p = 0; p < walked.Length; p++) Assert.Equal(walked[p], basins.Extrema[basins.Labels[p]]);
                Assert.Equal(l.Count, basins.Sizes.Sum());
                var leaves = MergeTree.Build(l, filtration, field.Connectivity).Leaves.Select(n => n.Point);
                Assert.Equal(leaves, basins.Extrema);
            }
        }, iter: 1500);
    }

    [Fact]
    public void Persistence_is_non_negative_and_sublevel_of_f_is_superlevel_of_minus_f()
    {
        RandomFields.Small.Sample(field =>
        {
            var l = field.ToLandscape();
            var negated = l.WithValues(field.Values.Select(v => -v).ToArray());
            var sub = MergeTree.Build(l, Filtration.Sublevel, field.Connectivity).Persistence();
            var superOfNegated = MergeTree.Build(negated, Filtration.Superlevel, field.Connectivity).Persistence();
            Assert.All(sub.Pairs, p => Assert.True(p.Persistence >= 0));
            Assert.All(superOfNegated.Pairs, p => Assert.True(p.Persistence >= 0));
            Assert.Equal(sub.Pairs.Select(p => (p.Birth, p.Death, p.BirthValue, p.DeathValue, p.IsEssential)),
                         superOfNegated.Pairs.Select(p => (p.Birth, p.Death, -p.BirthValue, -p.DeathValue, p.IsEssential)));
        }, iter: 1000);
    }

    [Fact]
    public void Analysis_is_invariant_to_shift_and_equivariant_to_positive_scale()
    {
        RandomFields.Small.Sample(field =>
        {
            var l = field.ToLandscape();
            var options = new TopologyOptions(field.Connectivity);
            var a = LandscapeTopology.Analyze(l, options);
            var shifted = LandscapeTopology.Analyze(l.WithValues(field.Values.Select(v => v + 7).ToArray()), options);
            var scaled = LandscapeTopology.Analyze(l.WithValues(field.Values.Select(v => v * 2.5).ToArray()), options);
            foreach (var b in new[] { shifted, scaled })
            {
                Assert.Equal(a.SublevelTree.Nodes.Select(n => (n.Point, n.Kind, n.Parent)), b.SublevelTree.Nodes.Select(n => (n.Point, n.Kind, n.Parent)));
                Assert.Equal(a.SuperlevelTree.Nodes.Select(n => (n.Point, n.Kind, n.Parent)), b.SuperlevelTree.Nodes.Select(n => (n.Point, n.Kind, n.Parent)));
                Assert.Equal(a.SublevelTree.ArcLabels.ToArray(), b.SublevelTree.ArcLabels.ToArray());
                Assert.Equal(a.UnstableManifolds.Labels.ToArray(), b.UnstableManifolds.Labels.ToArray());
                Assert.Equal(a.StableManifolds.Labels.ToArray(), b.StableManifolds.Labels.ToArray());
                Assert.Equal(a.SaddleMinimumPairs.Select(p => (p.Saddle, p.Minimum, p.BasinSize)), b.SaddleMinimumPairs.Select(p => (p.Saddle, p.Minimum, p.BasinSize)));
                Assert.Equal(a.Smad.Normalized, b.Smad.Normalized, 12);
                Assert.Equal(a.Smad.Weighted, b.Smad.Weighted, 12);
            }
            Assert.Equal(a.Smad.Plain, shifted.Smad.Plain, 12);
            Assert.Equal(a.PersistenceRange, shifted.PersistenceRange, 12);
            Assert.Equal(2.5 * a.Smad.Plain, scaled.Smad.Plain, 12);
            Assert.Equal(2.5 * a.PersistenceRange, scaled.PersistenceRange, 12);
        }, iter: 1000);
    }

    [Fact]
    public void Basin_metric_aggregates_per_basin_then_reduces()
    {
        double[] v = [0, 1, 2, 1, 0]; // two basins: {0,1,2} (2 ties to the smaller index side) and {3,4}
        var basins = Basins.Descending(Landscape.OnSymmetricGrid(v, 1, 5, 1));
        Assert.Equal([0, 4], basins.Extrema.Order());
        Assert.Equal(3.0, basins.BasinMetric(v, b => b.Length, r => r.Max()));
        Assert.Equal(3.0 + 1.0, basins.BasinMetric(v, b => b.Sum(), r => r.Sum()));
        Assert.Throws<ArgumentException>("values", () => basins.BasinMetric(new double[3], b => 0, r => 0));
    }

    [Fact]
    public void Non_finite_values_are_refused_naming_count_and_first_index()
    {
        double[] v = [1, double.NaN, 2, double.PositiveInfinity];
        var l = Landscape.OnSymmetricGrid(v, 2, 2, 1);
        var ex = Assert.Throws<ArgumentException>(() => LandscapeTopology.Analyze(l));
        Assert.Contains("2 of 4", ex.Message);
        Assert.Contains("flat index 1", ex.Message);
        Assert.Throws<ArgumentException>(() => MergeTree.Build(l));
        Assert.Throws<ArgumentException>(() => Basins.Descending(l));
        var replaced = LandscapeTopology.Analyze(l, new TopologyOptions(NonFinitePolicy: NonFinitePolicy.Replace));
        Assert.Equal(2, replaced.Landscape.Metadata.NonFiniteReplaced);
        Assert.Equal([1, 1.5, 2, 2], replaced.Landscape.Values.ToArray());
        var viaLandscape = LandscapeTopology.Analyze(l.WithNonFinitePolicy(NonFinitePolicy.Replace));
        Assert.Equal(replaced.Smad, viaLandscape.Smad);
    }

    [Fact]
    public void Neighbour_counts_follow_the_connectivity()
    {
        var l = Landscape.OnSymmetricGrid(new double[125], 3, 5, 1);
        int centre = l.FlatIndex([2, 2, 2]);
        Span<int> buffer = stackalloc int[26];
        Assert.Equal(6, GridNeighbourhood.For(l, Connectivity.Axis).Neighbours(centre, buffer));
        Assert.Equal(14, GridNeighbourhood.For(l, Connectivity.Freudenthal).Neighbours(centre, buffer));
        Assert.Equal(26, GridNeighbourhood.For(l, Connectivity.Full).Neighbours(centre, buffer));
        Assert.Equal(7, GridNeighbourhood.For(l, Connectivity.Full).Neighbours(0, buffer));
        Assert.Throws<ArgumentException>("connectivity", () => GridNeighbourhood.For(l, (Connectivity)7));
    }
}
