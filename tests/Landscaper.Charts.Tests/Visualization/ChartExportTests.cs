using Landscaper.Topology;
using Landscaper.Visualization;
using Landscaper.Metrics;
using Landscaper.Synthetic;

namespace Landscaper.Tests.Visualization;

/// <summary>Few on purpose: every export starts a headless Chromium.</summary>
public class ChartExportTests
{
    private static int NonBackground(PngImage png)
    {
        int count = 0;
        for (int y = 0; y < png.Height; y++)
            for (int x = 0; x < png.Width; x++)
            {
                var (r, g, b, _) = png[x, y];
                if (r < 230 || g < 230 || b < 230) count++;
            }
        return count;
    }

    [Fact]
    public async Task Surface_and_merge_tree_render_to_png_with_content()
    {
        var landscape = ToyFunctions.Himmelblau(31);
        var surface = PngImage.Decode(await ChartOutput.RenderPngAsync(LandscapeCharts.Surface(landscape, new LandscapeChartOptions(LogScale: true)), 500, 400));
        Assert.Equal((500, 400), (surface.Width, surface.Height));
        int surfacePixels = NonBackground(surface);
        Assert.True(surfacePixels > 500 * 400 / 10, $"only {surfacePixels} non-background pixels in the surface");

        var tree = LandscapeTopology.Analyze(ToyFunctions.GaussianWells(ToyFunctions.StandardWells2D, 2, 41)).SublevelTree;
        var drawing = PngImage.Decode(await ChartOutput.RenderPngAsync(TopologyCharts.MergeTree(tree), 500, 400));
        int treePixels = NonBackground(drawing);
        Assert.True(treePixels > 1_000, $"only {treePixels} non-background pixels in the merge tree");
    }
}
