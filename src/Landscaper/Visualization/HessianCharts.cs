using System.Globalization;
using Landscaper.Hessian;
using Plotly.NET;

namespace Landscaper.Visualization;

/// <summary>Charts of Hessian results: top-k eigenvalues with residuals, and the spectral density.</summary>
public static class HessianCharts
{
    /// <summary>Bars of the eigenvalues in the order found (λ1, λ2, …) with the residual ‖Hv − λv‖ of each pair as a
    /// symmetric error bar.</summary>
    /// <param name="result">Eigenpairs from Lanczos or power iteration.</param>
    /// <param name="k">How many to show (the first <paramref name="k"/>); null = all.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> &lt; 1.</exception>
    public static GenericChart TopEigenvalues(EigenResult result, int? k = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (k is < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Must be ≥ 1.");
        int count = Math.Min(k ?? result.Eigenvalues.Count, result.Eigenvalues.Count);
        var labels = Enumerable.Range(1, count).Select(i => $"λ{i}").ToArray();
        var values = result.Eigenvalues.Take(count).ToArray();
        var residuals = result.Residuals.Take(count).ToArray();
        var trace = PlotlyFigure.Trace2D("bar", new Dictionary<string, object?>
        {
            ["x"] = labels, ["y"] = values, ["name"] = "eigenvalue",
            ["error_y"] = new Dictionary<string, object?> { ["type"] = "data", ["array"] = residuals, ["visible"] = true },
            ["text"] = values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"λ{i + 1} = {v:G5}, residual {residuals[i]:G3}")).ToArray(),
            ["hoverinfo"] = "text",
            ["marker"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[0] },
        });
        string status = result.Converged ? "converged" : "not converged";
        return PlotlyFigure.Chart([trace], new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? $"Top {count} Hessian eigenvalues ({result.Method}, {result.Hvps} HVPs, {status})"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("eigenpair (order found)") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("eigenvalue λ (error bar: residual ‖Hv − λv‖)") },
        });
    }

    /// <summary>The Gaussian-broadened spectral density from stochastic Lanczos quadrature as a curve, with the averaged
    /// quadrature nodes as a rug along the bottom.</summary>
    /// <param name="density">The density estimate.</param>
    /// <param name="logDensity">Draw the density axis on a log scale (the bulk near 0 dwarfs the outliers otherwise).</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart SpectralDensity(SpectralDensity density, bool logDensity = true, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(density);
        var (nodes, _) = density.Measure();
        var positive = density.Density.Where(d => d > 0).DefaultIfEmpty(1).Min();
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = density.Grid.ToArray(),
                ["y"] = logDensity ? density.Density.Select(d => Math.Max(d, positive)).ToArray() : density.Density.ToArray(),
                ["mode"] = "lines", ["name"] = "density", ["fill"] = logDensity ? null : "tozeroy",
                ["line"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[0], ["width"] = 2 },
            }),
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = nodes, ["y"] = nodes.Select(_ => 0.0).ToArray(), ["yaxis"] = "y2", ["mode"] = "markers",
                ["name"] = "quadrature nodes", ["marker"] = new Dictionary<string, object?> { ["symbol"] = "line-ns-open", ["size"] = 10, ["color"] = "#555" },
            }),
        };
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? string.Create(CultureInfo.InvariantCulture,
                $"Hessian spectral density (SLQ, {density.Nodes.Count} probes, σ = {density.Sigma:G3})")),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("eigenvalue λ") },
            ["yaxis"] = new Dictionary<string, object?>
            {
                ["title"] = PlotlyFigure.Title("density (1 / eigenvalue unit)"), ["type"] = logDensity ? "log" : null, ["domain"] = new[] { 0.1, 1.0 },
            },
            ["yaxis2"] = new Dictionary<string, object?> { ["domain"] = new[] { 0.0, 0.07 }, ["showticklabels"] = false, ["showgrid"] = false, ["zeroline"] = false },
        });
    }
}
