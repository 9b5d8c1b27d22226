using System.Globalization;
using Landscaper.Chemistry;
using Landscaper.Topology;
using Landscaper.Visualization;
using Plotly.NET;

namespace Landscaper.Molecules;

/// <summary>Charts of the molecular OOD experiment: label distributions with split parts and thresholds, molecules in 3-D, ID vs
/// OOD error, a metric vs OOD error per architecture, interval ("forest") plots of the correlations, and the landscape and
/// topological profile of a chosen model.</summary>
public static class MolecularOodCharts
{
    private static readonly Dictionary<string, string> ElementColours = new()
    {
        ["H"] = "#d9d9d9", ["C"] = "#404040", ["N"] = "#3050f8", ["O"] = "#ff0d0d", ["F"] = "#90e050", ["S"] = "#e6c619", ["Cl"] = "#1ff01f",
    };

    /// <summary>Histogram of a label over the molecules of a split, one colour per part (train, ID test, OOD test, excluded), with
    /// the property-tail thresholds as vertical lines.</summary>
    /// <param name="labels">Label value of every molecule the split indexes.</param>
    /// <param name="split">The split.</param>
    /// <param name="bins">Number of bins over the label's range.</param>
    public static GenericChart SplitHistogram(IReadOnlyList<double> labels, OodSplit split, int bins = 40)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(split);
        double lo = labels.Min(), hi = labels.Max(), size = (hi - lo) / Math.Max(1, bins);
        var parts = new (string Name, int[] Members, string Colour)[]
        {
            ("train", split.Train, TopologyCharts.Palette[0]), ("ID test", split.IdTest, TopologyCharts.Palette[2]),
            ("OOD test", split.OodTest, TopologyCharts.Palette[3]), ("excluded (gap)", split.Excluded, "#aaaaaa"),
        };
        var traces = parts.Where(p => p.Members.Length > 0).Select(p => PlotlyFigure.Trace2D("histogram", new Dictionary<string, object?>
        {
            ["x"] = p.Members.Select(i => labels[i]).ToArray(), ["name"] = $"{p.Name} ({p.Members.Length})",
            ["marker"] = new Dictionary<string, object?> { ["color"] = p.Colour },
            ["xbins"] = new Dictionary<string, object?> { ["start"] = lo, ["end"] = hi + size, ["size"] = size > 0 ? size : 1 },
        })).ToList();
        var shapes = new List<object>();
        foreach (double t in new[] { split.LowerThreshold, split.UpperThreshold }.Where(double.IsFinite))
            shapes.Add(new Dictionary<string, object?>
            {
                ["type"] = "line", ["x0"] = t, ["x1"] = t, ["yref"] = "paper", ["y0"] = 0, ["y1"] = 1,
                ["line"] = new Dictionary<string, object?> { ["color"] = "black", ["dash"] = "dash", ["width"] = 1.5 },
            });
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title($"{split.Label}: {split.Name} split"),
            ["barmode"] = "stack",
            ["shapes"] = shapes.ToArray(),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(Axis(split.Label)) },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("molecules") },
        });
    }

    /// <summary>A molecule in 3-D: atoms as markers coloured by element (hydrogens small), bonds as lines; coordinates in Å.</summary>
    /// <exception cref="ArgumentException">The molecule has no coordinates.</exception>
    public static GenericChart Molecule3D(MoleculeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var m = record.Molecule;
        var xyz = m.Coordinates ?? throw new ArgumentException($"{record.Id} has no coordinates.", nameof(record));
        var bx = new List<double?>();
        var by = new List<double?>();
        var bz = new List<double?>();
        foreach (var b in m.Bonds)
        {
            bx.AddRange([xyz[b.Begin].X, xyz[b.End].X, null]);
            by.AddRange([xyz[b.Begin].Y, xyz[b.End].Y, null]);
            bz.AddRange([xyz[b.Begin].Z, xyz[b.End].Z, null]);
        }
        var traces = new List<Trace>
        {
            PlotlyFigure.Trace3D("scatter3d", new Dictionary<string, object?>
            {
                ["x"] = bx.ToArray(), ["y"] = by.ToArray(), ["z"] = bz.ToArray(), ["mode"] = "lines", ["name"] = "bonds", ["showlegend"] = false,
                ["line"] = new Dictionary<string, object?> { ["color"] = "#888888", ["width"] = 5 },
            }),
        };
        foreach (var group in Enumerable.Range(0, m.AtomCount).GroupBy(i => m.Atoms[i].Element.Symbol))
            traces.Add(PlotlyFigure.Trace3D("scatter3d", new Dictionary<string, object?>
            {
                ["x"] = group.Select(i => xyz[i].X).ToArray(), ["y"] = group.Select(i => xyz[i].Y).ToArray(), ["z"] = group.Select(i => xyz[i].Z).ToArray(),
                ["mode"] = "markers", ["name"] = group.Key,
                ["marker"] = new Dictionary<string, object?>
                {
                    ["size"] = group.Key == "H" ? 4 : 8, ["color"] = ElementColours.GetValueOrDefault(group.Key, "#ff69b4"),
                    ["line"] = new Dictionary<string, object?> { ["color"] = "black", ["width"] = 0.5 },
                },
            }));
        string labels = string.Join(", ", record.Labels.Where(kv => kv.Key is "homo_lumo_gap_ev" or "logp" or "dipole_debye")
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:G4}")));
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title($"{record.Id}: {record.Smiles}<br>{labels}"),
            ["scene"] = new Dictionary<string, object?>
            {
                ["aspectmode"] = "data",
                ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("x (Å)") },
                ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("y (Å)") },
                ["zaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("z (Å)") },
            },
        });
    }

    /// <summary>ID RMSE (x) against OOD RMSE (y) of every model of a label, one marker series per split × architecture, with
    /// the line y = x.</summary>
    public static GenericChart IdVsOod(MolecularOodResult result, string label)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows.Where(r => r.Label == label).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"No rows for label '{label}'.", nameof(label));
        var traces = new List<Trace>();
        int k = 0;
        foreach (var split in result.SplitKinds)
            foreach (var arch in new[] { "gin", "schnet" })
            {
                var part = rows.Where(r => r.Split == split && r.Model.ArchitectureName == arch).ToArray();
                if (part.Length == 0) continue;
                traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
                {
                    ["x"] = part.Select(r => r.IdRmse).ToArray(), ["y"] = part.Select(r => r.OodRmse).ToArray(), ["mode"] = "markers",
                    ["name"] = $"{part[0].SplitName} · {arch} ({part.Length})", ["text"] = part.Select(r => r.Model.Name).ToArray(),
                    ["marker"] = new Dictionary<string, object?>
                    {
                        ["color"] = TopologyCharts.Palette[k / 2 % TopologyCharts.Palette.Count], ["size"] = 9,
                        ["symbol"] = arch == "gin" ? "circle" : "diamond",
                    },
                }));
                k++;
            }
        double max = rows.Max(r => Math.Max(r.IdRmse, r.OodRmse)), min = rows.Min(r => Math.Min(r.IdRmse, r.OodRmse));
        traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
        {
            ["x"] = new[] { min, max }, ["y"] = new[] { min, max }, ["mode"] = "lines", ["name"] = "OOD = ID",
            ["line"] = new Dictionary<string, object?> { ["color"] = "#888888", ["dash"] = "dot" },
        }));
        string unit = MolecularOodFindings.Unit(label);
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title($"{label}: ID vs OOD error of every model"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title($"ID test RMSE {Paren(unit)}"), ["type"] = "log" },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title($"OOD test RMSE {Paren(unit)}"), ["type"] = "log" },
        });
    }

    /// <summary>A metric (x, log axis when all values are positive) against OOD RMSE (y) for one population, one series per
    /// architecture, with the pooled Spearman ρ in the title.</summary>
    public static GenericChart MetricVsOod(MolecularOodResult result, string label, OodSplitKind split, OodMetric metric, OodAssociation? association = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metric);
        var rows = result.Population(label, split);
        if (rows.Count == 0) throw new ArgumentException($"No rows for {label} / {split}.", nameof(label));
        var traces = new List<Trace>();
        foreach (var (arch, i) in new[] { ("gin", 0), ("schnet", 1) })
        {
            var part = rows.Where(r => r.Model.ArchitectureName == arch).ToArray();
            if (part.Length == 0) continue;
            traces.Add(PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = part.Select(metric.Value).ToArray(), ["y"] = part.Select(r => r.OodRmse).ToArray(), ["mode"] = "markers",
                ["name"] = $"{arch} ({part.Length})", ["text"] = part.Select(r => r.Model.Name).ToArray(),
                ["marker"] = new Dictionary<string, object?> { ["color"] = TopologyCharts.Palette[i], ["size"] = 9, ["symbol"] = i == 0 ? "circle" : "diamond" },
            }));
        }
        bool log = rows.All(r => metric.Value(r) > 0);
        string rho = association is null ? "" : $"<br>pooled ρ = {association.Spearman}, partial ρ given ID RMSE {association.Partial}";
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title($"{label}, {rows[0].SplitName} split: {metric.Name} vs OOD error{rho}"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(metric.Description + (log ? " (log)" : "")), ["type"] = log ? "log" : "linear" },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title($"OOD test RMSE {Paren(MolecularOodFindings.Unit(label))}") },
        });
    }

    /// <summary>Spearman ρ (and the partial ρ given ID RMSE) of one metric with OOD RMSE for every population and subset, with
    /// their bootstrap intervals, as horizontal error bars.</summary>
    public static GenericChart Forest(IReadOnlyList<OodAssociation> associations, string metric)
    {
        ArgumentNullException.ThrowIfNull(associations);
        var rows = associations.Where(a => a.Metric == metric).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"No associations for metric '{metric}'.", nameof(metric));
        var names = rows.Select(a => $"{a.Label} · {a.SplitName} · {a.Subset} (n={a.Count})").ToArray();
        Trace Series(string name, Func<OodAssociation, Statistics.BootstrapInterval?> pick, string colour, double offset) =>
            PlotlyFigure.Trace2D("scatter", new Dictionary<string, object?>
            {
                ["x"] = rows.Select(a => pick(a)?.Estimate ?? double.NaN).ToArray(), ["y"] = names, ["mode"] = "markers", ["name"] = name,
                ["marker"] = new Dictionary<string, object?> { ["color"] = colour, ["size"] = 8 },
                ["error_x"] = new Dictionary<string, object?>
                {
                    ["type"] = "data", ["symmetric"] = false, ["visible"] = true,
                    ["array"] = rows.Select(a => pick(a) is { } i ? i.Upper - i.Estimate : double.NaN).ToArray(),
                    ["arrayminus"] = rows.Select(a => pick(a) is { } i ? i.Estimate - i.Lower : double.NaN).ToArray(),
                },
                ["offsetgroup"] = offset.ToString(CultureInfo.InvariantCulture),
            });
        var traces = new List<Trace> { Series("Spearman ρ with OOD RMSE", a => a.Spearman, TopologyCharts.Palette[0], 0) };
        if (rows.Any(a => a.Partial is not null)) traces.Add(Series("partial ρ given ID RMSE", a => a.Partial, TopologyCharts.Palette[3], 1));
        return PlotlyFigure.Chart(traces, new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title($"{metric} vs OOD error: ρ with bootstrap 95 % intervals"),
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title("rank correlation"), ["range"] = new[] { -1.05, 1.05 }, ["zeroline"] = true },
            ["yaxis"] = new Dictionary<string, object?> { ["automargin"] = true },
            ["height"] = 200 + 22 * rows.Length,
            ["margin"] = new Dictionary<string, object?> { ["l"] = 260 },
        });
    }

    /// <summary>Contour of a model's 2-D landscape at <paramref name="distance"/> (log colour scale: far from the minimum the loss
    /// grows by orders of magnitude).</summary>
    /// <exception cref="ArgumentException">No such landscape.</exception>
    public static GenericChart Landscape(MolecularOodRow row, double distance)
    {
        ArgumentNullException.ThrowIfNull(row);
        var s = row.Landscape(2, distance) ?? throw new ArgumentException($"No 2-D landscape at distance {distance}.", nameof(distance));
        return LandscapeCharts.Contour(s.Landscape, new LandscapeChartOptions(LogScale: true, Title: Caption(row, s, $"loss, top-2 Hessian directions, distance {distance:G3}")));
    }

    /// <summary>Topological landscape profile of a model's 2-D landscape at <paramref name="distance"/>.</summary>
    /// <exception cref="ArgumentException">No such landscape.</exception>
    public static GenericChart Profile(MolecularOodRow row, double distance)
    {
        ArgumentNullException.ThrowIfNull(row);
        var s = row.Landscape(2, distance) ?? throw new ArgumentException($"No 2-D landscape at distance {distance}.", nameof(distance));
        return TopologyCharts.Profile(TopologicalProfile.Build(s.Landscape), title: Caption(row, s, $"topological profile, distance {distance:G3}"));
    }

    private static string Caption(MolecularOodRow row, Experiments.LandscapeSummary s, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.Label} / {row.SplitName}, {row.Model.Name} (OOD RMSE {row.OodRmse:G3})<br>{what}; SMAD {s.Smad.Plain:G3}, {s.Minima} minima");

    private static string Axis(string label) => MolecularOodFindings.Unit(label) is { Length: > 0 } u ? $"{label} ({u})" : label;

    private static string Paren(string unit) => unit.Length > 0 ? $"({unit})" : "";
}
