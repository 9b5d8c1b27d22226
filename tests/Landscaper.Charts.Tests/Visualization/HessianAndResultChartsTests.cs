using Landscaper.Visualization;

namespace Landscaper.Tests.Visualization;

public class HessianAndResultChartsTests
{
    [Fact]
    public void Top_eigenvalues_are_bars_with_residual_error_bars()
    {
        double[] values = [5.0, 3.0, 1.0], residuals = [0.1, 0.2, 0.3];
        var trace = Assert.Single(ChartJson.Traces(HessianCharts.TopEigenvalues(values, residuals, k: 2)));
        Assert.Equal("bar", trace.GetProperty("type").GetString());
        Assert.Equal(["λ1", "λ2"], trace.GetProperty("x").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal([5.0, 3.0], ChartJson.Numbers(trace.GetProperty("y")));
        Assert.Equal([0.1, 0.2], ChartJson.Numbers(trace.GetProperty("error_y").GetProperty("array")));
        Assert.Throws<ArgumentOutOfRangeException>(() => HessianCharts.TopEigenvalues(values, residuals, k: 0));
        Assert.Throws<ArgumentException>(() => HessianCharts.TopEigenvalues(values, [0.1]));
        Assert.False(Assert.Single(ChartJson.Traces(HessianCharts.TopEigenvalues(values))).TryGetProperty("error_y", out _));
    }

    [Fact]
    public void Spectral_density_is_a_curve_with_a_rug_of_nodes()
    {
        var grid = Landscape.Linspace(-1, 5, 61);
        var density = grid.Select(x => Math.Exp(-x * x) / Math.Sqrt(Math.PI)).ToArray();
        var traces = ChartJson.Traces(HessianCharts.SpectralDensity(grid, density, [0.0, 4.0]));
        Assert.Equal(2, traces.Length);
        Assert.Equal(61, ChartJson.Numbers(traces[0].GetProperty("y")).Length);
        Assert.Equal([0.0, 4.0], ChartJson.Numbers(traces[1].GetProperty("x")));
        Assert.Equal("log", ChartJson.Layout(HessianCharts.SpectralDensity(grid, density)).GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Twin_axes_put_the_second_metric_on_an_overlaying_right_axis()
    {
        var chart = ResultCharts.TwinAxes([0, 100, 200], [0.3, 0.2, 0.1], "SMAD", [10, 20, 40], "λ_max");
        var traces = ChartJson.Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.False(traces[0].TryGetProperty("yaxis", out _));
        Assert.Equal("y2", traces[1].GetProperty("yaxis").GetString());
        var y2 = ChartJson.Layout(chart).GetProperty("yaxis2");
        Assert.Equal(("y", "right"), (y2.GetProperty("overlaying").GetString(), y2.GetProperty("side").GetString()));
        Assert.Equal("λ_max", ChartJson.Title(y2));
        Assert.Throws<ArgumentException>(() => ResultCharts.TwinAxes([0, 1], [1], "a", [1, 2], "b"));
    }

    [Fact]
    public void Regression_line_and_r_match_least_squares()
    {
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [2.1, 3.9, 6.2, 7.8, 10.1];
        var fit = LinearFit.LeastSquares(x, y);
        Assert.Equal(1.99, fit.Slope, 10);
        Assert.Equal(0.05, fit.Intercept, 10);
        Assert.True(fit.R > 0.99);
        var chart = ResultCharts.Regression(x, y, "SMAD", "OOD error", ["a", "b", "c", "d", "e"]);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(("markers", "lines"), (traces[0].GetProperty("mode").GetString(), traces[1].GetProperty("mode").GetString()));
        Assert.Equal([fit.Predict(1), fit.Predict(5)], ChartJson.Numbers(traces[1].GetProperty("y")));
        Assert.Contains($"r = {fit.R:F3}", ChartJson.Title(ChartJson.Layout(chart)));
        Assert.Throws<ArgumentException>(() => LinearFit.LeastSquares([1, 1], [1, 2]));
    }
}
