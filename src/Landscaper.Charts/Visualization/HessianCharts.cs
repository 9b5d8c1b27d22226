using System.Globalization;
using Plotly.NET;

namespace Landscaper.Visualization;

/// <summary>Charts of Hessian results: top-k eigenvalues with residuals, and the spectral density. They take plain
/// numbers (e.g. <c>EigenResult.Eigenvalues</c>, <c>SpectralDensity.Grid</c> of the torch layer), so this layer does not
/// depend on TorchSharp.</summary>
public static class HessianCharts
{
    /// <summary>Bars of the eigenvalues in the order found (λ1, λ2, …) with the residual ‖Hv − λv‖ of each pair as a
    /// symmetric error bar.</summary>
    /// <param name="eigenvalues">Eigenvalues in the order found (loss units per parameter unit²).</param>
    /// <param name="residuals">Residual norm of each pair (same units), or null for no error bars.</param>
    /// <param name="k">How many to show (the first <paramref name="k"/>); null = all.</param>
    /// <param name="title">Chart title (default: "Top k Hessian eigenvalues").</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> &lt; 1.</exception>
    /// <exception cref="ArgumentException">No eigenvalues, or residuals of a different length.</exception>
    public static GenericChart TopEigenvalues(IReadOnlyList<double> eigenvalues, IReadOnlyList<double>? residuals = null, int? k = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (k is < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "Must be ≥ 1.");
        if (eigenvalues.Count == 0) throw new ArgumentException("No eigenvalues to show.", nameof(eigenvalues));
        if (residuals is not null && residuals.Count != eigenvalues.Count)
            throw new ArgumentException($"{residuals.Count} residuals for {eigenvalues.Count} eigenvalues.", nameof(residuals));
        int count = Math.Min(k ?? eigenvalues.Count, eigenvalues.Count);
        var labels = Enumerable.Range(1, count).Select(i => $"λ{i}").ToArray();
        var values = eigenvalues.Take(count).ToArray();
        var res = residuals?.Take(count).ToArray();
        var trace = PlotlyFigure.Trace2D("bar", new Dictionary<string, object?>
        {
            ["x"] = labels, ["y"] = values, ["name"] = "eigenvalue",
            ["error_y"] = res is null ? null : new Dictionary<string, object?> { ["type"] = "data", ["array"] = res, ["visible"] = true },
            ["text"] = values.Select((v, i) => res is null
                ? string.Create(CultureInfo.InvariantCulture, $"λ{i + 1} = {v:G5}")
                : string.Create(CultureInfo.InvariantCulture, $"λ{i + 1} = {v:G5}, residual {res[i]:G3}")).ToArray(),
            ["hoverinfo"] = "text",
            ["marker"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[0] },
        });
        return PlotlyFigure.Chart([trace], new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? $"Top {count} Hessian eigenvalues"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("eigenpair (order found)") },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(res is null ? "eigenvalue λ" : "eigenvalue λ (error bar: residual ‖Hv − λv‖)") },
        });
    }

    /// <summary>The Gaussian-broadened spectral density from stochastic Lanczos quadrature as a curve, with the averaged
    /// quadrature nodes as a rug along the bottom.</summary>
    /// <param name="grid">Eigenvalue grid (ascending).</param>
    /// <param name="density">Density at the grid points (1 / eigenvalue unit).</param>
    /// <param name="nodes">Quadrature nodes to show as a rug, or null.</param>
    /// <param name="logDensity">Draw the density axis on a log scale (the bulk near 0 dwarfs the outliers otherwise).</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">Grid and density of different lengths, or empty.</exception>
    public static GenericChart SpectralDensity(IReadOnlyList<double> grid, IReadOnlyList<double> density, IReadOnlyList<double>? nodes = null,
        bool logDensity = true, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(density);
        if (grid.Count == 0 || grid.Count != density.Count)
            throw new ArgumentException($"The grid has {grid.Count} points and the density {density.Count} values; both must be equal and non-zero.", nameof(density));
        var rug = nodes?.ToArray() ?? [];
        var positive = density.Where(d => d > 0).DefaultIfEmpty(1).Min();
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = grid.ToArray(),
                ["y"] = logDensity ? density.Select(d => Math.Max(d, positive)).ToArray() : density.ToArray(),
                ["mode"] = "lines", ["name"] = "density", ["fill"] = logDensity ? null : "tozeroy",
                ["line"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[0], ["width"] = 2 },
            }),
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = rug, ["y"] = rug.Select(_ => 0.0).ToArray(), ["yaxis"] = "y2", ["mode"] = "markers",
                ["name"] = "quadrature nodes", ["marker"] = new Dictionary<string, object?> { ["symbol"] = "line-ns-open", ["size"] = 10, ["color"] = "#555" },
            }),
        };
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(title ?? "Hessian spectral density (SLQ)"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("eigenvalue λ") },
            ["yaxis"] = new Dictionary<string, object?>
            {
                ["title"] = PlotlyFigure.Title("density (1 / eigenvalue unit)"), ["type"] = logDensity ? "log" : null, ["domain"] = new[] { 0.1, 1.0 },
            },
            ["yaxis2"] = new Dictionary<string, object?> { ["domain"] = new[] { 0.0, 0.07 }, ["showticklabels"] = false, ["showgrid"] = false, ["zeroline"] = false },
        });
    }
}
