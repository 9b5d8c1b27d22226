using Landscaper.Topology;
using Landscaper.Visualization;
using Landscaper.Metrics;
using Landscaper.Synthetic;

namespace Landscaper.Tests.Visualization;

public class TopologyChartsTests
{
    private static readonly Landscape Wells = ToyFunctions.GaussianWells(ToyFunctions.StandardWells2D, 2, 41);
    private static readonly TopologyAnalysis Analysis = LandscapeTopology.Analyze(Wells);

    [Fact]
    public void Barcode_draws_one_bar_per_pair_with_the_essential_one_apart()
    {
        var chart = TopologyCharts.Barcode(Analysis.MinimumDiagram);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.All(traces, t => Assert.Equal("lines", t.GetProperty("mode").GetString()));
        int finite = Analysis.MinimumDiagram.FinitePairs.Count();
        Assert.Equal(2 * finite, ChartJson.Numbers(traces[0].GetProperty("x")).Length);
        var essential = ChartJson.Numbers(traces[1].GetProperty("x"));
        Assert.Equal([Analysis.MinValue, Analysis.MaxValue], essential);
    }

    [Fact]
    public void Persistence_diagram_has_the_diagonal_minima_above_and_maxima_below()
    {
        var traces = ChartJson.Traces(TopologyCharts.PersistenceDiagram(Analysis));
        Assert.Equal("birth = death", traces[0].GetProperty("name").GetString());
        var minima = traces.Single(t => t.GetProperty("name").GetString()!.StartsWith("minima (", StringComparison.Ordinal) && !t.GetProperty("name").GetString()!.Contains("essential"));
        var maxima = traces.Single(t => t.GetProperty("name").GetString()!.StartsWith("maxima (", StringComparison.Ordinal) && !t.GetProperty("name").GetString()!.Contains("essential"));
        var (bx, dx) = (ChartJson.Numbers(minima.GetProperty("x")), ChartJson.Numbers(minima.GetProperty("y")));
        Assert.Equal(Analysis.MinimumDiagram.FinitePairs.Count(), bx.Length);
        Assert.All(bx.Zip(dx), p => Assert.True(p.Second >= p.First));
        var (mx, my) = (ChartJson.Numbers(maxima.GetProperty("x")), ChartJson.Numbers(maxima.GetProperty("y")));
        Assert.All(mx.Zip(my), p => Assert.True(p.Second <= p.First));
        Assert.Contains(traces, t => t.GetProperty("name").GetString() == "minima (essential)");
    }

    [Fact]
    public void Merge_tree_layout_orders_leaves_in_order_and_centres_parents()
    {
        var tree = Analysis.SublevelTree;
        var layout = MergeTreeLayout.Of(tree);
        Assert.Equal(tree.LeafCount, layout.LeafOrder.Count);
        Assert.Equal(Enumerable.Range(0, tree.LeafCount).Select(i => (double)i), layout.LeafOrder.Select(id => layout.X[id]));
        Assert.Equal(tree.Leaves.First().Id, layout.LeafOrder[0]);     // the global minimum's (elder) branch is leftmost
        foreach (var node in tree.Nodes.Where(n => !n.IsLeaf))
        {
            var xs = tree.Children(node.Id).Select(c => layout.X[c]).ToArray();
            Assert.Equal((xs.Min() + xs.Max()) / 2, layout.X[node.Id], 12);
            Assert.Equal(node.Value, layout.Y[node.Id]);
        }
    }

    [Fact]
    public void Merge_tree_chart_draws_arcs_and_typed_nodes()
    {
        var chart = TopologyCharts.MergeTree(Analysis.SublevelTree);
        var traces = ChartJson.Traces(chart);
        Assert.All(traces, t => Assert.Equal("scatter", t.GetProperty("type").GetString()));
        Assert.Equal("arcs", traces[0].GetProperty("name").GetString());
        Assert.Equal(3 * (Analysis.SublevelTree.Nodes.Count - 1), ChartJson.Numbers(traces[0].GetProperty("y")).Length);
        var minima = traces.Single(t => t.GetProperty("name").GetString()!.StartsWith("minima", StringComparison.Ordinal));
        Assert.Equal(Analysis.SublevelTree.LeafCount, ChartJson.Numbers(minima.GetProperty("y")).Length);
        Assert.Contains(traces, t => t.GetProperty("name").GetString()!.StartsWith("saddles", StringComparison.Ordinal));
    }

    [Fact]
    public void Profile_is_one_filled_region_per_branch()
    {
        var profile = TopologicalProfile.Build(Wells);
        var traces = ChartJson.Traces(TopologyCharts.Profile(profile));
        Assert.Equal(profile.Branches.Count, traces.Length);
        Assert.All(traces, t => Assert.Equal("toself", t.GetProperty("fill").GetString()));
        var outer = ChartJson.Numbers(traces[0].GetProperty("x"));
        Assert.Equal(profile.PointCount, outer.Max());
        Assert.Single(ChartJson.Traces(TopologyCharts.Profile(profile, persistenceThreshold: 1e9)));
    }

    [Fact]
    public void Basin_map_colours_basins_under_contour_lines_and_marks_minima()
    {
        var chart = TopologyCharts.BasinMap(Analysis);
        Assert.Equal(["heatmap", "contour", "scatter"], ChartJson.Types(chart));
        var traces = ChartJson.Traces(chart);
        var z = traces[0].GetProperty("z").EnumerateArray().SelectMany(ChartJson.Numbers).ToArray();
        Assert.Equal(Wells.Count, z.Length);
        Assert.Equal(Analysis.UnstableManifolds.Count, z.Distinct().Count());
        Assert.Equal("none", traces[1].GetProperty("contours").GetProperty("coloring").GetString());
        Assert.Equal(Analysis.UnstableManifolds.Count, ChartJson.Numbers(traces[2].GetProperty("x")).Length);
        Assert.Throws<ArgumentException>(() => TopologyCharts.BasinMap(LandscapeTopology.Analyze(ToyFunctions.GaussianWells(ToyFunctions.StandardWells3D, 3, 5))));
    }

    [Fact]
    public void Contour_tree_chart_has_one_segment_per_arc_and_markers_per_kind()
    {
        var tree = ContourTree.Build(Wells, Connectivity.Freudenthal);
        var traces = ChartJson.Traces(TopologyCharts.ContourTree(Wells, tree));
        var arcs = traces[0];
        Assert.Equal(3 * tree.Arcs.Count, arcs.GetProperty("x").GetArrayLength());     // lower, upper, gap per arc
        int markers = traces.Skip(1).Sum(t => t.GetProperty("x").GetArrayLength());
        Assert.Equal(tree.Nodes.Count, markers);
        Assert.Contains(traces, t => t.GetProperty("name").GetString()!.StartsWith("minima", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => TopologyCharts.ContourTree(Wells, tree, axis: 5));
    }
}
