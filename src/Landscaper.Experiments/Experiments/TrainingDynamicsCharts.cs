using System.Globalization;
using Landscaper.Topology;
using Landscaper.Visualization;
using Plotly.NET;

namespace Landscaper.Experiments;

/// <summary>Charts of a <see cref="TrainingDynamicsResult"/>, built on <see cref="ResultCharts"/>,
/// <see cref="LandscapeCharts"/> and <see cref="TopologyCharts"/>, so notebooks only choose what to show.</summary>
public static class TrainingDynamicsCharts
{
    /// <summary>SMAD (left axis) and another metric (right axis) against the training step for one model, each the mean
    /// over seeds.</summary>
    /// <param name="result">The experiment result.</param>
    /// <param name="model">Model name.</param>
    /// <param name="right">The right-axis metric (e.g. <c>r =&gt; r.LambdaMax</c>).</param>
    /// <param name="rightName">Its name.</param>
    /// <exception cref="ArgumentException">The model has no rows.</exception>
    public static GenericChart SmadAndCurvature(TrainingDynamicsResult result, string model, Func<TrainingDynamicsRow, double> right, string rightName)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(right);
        var smad = result.MeanOverSeeds(r => r.Smad).Where(a => a.Model == model).ToArray();
        if (smad.Length == 0) throw new ArgumentException($"The result has no rows for model '{model}'.", nameof(model));
        var other = result.MeanOverSeeds(right).Where(a => a.Model == model).ToArray();
        return ResultCharts.TwinAxes(smad.Select(a => (double)a.Step).ToArray(), smad.Select(a => a.Value.Mean).ToArray(), "SMAD (mean over seeds)",
            other.Select(a => a.Value.Mean).ToArray(), $"{rightName} (mean over seeds)",
            title: string.Create(CultureInfo.InvariantCulture, $"{model}: SMAD and {rightName} during training ({smad[0].Value.Count} seeds)"));
    }

    /// <summary>A metric's mean over seeds against the training step, one line per model, with ± sd error bars — e.g. the
    /// skip vs no-skip comparison.</summary>
    /// <param name="result">The experiment result.</param>
    /// <param name="models">Models to draw (each must have rows).</param>
    /// <param name="metric">The metric of a row.</param>
    /// <param name="metricName">Its name (y axis).</param>
    /// <param name="logX">Logarithmic step axis (step 0 is drawn at 0.5).</param>
    /// <exception cref="ArgumentException">A model has no rows.</exception>
    public static GenericChart MeanSdByStep(TrainingDynamicsResult result, IReadOnlyList<string> models, Func<TrainingDynamicsRow, double> metric,
        string metricName, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(metric);
        var all = result.MeanOverSeeds(metric);
        var traces = new List<Trace>();
        for (int m = 0; m < models.Count; m++)
        {
            var points = all.Where(a => a.Model == models[m]).ToArray();
            if (points.Length == 0) throw new ArgumentException($"The result has no rows for model '{models[m]}'.", nameof(models));
            string colour = TopologyCharts.Palette[m % TopologyCharts.Palette.Count];
            traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = points.Select(a => logX && a.Step == 0 ? 0.5 : a.Step).ToArray(),
                ["y"] = points.Select(a => a.Value.Mean).ToArray(),
                ["error_y"] = new Dictionary<string, object?> { ["type"] = "data", ["array"] = points.Select(a => a.Value.Sd).ToArray(), ["visible"] = true },
                ["mode"] = "lines+markers", ["name"] = $"{models[m]} (n = {points[0].Value.Count})",
                ["line"] = new Dictionary<string, object?> { ["color"] = colour, ["width"] = 2 },
                ["marker"] = new Dictionary<string, object?> { ["color"] = colour },
            }));
        }
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title($"{metricName} during training: mean ± sd over seeds"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(logX ? "training step (log; step 0 at 0.5)" : "training step"), ["type"] = logX ? "log" : "linear" },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(metricName) },
        });
    }

    /// <summary>Contour plot of a row's 2-D landscape, titled with model, seed, step and SMAD.</summary>
    /// <param name="row">A row of the result.</param>
    public static GenericChart Landscape(TrainingDynamicsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return LandscapeCharts.Contour(row.Analysis.Landscape2D.Landscape, new LandscapeChartOptions(Title: Caption(row, "loss landscape, top-2 Hessian directions")));
    }

    /// <summary>Topological landscape profile of a row's 2-D landscape.</summary>
    /// <param name="row">A row of the result.</param>
    public static GenericChart Profile(TrainingDynamicsRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var landscape = row.Analysis.Landscape2D.Landscape;
        return TopologyCharts.Profile(TopologicalProfile.Build(landscape), title: Caption(row, "topological profile"));
    }

    private static string Caption(TrainingDynamicsRow row, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.Model} seed {row.Seed}, step {row.Step}: {what} (SMAD {row.Smad:G3}, {row.Analysis.Landscape2D.Minima} minima)");
}
