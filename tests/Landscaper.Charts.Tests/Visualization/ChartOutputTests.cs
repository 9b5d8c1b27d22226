using Landscaper.Visualization;
using Plotly.NET.CSharp;

namespace Landscaper.Tests.Visualization;

public class ChartOutputTests
{
    private static Plotly.NET.GenericChart Heatmap()
    {
        var z = new double[30][];
        for (int i = 0; i < 30; i++)
        {
            z[i] = new double[30];
            for (int j = 0; j < 30; j++) z[i][j] = Math.Sin(i / 4.0) * Math.Cos(j / 5.0);
        }
        return Chart.Heatmap<double, double, double, string>(zData: z);
    }

    [Fact]
    public void Standalone_html_declares_utf8_first_embeds_plotly_js_and_needs_no_cdn()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-chart-").FullName;
        string path = ChartOutput.SaveHtml(Heatmap(), Path.Combine(dir, "sub", "heatmap.html"), standalone: true);
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.True(html.IndexOf("<meta charset=\"utf-8\">", StringComparison.Ordinal) is > 0 and < 200, "charset is not declared first");
        Assert.Contains("plotly.js v", html);
        Assert.DoesNotContain("src=\"https://cdn.plot.ly", html);
        Assert.True(html.Length > 1_000_000, $"HTML is only {html.Length} characters; plotly.js is not embedded.");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.js"));
    }

    [Fact]
    public void Saved_figures_share_one_plotly_js_file_beside_them()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-chart-").FullName;
        string a = ChartOutput.SaveHtml(Heatmap(), Path.Combine(dir, "a.html"));
        string b = ChartOutput.SaveHtml(Heatmap(), Path.Combine(dir, "b.html"));
        var js = Assert.Single(Directory.GetFiles(dir, "*.js"));
        Assert.Equal(PlotlyJs.FileName, Path.GetFileName(js));
        Assert.True(new FileInfo(js).Length > 1_000_000);
        foreach (var path in new[] { a, b })
        {
            string html = File.ReadAllText(path);
            Assert.True(html.Length < 100_000, $"{path} is {html.Length} characters: plotly.js is inlined");
            Assert.Contains($"src=\"{PlotlyJs.FileName}\"", html);
            Assert.True(html.IndexOf("<meta charset=\"utf-8\">", StringComparison.Ordinal) < html.IndexOf("<script", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_saved_figure_renders_from_disk_with_the_network_blocked_and_shows_minus_signs()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-chart-").FullName;
        var chart = Chart.Heatmap<double, double, double, string>(zData: new[] { new[] { -1.0, 0.0 }, new[] { 0.5, -0.25 } });
        string path = ChartOutput.SaveHtml(chart, Path.Combine(dir, "minus.html"));
        var shot = await PageSnapshot.CaptureAsync(path, 500, 400);
        Assert.Empty(shot.BlockedRequests);
        Assert.Empty(shot.ScriptErrors);
        Assert.Equal(1, shot.PlotsDrawn);
        var png = PngImage.Decode(shot.Png);
        Assert.Equal((500, 400), (png.Width, png.Height));
        Assert.Contains("\u22121", shot.Text);          // plotly's minus sign on the colour bar, decoded as UTF-8
        Assert.DoesNotContain("\u00e2", shot.Text);     // not mojibake

        // Without plotly.js beside it the page says so instead of failing silently.
        File.Delete(Path.Combine(dir, PlotlyJs.FileName));
        var broken = await PageSnapshot.CaptureAsync(path, 500, 400);
        Assert.Equal(0, broken.PlotsDrawn);
    }

    [Fact]
    public async Task Png_export_draws_the_heatmap_in_the_plot_area()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-chart-").FullName;
        string path = await ChartOutput.SavePngAsync(Heatmap(), Path.Combine(dir, "heatmap.png"), width: 400, height: 300);
        var png = PngImage.Decode(File.ReadAllBytes(path));
        Assert.Equal((400, 300), (png.Width, png.Height));
        // The plot area sits in the middle of the figure: most of its pixels must be coloured (not the white
        // background), and a heatmap of a sine pattern must show many different colours.
        int coloured = 0, total = 0;
        var colours = new HashSet<(byte, byte, byte)>();
        for (int y = png.Height * 2 / 5; y < png.Height * 3 / 5; y++)
            for (int x = png.Width / 4; x < png.Width / 2; x++)
            {
                var (r, g, b, _) = png[x, y];
                total++;
                if (r < 235 || g < 235 || b < 235) coloured++;
                colours.Add((r, g, b));
            }
        Assert.True(coloured > total * 0.8, $"only {coloured} of {total} plot-area pixels are coloured");
        Assert.True(colours.Count > 20, $"only {colours.Count} distinct colours in the plot area");
        var corner = png[2, 2];
        Assert.True(corner.R > 240 && corner.G > 240 && corner.B > 240, $"corner pixel {corner} is not background");
    }

    [Fact]
    public async Task Svg_export_is_an_svg_document()
    {
        string svg = await ChartOutput.RenderSvgAsync(Heatmap(), 300, 200);
        Assert.StartsWith("<svg", svg.TrimStart());
        Assert.Contains("</svg>", svg);
    }

    [Fact]
    public void A_missing_browser_named_by_the_environment_is_a_clear_error()
    {
        var previous = Environment.GetEnvironmentVariable(ChromiumLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, "/nonexistent/chromium");
            var ex = Assert.Throws<ChromiumNotFoundException>(() => ChromiumLocator.Find());
            Assert.Contains("/nonexistent/chromium", ex.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void Headless_arguments_include_no_sandbox_only_for_root()
    {
        var args = ChromiumLocator.HeadlessArguments();
        Assert.Contains("--headless", args);
        Assert.Contains("--disable-gpu", args);
        Assert.Equal(Environment.IsPrivilegedProcess, args.Contains("--no-sandbox"));
    }
}
