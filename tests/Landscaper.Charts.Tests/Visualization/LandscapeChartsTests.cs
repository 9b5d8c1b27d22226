using Landscaper.Visualization;
using Landscaper.Synthetic;

namespace Landscaper.Tests.Visualization;

public class LandscapeChartsTests
{
    private static Landscape Ramp(int rows, int cols)
    {
        var values = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) values[i * cols + j] = 1 + 10 * i + j;
        return new Landscape(values, [Landscape.Linspace(0, 1, rows), Landscape.Linspace(-1, 1, cols)],
            new LandscapeMetadata("ramp", "loss", ["α", "β"]));
    }

    [Fact]
    public void Surface_has_rows_on_y_columns_on_x_and_titled_axes()
    {
        var chart = LandscapeCharts.Surface(Ramp(3, 4), new LandscapeChartOptions(ZMin: 2, ZMax: 30, CoordinateUnit: "step"));
        var trace = Assert.Single(ChartJson.Traces(chart));
        Assert.Equal("surface", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(ChartJson.Numbers).ToArray();
        Assert.Equal(3, z.Length);
        Assert.Equal([1, 2, 3, 4], z[0]);
        Assert.Equal(24, z[2][3]);
        Assert.Equal(4, ChartJson.Numbers(trace.GetProperty("x")).Length);
        Assert.Equal((2.0, 30.0), (trace.GetProperty("cmin").GetDouble(), trace.GetProperty("cmax").GetDouble()));
        Assert.Equal("loss", ChartJson.Title(trace.GetProperty("colorbar")));
        var scene = ChartJson.Layout(chart).GetProperty("scene");
        Assert.Equal("β [step]", ChartJson.Title(scene.GetProperty("xaxis")));
        Assert.Equal("α [step]", ChartJson.Title(scene.GetProperty("yaxis")));
        Assert.Contains("ramp", ChartJson.Title(ChartJson.Layout(chart)));
    }

    [Fact]
    public void Log_scale_draws_log10_values_with_decade_ticks()
    {
        var chart = LandscapeCharts.Heatmap(Ramp(10, 10), new LandscapeChartOptions(LogScale: true));
        var trace = Assert.Single(ChartJson.Traces(chart));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var z = trace.GetProperty("z").EnumerateArray().Select(ChartJson.Numbers).ToArray();
        Assert.Equal(0, z[0][0], 12);                 // log10(1)
        Assert.Equal(2, z[9][9], 12);                 // log10(100)
        var bar = trace.GetProperty("colorbar");
        Assert.Equal("log10(loss)", ChartJson.Title(bar));
        Assert.Equal(["1", "10", "100"], bar.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public void Log_scale_shifts_non_positive_values_and_says_so()
    {
        var chart = LandscapeCharts.Contour(ToyFunctions.Himmelblau(21), new LandscapeChartOptions(LogScale: true));
        var trace = Assert.Single(ChartJson.Traces(chart));
        Assert.Equal("contour", trace.GetProperty("type").GetString());
        Assert.StartsWith("log10(f + ", ChartJson.Title(trace.GetProperty("colorbar")));
        Assert.All(trace.GetProperty("z").EnumerateArray().SelectMany(ChartJson.Numbers), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Charts_of_2d_views_refuse_other_dimensions()
    {
        var cube = ToyFunctions.GaussianWells(ToyFunctions.StandardWells3D, 3, 5);
        Assert.Throws<ArgumentException>(() => LandscapeCharts.Surface(cube));
        Assert.Throws<ArgumentException>(() => LandscapeCharts.Heatmap(Ramp(3, 3), new LandscapeChartOptions(ZMin: 5, ZMax: 1)));
    }

    [Fact]
    public void Slice_and_min_projection_pick_the_right_values()
    {
        // f(i, j, k) = 100 i + 10 j + k on a 3 × 4 × 5 grid.
        var values = new double[3 * 4 * 5];
        for (int p = 0; p < values.Length; p++) values[p] = 100 * (p / 20) + 10 * (p / 5 % 4) + p % 5;
        var cube = new Landscape(values, [Landscape.Linspace(0, 1, 3), Landscape.Linspace(0, 1, 4), Landscape.Linspace(0, 1, 5)],
            new LandscapeMetadata("cube", "loss", ["a", "b", "c"]));

        var slice = LandscapeCharts.Slice(cube, 2, 0, [0, 3, 0]);
        Assert.Equal([5, 3], slice.Landscape.Shape);
        Assert.Equal(100 * 2 + 10 * 3 + 4, slice.Landscape[4, 2]);   // (k = 4, i = 2) with j fixed at 3
        Assert.Equal(["c", "a"], slice.Landscape.Metadata.DirectionNames);
        Assert.Equal("contour", Assert.Single(ChartJson.Types(slice.Chart)));

        var projection = LandscapeSlices.MinProjection(cube, 0, 1);
        Assert.Equal([3, 4], projection.Shape);
        Assert.Equal(100 * 2 + 10 * 1, projection[2, 1]);            // minimum over k is k = 0
        Assert.Throws<ArgumentException>(() => LandscapeSlices.Slice(cube, 1, 1, [0, 0, 0]));
        Assert.Throws<ArgumentException>(() => LandscapeSlices.Slice(cube, 0, 1, [0, 0, 9]));
    }
}
