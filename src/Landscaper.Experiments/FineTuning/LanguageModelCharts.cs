using System.Globalization;
using Landscaper.Experiments;
using Landscaper.Topology;
using Landscaper.Visualization;
using Plotly.NET;

namespace Landscaper.FineTuning;

/// <summary>Charts of the language-model experiment: a quantity vs optimiser step (mean ± sd over seeds, one curve per variant; log x
/// of step + 1), and the subset landscape and its topological profile at a chosen checkpoint.</summary>
public static class LanguageModelCharts
{
    /// <summary><paramref name="metric"/> vs checkpoint step, mean ± sd over seeds (error bars), one curve per variant.</summary>
    /// <param name="result">The run.</param>
    /// <param name="metric">What to plot (e.g. <see cref="LanguageModelResult.PrimaryMetric"/>).</param>
    /// <param name="logY">Logarithmic y axis (for λ_max and traces).</param>
    public static GenericChart VersusStep(LanguageModelResult result, LanguageModelMetric metric, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metric);
        var traces = result.Variants.Select((variant, i) =>
        {
            var curve = result.Curve(variant, metric.Value);
            return PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = curve.Select(c => c.Step + 1.0).ToArray(),
                ["y"] = curve.Select(c => c.Value.Mean).ToArray(),
                ["mode"] = "lines+markers",
                ["name"] = LanguageModelResult.NameOf(variant),
                ["marker"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[i % TopologyCharts.Palette.Count] },
                ["error_y"] = new Dictionary<string, object?> { ["type"] = "data", ["array"] = curve.Select(c => double.IsNaN(c.Value.Sd) ? 0 : c.Value.Sd).ToArray(), ["visible"] = true },
            });
        });
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(string.Create(CultureInfo.InvariantCulture,
                $"{metric.Description} during fine-tuning (mean ± sd over {result.Seeds.Count} seed(s))")),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("optimiser step + 1"), ["type"] = "log" },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(metric.Description), ["type"] = logY ? "log" : "linear" },
        });
    }

    /// <summary>Contour of the subset's 2-D landscape of <paramref name="row"/> at <paramref name="distance"/> (log colour scale).</summary>
    /// <exception cref="ArgumentException">No such landscape.</exception>
    public static GenericChart Landscape(LanguageModelRow row, double distance)
    {
        ArgumentNullException.ThrowIfNull(row);
        var s = row.Landscape(2, distance) ?? throw new ArgumentException($"No 2-D landscape at distance {distance}.", nameof(distance));
        return LandscapeCharts.Contour(s.Landscape, new LandscapeChartOptions(LogScale: true,
            Title: Caption(row, s, $"loss, top-2 Hessian directions of the subset, distance {distance:G3}")));
    }

    /// <summary>Topological landscape profile of the subset's 2-D landscape of <paramref name="row"/> at <paramref name="distance"/>.</summary>
    /// <exception cref="ArgumentException">No such landscape.</exception>
    public static GenericChart Profile(LanguageModelRow row, double distance)
    {
        ArgumentNullException.ThrowIfNull(row);
        var s = row.Landscape(2, distance) ?? throw new ArgumentException($"No 2-D landscape at distance {distance}.", nameof(distance));
        return TopologyCharts.Profile(TopologicalProfile.Build(s.Landscape), title: Caption(row, s, $"topological profile, distance {distance:G3}"));
    }

    private static string Caption(LanguageModelRow row, LandscapeSummary s, string what) => string.Create(CultureInfo.InvariantCulture,
        $"{LanguageModelResult.NameOf(row.Variant)}, seed {row.Seed}, step {row.Step} (shifted accuracy {row.ShiftedAccuracy:F3})<br>{what}; SMAD {s.Smad.Plain:G3}, {s.Minima} minima");
}
