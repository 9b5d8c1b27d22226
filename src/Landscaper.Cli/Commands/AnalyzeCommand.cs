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
            Pairs: analysis.SaddleMinimumPairs.Select(p => new PairReport(p.Saddle, p.Minimum, p.SaddleValue, p.MinimumValue, p.BasinSize)).ToArray(),
            Seconds: analysis.Timings);
    }

    private static void WriteText(TextWriter o, string path, AnalyzeReport r)
    {
        o.WriteLine($"{path}: {r.Dims}-d grid {string.Join("×", r.Shape)} ({r.Points} points), {r.Connectivity} connectivity");
        o.WriteLine($"  minima {r.Minima}, maxima {r.Maxima}, saddles {r.Saddles}; sublevel merge tree {r.MergeTree.Nodes} nodes, {r.MergeTree.Arcs} arcs");
        o.WriteLine($"  SMAD plain {r.Smad.Plain:G6}, normalized {r.Smad.Normalized:G6}, weighted {r.Smad.Weighted:G6}; persistence range {r.PersistenceRange:G6}");
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
/// <param name="PersistenceRange">persistence_range.</param>
/// <param name="Pairs">SMAD pairs, flat C-order indices.</param>
/// <param name="Seconds">Timings.</param>
public sealed record AnalyzeReport(int Dims, int[] Shape, int Points, string Connectivity, int Minima, int Maxima, int Saddles,
    MergeTreeCounts MergeTree, SmadValues Smad, double PersistenceRange, PairReport[] Pairs, TopologyTimings Seconds);

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
