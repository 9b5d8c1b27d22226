using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.Topology;
using Landscaper.Metrics;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper analyze FILE.npz [--connectivity axis|freudenthal|full] [--non-finite error|replace] [--json]</c>:
/// merge trees, basins, SMAD and persistence of a saved landscape.</summary>
public static class AnalyzeCommand
{
    /// <summary>Creates the command, reading files with <paramref name="readLandscape"/> (default: <see cref="Landscaper.IO.Npz.ReadLandscape(string)"/>).</summary>
    public static Command Create(Func<string, Landscape>? readLandscape = null)
    {
        readLandscape ??= Landscaper.IO.Npz.ReadLandscape;
        var file = new Argument<string>("file") { Description = "Landscape .npz file (arrays 'loss' and 'coordinates')." };
        var connectivity = new Option<string>("--connectivity")
        {
            Description = "Grid graph: axis (2d neighbours, like the Python package), freudenthal (Kuhn triangulation) or full (3^d − 1).",
            DefaultValueFactory = _ => "axis",
        };
        connectivity.AcceptOnlyFromAmong("axis", "freudenthal", "full");
        var nonFinite = new Option<string>("--non-finite")
        {
            Description = "NaN/±∞ handling: error (refuse) or replace (NaN → mean, +∞ → max, −∞ → min, like the Python package).",
            DefaultValueFactory = _ => "error",
        };
        nonFinite.AcceptOnlyFromAmong("error", "replace");

        var cmd = new Command("analyze", "Topology of a landscape: merge trees, basins, SMAD, persistence.");
        cmd.Arguments.Add(file);
        cmd.Options.Add(connectivity);
        cmd.Options.Add(nonFinite);
        cmd.SetAction(result =>
        {
            string path = result.GetValue(file)!;
            TopologyAnalysis analysis;
            try
            {
                var landscape = readLandscape(path);
                var options = new TopologyOptions(
                    ParseConnectivity(result.GetValue(connectivity)!),
                    result.GetValue(nonFinite) == "replace" ? NonFinitePolicy.Replace : NonFinitePolicy.Error);
                analysis = LandscapeTopology.Analyze(landscape, options);
            }
            catch (Exception e) { return CliErrors.Report(result, e); }
            var report = BuildReport(analysis);
            if (result.WantsJson()) result.WriteJson(report);
            else WriteText(result.Out(), path, report);
            return 0;
        });
        return cmd;
    }

    /// <summary>Maps the option spelling to a <see cref="Connectivity"/>.</summary>
    /// <exception cref="ArgumentException">Unknown spelling.</exception>
    public static Connectivity ParseConnectivity(string name) => name.ToLowerInvariant() switch
    {
        "axis" => Connectivity.Axis,
        "freudenthal" => Connectivity.Freudenthal,
        "full" => Connectivity.Full,
        _ => throw new ArgumentException($"Unknown connectivity '{name}' (expected axis, freudenthal or full).", nameof(name)),
    };

    /// <summary>The JSON contract of <c>analyze --json</c> for one analysis.</summary>
    public static AnalyzeReport BuildReport(TopologyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var tree = analysis.SublevelTree;
        var persistences = analysis.MinimumDiagram.Pairs.Concat(analysis.MaximumDiagram.Pairs).Select(p => p.Persistence).ToArray();
        double minP = persistences.Length == 0 ? 0 : persistences.Min(), maxP = persistences.Length == 0 ? 0 : persistences.Max();
        ContourTreeReport? contour = null;
        if (analysis.Options.Connectivity != Connectivity.Axis || analysis.Landscape.Shape.Count(n => n > 1) < 2)
        {
            var ct = ContourTree.Build(analysis.Landscape, analysis.Options.Connectivity);
            var saddles = ct.Nodes.Where(n => n.Kind is ContourTreeNodeKind.JoinSaddle or ContourTreeNodeKind.SplitSaddle or ContourTreeNodeKind.JoinSplitSaddle)
                .Select(n => new ContourSaddleReport(n.Point, n.Value, KindName(n.Kind), n.LowerDegree, n.UpperDegree)).ToArray();
            contour = new ContourTreeReport(ct.Nodes.Count, ct.Arcs.Count, ct.Leaves.Count(),
                ct.Nodes.Count(n => n.Kind == ContourTreeNodeKind.Minimum), ct.Nodes.Count(n => n.Kind == ContourTreeNodeKind.Maximum), saddles);
        }
        return new AnalyzeReport(
            Dims: analysis.Landscape.Dimensions,
            Shape: analysis.Landscape.Shape.ToArray(),
            Points: analysis.Landscape.Count,
            Connectivity: analysis.Options.Connectivity.ToString().ToLowerInvariant(),
            Minima: tree.LeafCount,
            Maxima: analysis.SuperlevelTree.LeafCount,
            Saddles: tree.SaddleCount,
            MergeTree: new MergeTreeCounts(tree.Nodes.Count, tree.Arcs.Count),
            Smad: analysis.Smad,
            PersistenceRange: analysis.PersistenceRange,
            PersistenceRangePackageRounding: RoundTo6(maxP) - RoundTo6(minP),
            Values: new ValueRangeReport(analysis.MinValue, analysis.MaxValue, analysis.ValueRange),
            Persistence: new PersistenceSpanReport(minP, maxP, analysis.MinimumDiagram.Pairs.Count, analysis.MaximumDiagram.Pairs.Count),
            ContourTree: contour,
            Pairs: analysis.SaddleMinimumPairs.Select(p => new PairReport(p.Saddle, p.Minimum, p.SaddleValue, p.MinimumValue, p.BasinSize)).ToArray(),
            Metrics: TopologicalMetric.Evaluate(analysis),
            Seconds: analysis.Timings);
    }

