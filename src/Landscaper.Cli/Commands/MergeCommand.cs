using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.IO;
using Landscaper.Sampling;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper merge</c>: joins the shard files of <c>landscaper sample --shard i/n</c> into one landscape, refusing
/// incomplete, overlapping, missing or inconsistent sets (model hash, direction hash, grid, scaling, quantity, shard count).</summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard files (.lsamp), one per shard, any order.", Arity = ArgumentArity.OneOrMore };
        var nonFinite = new Option<string>("--non-finite") { Description = "replace (Python behaviour), keep or error.", DefaultValueFactory = _ => "replace" };
        var outPath = new Option<string>("--out") { Description = "FILE.npz (landscape) or FILE.lsamp (merged sample file).", Required = true };
        var cmd = new Command("merge", "Join sample shard files into one landscape.");
        cmd.Arguments.Add(shards);
        cmd.Options.Add(nonFinite);
        cmd.Options.Add(outPath);
        cmd.SetAction(result =>
        {
            try
            {
                var report = Run(result.GetValue(shards)!, result.GetValue(nonFinite)!, result.GetValue(outPath)!);
                if (result.WantsJson()) result.WriteJson(report);
                else result.Out().WriteLine($"merged {report.Shards} shards, {report.Points} points → {report.Out}");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or IOException or NotImplementedException)
            {
                result.Err().WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return cmd;
    }

    /// <summary>Merges <paramref name="shardPaths"/> and writes <paramref name="outPath"/> plus a JSON sidecar.</summary>
    /// <exception cref="InvalidDataException">The shard set is incomplete, overlapping or inconsistent.</exception>
    public static MergeReport Run(IReadOnlyList<string> shardPaths, string nonFinite, string outPath)
    {
        var policy = nonFinite switch
        {
            "replace" => NonFinitePolicy.Replace,
            "keep" => NonFinitePolicy.Keep,
            "error" => NonFinitePolicy.Error,
            _ => throw new ArgumentException($"Unknown --non-finite '{nonFinite}' (replace, keep or error).", nameof(nonFinite)),
        };
        var (landscape, merged) = SampleMerge.Merge(shardPaths, policy, MergedName(shardPaths));
        if (outPath.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) WriteNpz(outPath, landscape);
        else SampleFile.Write(outPath, merged);
        var h = merged.Header;
        var report = new MergeReport(shardPaths.Count, landscape.Count, Path.GetFullPath(outPath), h.ModelName, h.ModelHash, h.DirectionKind,
            h.DirectionHash, h.Quantity, h.Scale.ToString(), string.Join("×", h.Coordinates.Select(c => c.Length)),
            landscape.Metadata.NonFiniteReplaced, shardPaths.Select(Path.GetFullPath).ToArray());
        SampleCommand.WriteSidecar(outPath, report);
        return report;

        static string MergedName(IReadOnlyList<string> paths) => $"merged from {paths.Count} shards";
    }

    // The only place merge writes .npz (the writer comes from the npz branch).
    private static void WriteNpz(string path, Landscape landscape) => Npz.WriteLandscape(path, landscape);
}

/// <summary>Result of <c>landscaper merge</c>.</summary>
/// <param name="Shards">Number of shard files.</param>
/// <param name="Points">Grid points.</param>
/// <param name="Out">Output file.</param>
/// <param name="ModelName">Model name.</param>
/// <param name="ModelHash">Model hash shared by every shard.</param>
/// <param name="DirectionKind">Direction kind.</param>
/// <param name="DirectionHash">Direction hash shared by every shard.</param>
/// <param name="Quantity">Quantity sampled.</param>
/// <param name="Scale">Scaling mode.</param>
/// <param name="Grid">Grid shape, e.g. 41×41.</param>
/// <param name="NonFiniteReplaced">Values replaced by the non-finite policy.</param>
/// <param name="Inputs">The shard files.</param>
public sealed record MergeReport(int Shards, int Points, string Out, string ModelName, string ModelHash, string DirectionKind, string DirectionHash,
    string Quantity, string Scale, string Grid, int NonFiniteReplaced, IReadOnlyList<string> Inputs);
