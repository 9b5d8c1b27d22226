using System.Globalization;
using Landscaper.Statistics;
using Landscaper.Visualization;
using Plotly.NET;

namespace Landscaper.Scales;

/// <summary>Charts of a <see cref="ScaleStudyResult"/>: the scale profile (a metric vs radius, log x, one curve per
/// checkpoint, mean ± sd over seeds) and SMAD vs dimension with the centre 2-D slices beside the full grids.</summary>
public static class ScaleStudyCharts
{
    /// <summary>A metric of the scale profile vs the radius, one curve per checkpoint.</summary>
    /// <param name="result">The study.</param>
    /// <param name="model">Architecture.</param>
    /// <param name="directions">"hessian" or "filter".</param>
    /// <param name="convention">"relative" or "absolute".</param>
    /// <param name="metric">"smad", "smad_normalized", "minima" or "total_persistence".</param>
    public static GenericChart Profile(ScaleStudyResult result, string model, string directions, string convention, string metric = "smad")
    {
        ArgumentNullException.ThrowIfNull(result);
        Func<ScaleStudyRow, double> value = metric switch
        {
            "smad" => r => r.Smad,
            "smad_normalized" => r => r.SmadNormalized,
            "minima" => r => r.Minima,
            "total_persistence" => r => r.TotalPersistence,
            _ => throw new ArgumentException($"Unknown metric '{metric}' (smad, smad_normalized, minima, total_persistence).", nameof(metric)),
        };
        var rows = result.Profile(model, directions, convention).Where(r => r.DType == "float32").ToArray();
        if (rows.Length == 0) throw new ArgumentException($"The study has no {directions} {convention} profile of {model}.", nameof(model));
        var traces = new List<Trace>();
        var checkpoints = rows.Select(r => r.Checkpoint).Distinct().Order().ToArray();
        for (int i = 0; i < checkpoints.Length; i++)
        {
            var points = rows.Where(r => r.Checkpoint == checkpoints[i]).GroupBy(r => r.Radius).OrderBy(g => g.Key)
                .Select(g => (Radius: g.Key, Value: ExperimentStatistics.MeanSd(g.Select(value).ToArray()), Step: g.First().Step)).ToArray();
            string colour = TopologyCharts.Palette[i % TopologyCharts.Palette.Count];
            traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = points.Select(p => p.Radius).ToArray(), ["y"] = points.Select(p => p.Value.Mean).ToArray(),
                ["error_y"] = new Dictionary<string, object?> { ["type"] = "data", ["array"] = points.Select(p => p.Value.Sd).ToArray(), ["visible"] = true },
                ["mode"] = "lines+markers", ["name"] = $"checkpoint {checkpoints[i]} (step {points[0].Step}, n = {points[0].Value.Count})",
                ["line"] = new Dictionary<string, object?> { ["color"] = colour, ["width"] = 2 }, ["marker"] = new Dictionary<string, object?> { ["color"] = colour },
            }));
        }
        string unit = convention == "relative" ? "radius r (× ‖θ‖)" : "radius r (× ‖θ at step 0‖, fixed in parameter units)";
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title($"{model}: {metric} vs radius ({directions} directions, {convention}); mean ± sd over seeds"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(unit), ["type"] = "log" },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(metric) },
        });
    }

    /// <summary>SMAD (or minima) vs landscape dimension at the dimension-study radius: full grids and their centre 2-D slices,
    /// at the first and last checkpoint.</summary>
    public static GenericChart Dimension(ScaleStudyResult result, string model, string directions, string metric = "minima")
    {
        ArgumentNullException.ThrowIfNull(result);
        Func<ScaleStudyRow, double> value = metric == "smad" ? r => r.Smad : r => r.Minima;
        var rows = result.Rows.Where(r => r.Setting == "dimension" && r.Model == model && r.Directions == directions).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"The study has no {directions} dimension rows of {model}.", nameof(model));
        var traces = new List<Trace>();
        int colour = 0;
        foreach (bool last in new[] { false, true })
            foreach (var view in new[] { "full", "slice" })
            {
                var pts = rows.Where(r => r.IsLast == last && (r.View == view || (view == "slice" && r.Dims == 2)))
                    .GroupBy(r => r.Dims).OrderBy(g => g.Key).Select(g => (Dims: g.Key, V: ExperimentStatistics.MeanSd(g.Select(value).ToArray()))).ToArray();
                if (pts.Length == 0) continue;
                string c = TopologyCharts.Palette[colour++ % TopologyCharts.Palette.Count];
                traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
                {
                    ["x"] = pts.Select(p => p.Dims).ToArray(), ["y"] = pts.Select(p => p.V.Mean).ToArray(),
                    ["error_y"] = new Dictionary<string, object?> { ["type"] = "data", ["array"] = pts.Select(p => p.V.Sd).ToArray(), ["visible"] = true },
                    ["mode"] = "lines+markers", ["name"] = $"{(last ? "last" : "first")} checkpoint, {(view == "full" ? "full grid" : "centre 2-D slice")}",
                    ["line"] = new Dictionary<string, object?> { ["color"] = c, ["dash"] = view == "slice" ? "dot" : "solid" },
                    ["marker"] = new Dictionary<string, object?> { ["color"] = c },
                }));
            }
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(string.Create(CultureInfo.InvariantCulture,
                $"{model}: {metric} vs dimension at r = {result.Options.DimensionRadius:G3} ({directions} directions); mean ± sd over seeds")),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("landscape dimension (top-k directions)"), ["dtick"] = 1 },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(metric) },
        });
    }
}
