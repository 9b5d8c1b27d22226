using System.Globalization;
using Plotly.NET;

namespace Landscaper.Visualization;

/// <summary>Charts of experiment results: metrics along training, and metric-vs-metric scatter with a regression line.</summary>
public static class ResultCharts
{
    /// <summary>Two metrics against training step on twin y axes (left and right), e.g. SMAD and λ_max.</summary>
    /// <param name="steps">Training steps (x).</param>
    /// <param name="left">First metric, on the left axis.</param>
    /// <param name="leftName">Name (and unit) of the first metric.</param>
    /// <param name="right">Second metric, on the right axis.</param>
    /// <param name="rightName">Name (and unit) of the second metric.</param>
    /// <param name="xTitle">Title of the x axis.</param>
    /// <param name="title">Chart title; null = "left and right vs step".</param>
    /// <exception cref="ArgumentException">The series do not have one value per step.</exception>
    public static GenericChart TwinAxes(IReadOnlyList<double> steps, IReadOnlyList<double> left, string leftName,
        IReadOnlyList<double> right, string rightName, string xTitle = "training step", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Count != steps.Count || right.Count != steps.Count)
            throw new ArgumentException($"Need one value per step: {steps.Count} steps, {left.Count} and {right.Count} values.", nameof(steps));
        Trace Series(IReadOnlyList<double> y, string name, string colour, string? axis, string symbol) => PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
        {
            ["x"] = steps.ToArray(), ["y"] = y.ToArray(), ["mode"] = "lines+markers", ["name"] = name, ["yaxis"] = axis,
            ["line"] = new Dictionary<string, object?> { ["color"] = colour, ["width"] = 2 },
            ["marker"] = new Dictionary<string, object?> { ["color"] = colour, ["symbol"] = symbol },
        });
        string leftColour = TopologyCharts.Palette[0], rightColour = TopologyCharts.Palette[1];
        return PlotlyFigure.Chart([Series(left, leftName, leftColour, null, "circle"), Series(right, rightName, rightColour, "y2", "square")],
            new Dictionary<string, object?>
            {
                ["title"] = PlotlyFigure.Title(title ?? $"{leftName} and {rightName} vs {xTitle}"),
                ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(xTitle) },
                ["yaxis"] = new Dictionary<string, object?>
                {
                    ["title"] = new Dictionary<string, object?> { ["text"] = leftName, ["font"] = new Dictionary<string, object?> { ["color"] = leftColour } },
                    ["tickfont"] = new Dictionary<string, object?> { ["color"] = leftColour },
                },
                ["yaxis2"] = new Dictionary<string, object?>
                {
                    ["title"] = new Dictionary<string, object?> { ["text"] = rightName, ["font"] = new Dictionary<string, object?> { ["color"] = rightColour } },
                    ["tickfont"] = new Dictionary<string, object?> { ["color"] = rightColour },
                    ["overlaying"] = "y", ["side"] = "right", ["showgrid"] = false,
                },
                ["legend"] = new Dictionary<string, object?> { ["x"] = 0.5, ["xanchor"] = "center", ["y"] = -0.2, ["orientation"] = "h" },
            });
    }

    /// <summary>A scatter of <paramref name="y"/> against <paramref name="x"/> with the least-squares line; the title and the
    /// line's legend entry give r and the line's equation (e.g. SMAD vs OOD error).</summary>
    /// <param name="x">Predictor values.</param>
    /// <param name="y">Response values.</param>
    /// <param name="xName">Name (and unit) of x.</param>
    /// <param name="yName">Name (and unit) of y.</param>
    /// <param name="labels">Optional hover label per point (e.g. run names).</param>
    /// <param name="title">Chart title; null = "y vs x (r = …)".</param>
    /// <exception cref="ArgumentException">See <see cref="LinearFit.LeastSquares"/>; or labels of the wrong length.</exception>
    public static GenericChart Regression(IReadOnlyList<double> x, IReadOnlyList<double> y, string xName, string yName,
        IReadOnlyList<string>? labels = null, string? title = null)
    {
        var fit = LinearFit.LeastSquares(x, y);
        if (labels is not null && labels.Count != x.Count)
            throw new ArgumentException($"labels has {labels.Count} entries for {x.Count} points.", nameof(labels));
        double lo = x.Min(), hi = x.Max();
        string r = fit.R.ToString("F3", CultureInfo.InvariantCulture);
        var points = PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
        {
            ["x"] = x.ToArray(), ["y"] = y.ToArray(), ["mode"] = "markers", ["name"] = $"{x.Count} points", ["text"] = labels?.ToArray(),
            ["marker"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[0], ["size"] = 9 },
        });
        var line = PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
        {
            ["x"] = new[] { lo, hi }, ["y"] = new[] { fit.Predict(lo), fit.Predict(hi) }, ["mode"] = "lines",
            ["name"] = string.Create(CultureInfo.InvariantCulture, $"least squares: y = {fit.Slope:G4}·x + {fit.Intercept:G4} (r = {r})"),
            ["line"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[3], ["width"] = 2 },
        });
        return PlotlyFigure.Chart([points, line], new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? $"{yName} vs {xName} (r = {r}, n = {fit.Count})"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(xName) },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(yName) },
        });
    }
}
