using Landscaper.Notebooks;
using Landscaper.Topology;
using Landscaper.Visualization;
using Microsoft.DotNet.Interactive.Formatting;
using Landscaper.Metrics;
using Landscaper.Synthetic;

namespace Landscaper.Tests.Notebooks;

[Collection(NotebookCollection.Name)]
public class ChartAndTopologyFormatterTests
{
    private static readonly TopologyAnalysis Analysis = LandscapeTopology.Analyze(ToyFunctions.Himmelblau(41));

    [Fact]
    public void Topology_results_display_as_compact_summaries()
    {
        Setup.Initialize();
        string analysis = Formatter.ToDisplayString(Analysis, HtmlFormatter.MimeType);
        Assert.Contains("landscaper-topology", analysis);
        Assert.Contains("minima / maxima", analysis);
        Assert.Contains($"{Analysis.SublevelTree.LeafCount} / {Analysis.SuperlevelTree.LeafCount}", analysis);
        Assert.Contains("SMAD", analysis);
        Assert.True(analysis.Length < 3_000, $"{analysis.Length} characters");

        string tree = Formatter.ToDisplayString(Analysis.SublevelTree, HtmlFormatter.MimeType);
        Assert.Contains("landscaper-merge-tree", tree);
        Assert.Contains($"{Analysis.SublevelTree.LeafCount} minima", tree);

        string diagram = Formatter.ToDisplayString(Analysis.MaximumDiagram, HtmlFormatter.MimeType);
        Assert.Contains("landscaper-persistence", diagram);
        Assert.Contains("superlevel (maxima)", diagram);
    }

    [Fact]
    public void Charts_display_offline_without_a_cdn()
    {
        Setup.Initialize();
        var chart = LandscapeCharts.Contour(Analysis.Landscape);
        string html = Formatter.ToDisplayString(chart, HtmlFormatter.MimeType);
        // Outside a kernel session every chart carries plotly.js itself.
        Assert.Contains($"plotly.js v{Landscaper.Visualization.PlotlyJs.Version}", html);
        Assert.Contains("newPlot", html);
        Assert.Contains("\"type\":\"contour\"", html);
        Assert.DoesNotContain("src=\"https://cdn.plot.ly", html);
        Assert.DoesNotContain("require.config", html);
        var previous = ChartDisplay.Mode;
        try
        {
            ChartDisplay.Mode = PlotlyJsMode.Cdn;
            Assert.Contains("cdn.plot.ly", Formatter.ToDisplayString(chart, HtmlFormatter.MimeType));
        }
        finally
        {
            ChartDisplay.Mode = previous;
        }
    }
}