    private static string KindName(ContourTreeNodeKind kind) => kind switch
    {
        ContourTreeNodeKind.JoinSaddle => "join",
        ContourTreeNodeKind.SplitSaddle => "split",
        ContourTreeNodeKind.JoinSplitSaddle => "join-split",
        ContourTreeNodeKind.Minimum => "minimum",
        _ => "maximum",
    };

    /// <summary>Rounds to 6 significant digits, as the Python package's C++ core prints persistences (its default stream
    /// precision) before <c>persistence_range</c> subtracts them.</summary>
    private static double RoundTo6(double x) =>
        x == 0 || !double.IsFinite(x) ? x : double.Parse(x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteText(TextWriter o, string path, AnalyzeReport r)
    {
        o.WriteLine($"{path}: {r.Dims}-d grid {string.Join("×", r.Shape)} ({r.Points} points), {r.Connectivity} connectivity");
        o.WriteLine($"  minima {r.Minima}, maxima {r.Maxima}, saddles {r.Saddles}; sublevel merge tree {r.MergeTree.Nodes} nodes, {r.MergeTree.Arcs} arcs");
        o.WriteLine($"  values {r.Values.Min:G6} … {r.Values.Max:G6} (range {r.Values.Range:G6}); persistences {r.Persistence.Min:G6} … {r.Persistence.Max:G6}");
        o.WriteLine($"  SMAD plain {r.Smad.Plain:G6}, normalized {r.Smad.Normalized:G6}, weighted {r.Smad.Weighted:G6}; persistence range {r.PersistenceRange:G6} (package rounding: {r.PersistenceRangePackageRounding:G6})");
        o.WriteLine($"  metrics: {string.Join(", ", r.Metrics.Select(m => $"{m.Key} {m.Value:G6}"))}");
        if (r.ContourTree is { } ct)
            o.WriteLine($"  contour tree ({r.Connectivity}): {ct.Nodes} nodes, {ct.Arcs} arcs, {ct.Minima} minima, {ct.Maxima} maxima, {ct.Saddles.Count} saddles");
        o.WriteLine($"  {"saddle",8} {"minimum",8} {"saddle f",14} {"minimum f",14} {"gap",12} {"basin",7}");
        foreach (var p in r.Pairs)
            o.WriteLine($"  {p.SaddleIndex,8} {p.MinimumIndex,8} {p.SaddleValue,14:G8} {p.MinimumValue,14:G8} {p.SaddleValue - p.MinimumValue,12:G6} {p.BasinSize,7}");
        o.WriteLine($"  time: merge trees {r.Seconds.MergeTree * 1e3:F1} ms, basins {r.Seconds.Basins * 1e3:F1} ms, total {r.Seconds.Total * 1e3:F1} ms");
    }
}

/// <summary>The <c>analyze --json</c> document (stable contract).</summary>
/// <param name="Dims">Number of axes.</param>
/// <param name="Shape">Points per axis.</param>
/// <param name="Points">Total points.</param>
/// <param name="Connectivity">axis, freudenthal or full.</param>
/// <param name="Minima">Leaves of the sublevel merge tree.</param>
/// <param name="Maxima">Leaves of the superlevel merge tree.</param>
/// <param name="Saddles">Saddle nodes of the sublevel merge tree.</param>
/// <param name="MergeTree">Node and arc counts of the sublevel merge tree.</param>
/// <param name="Smad">SMAD variants.</param>
/// <param name="PersistenceRange">persistence_range: largest minus smallest persistence of all extrema (elder rule; the
/// global minimum and maximum count max − min), unrounded.</param>
/// <param name="PersistenceRangePackageRounding">The same with both ends rounded to 6 significant digits first, as the
/// Python package computes it.</param>
/// <param name="Values">Smallest and largest value and their difference.</param>
/// <param name="Persistence">Smallest and largest persistence (the two ends of persistence_range) and diagram sizes.</param>
/// <param name="ContourTree">Node/arc counts and saddles of the contour tree; null with axis connectivity on ≥ 2 axes
/// (the axis graph is not a triangulation, so its Reeb graph is not a tree).</param>
/// <param name="Pairs">SMAD pairs, flat C-order indices.</param>
/// <param name="Metrics">Every metric of <c>TopologicalMetric.Standard</c> by name (e.g. <c>basin_entropy</c>).</param>
/// <param name="Seconds">Timings.</param>
public sealed record AnalyzeReport(int Dims, int[] Shape, int Points, string Connectivity, int Minima, int Maxima, int Saddles,
    MergeTreeCounts MergeTree, SmadValues Smad, double PersistenceRange, double PersistenceRangePackageRounding, ValueRangeReport Values,
    PersistenceSpanReport Persistence, ContourTreeReport? ContourTree, PairReport[] Pairs, IReadOnlyDictionary<string, double> Metrics, TopologyTimings Seconds);

/// <summary>Value range in the <c>analyze</c> report.</summary>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Range">Max − min.</param>
public sealed record ValueRangeReport(double Min, double Max, double Range);

/// <summary>Persistence span in the <c>analyze</c> report.</summary>
/// <param name="Min">Smallest persistence of any extremum.</param>
/// <param name="Max">Largest persistence (the essential pairs' max − min).</param>
/// <param name="MinimaPairs">Pairs of the minima diagram.</param>
/// <param name="MaximaPairs">Pairs of the maxima diagram.</param>
public sealed record PersistenceSpanReport(double Min, double Max, int MinimaPairs, int MaximaPairs);

/// <summary>The contour tree in the <c>analyze</c> report.</summary>
/// <param name="Nodes">Node count.</param>
/// <param name="Arcs">Arc count.</param>
/// <param name="Leaves">Leaves (minima and maxima).</param>
/// <param name="Minima">Minima.</param>
/// <param name="Maxima">Maxima.</param>
/// <param name="Saddles">Join, split and join-split saddles.</param>
public sealed record ContourTreeReport(int Nodes, int Arcs, int Leaves, int Minima, int Maxima, IReadOnlyList<ContourSaddleReport> Saddles);

/// <summary>One saddle of the contour tree.</summary>
/// <param name="Point">Flat C-order index.</param>
/// <param name="Value">Value.</param>
/// <param name="Kind">join, split or join-split.</param>
/// <param name="LowerDegree">Arcs to lower nodes.</param>
/// <param name="UpperDegree">Arcs to higher nodes.</param>
public sealed record ContourSaddleReport(int Point, double Value, string Kind, int LowerDegree, int UpperDegree);

/// <summary>Merge-tree size in the <c>analyze</c> report.</summary>
/// <param name="Nodes">Node count.</param>
/// <param name="Arcs">Arc count.</param>
public sealed record MergeTreeCounts(int Nodes, int Arcs);

/// <summary>One SMAD pair in the <c>analyze</c> report.</summary>
/// <param name="SaddleIndex">Flat C-order index of the saddle.</param>
/// <param name="MinimumIndex">Flat C-order index of the minimum.</param>
/// <param name="SaddleValue">Value at the saddle.</param>
/// <param name="MinimumValue">Value at the minimum.</param>
/// <param name="BasinSize">Steepest-descent basin size of the minimum.</param>
public sealed record PairReport(int SaddleIndex, int MinimumIndex, double SaddleValue, double MinimumValue, int BasinSize);
