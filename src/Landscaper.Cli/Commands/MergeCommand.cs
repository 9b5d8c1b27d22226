using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.Cli.Options;
using Landscaper.Sampling;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper merge</c>: joins the shard files of <c>landscaper sample --shard i/n</c> into one landscape, refusing
/// incomplete, overlapping, missing (named) or inconsistent sets (model, data and direction fingerprints, grid, scaling,
/// quantity, settings, shard count). The merged file is byte-identical to a single-process run of the same settings.</summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard files (.npz from `sample --shard i/n`), one per shard, any order.", Arity = ArgumentArity.OneOrMore };
        var nonFinite = new Option<string>("--non-finite") { Description = "What to do with NaN/±∞ values: replace (the Python package's rule), keep, or error.", DefaultValueFactory = _ => "replace" };
        nonFinite.AcceptOnlyFromAmong("replace", "keep", "error");
        var force = new Option<bool>("--force") { Description = "Replace an existing output written by another run." };
        var outPath = new Option<string>("--out") { Description = "The merged landscape (.npz); a JSON report goes to NAME.json." };
        var cmd = new Command("merge", "Join the shard files of one run into its landscape.");
        cmd.Arguments.Add(shards);
        cmd.Options.Add(nonFinite);
        cmd.Options.Add(force);
        cmd.Options.Add(outPath);
        cmd.SetAction(result =>
        {
            try
            {
                var report = Run(result.GetValue(shards)!, result.GetValue(nonFinite)!, result.GetValue(outPath), result.GetValue(force));
                if (result.WantsJson()) result.WriteJson(report);
                else result.Out().WriteLine($"merged {report.Shards} shards, {report.Points} points → {report.Out}");
                return CliErrors.Ok;
            }
            catch (Exception ex) { return CliErrors.Report(result, ex); }
        });
        return cmd;
    }

    /// <summary>Merges <paramref name="shardPaths"/> and writes <paramref name="outPath"/> plus its JSON report.</summary>
    /// <exception cref="CliException">A missing input file, or an output problem (checked before reading the shards).</exception>
    /// <exception cref="InvalidDataException">The shard set is incomplete, overlapping or inconsistent.</exception>
    public static MergeReport Run(IReadOnlyList<string> shardPaths, string nonFinite, string? outPath, bool force = false)
    {
        var policy = nonFinite switch
        {
            "keep" => NonFinitePolicy.Keep,
            "error" => NonFinitePolicy.Error,
            _ => NonFinitePolicy.Replace,
        };
        foreach (var p in shardPaths)
            if (!File.Exists(p)) throw new CliException($"shard file '{p}' does not exist{(Directory.Exists(p) ? " (it is a directory)" : "")}.");
        using var target = OutputTarget.Check(outPath).Acquire("merge");
        var (landscape, merged) = SampleMerge.Merge(shardPaths, policy, $"merged from {shardPaths.Count} shards");
        var h = merged.Header;
        if (File.Exists(target.Path) && !force)
        {
            var theirs = SampleMerge.ReadHeader(target.Path);
            string? diff = theirs is null ? "it was not written by landscaper" : theirs.FirstDifference(h);
            if (diff is not null) throw new CliException($"'{target.Path}' exists and belongs to another run ({diff}); choose another --out or add --force.");
        }
        SampleMerge.WriteLandscape(target.Path, landscape, h);
        var report = new MergeReport(shardPaths.Count, landscape.Count, target.Path, h.ModelName, h.ModelFingerprint, h.DataFingerprint, h.DirectionKind,
            h.DirectionFingerprint, h.Quantity, h.Scale.ToString(), string.Join("×", h.Coordinates.Select(c => c.Length)),
            landscape.Metadata.NonFiniteReplaced, shardPaths.Select(Path.GetFullPath).ToArray());
        Reports.Write(target.ReportPath, report);
        return report;
    }
}

/// <summary>Result of <c>landscaper merge</c>.</summary>
/// <param name="Shards">Number of shard files.</param>
/// <param name="Points">Grid points.</param>
/// <param name="Out">Output file.</param>
/// <param name="ModelName">Model name.</param>
/// <param name="ModelFingerprint">Fingerprint of θ0, shared by every shard.</param>
/// <param name="DataFingerprint">Fingerprint of the data, shared by every shard.</param>
/// <param name="DirectionKind">Direction kind.</param>
/// <param name="DirectionFingerprint">Fingerprint of the directions, shared by every shard.</param>
/// <param name="Quantity">Quantity sampled.</param>
/// <param name="Scale">Scaling mode.</param>
/// <param name="Grid">Grid shape, e.g. 41×41.</param>
/// <param name="NonFiniteReplaced">Values replaced by the non-finite policy.</param>
/// <param name="Inputs">The shard files.</param>
public sealed record MergeReport(int Shards, int Points, string Out, string ModelName, string ModelFingerprint, string DataFingerprint,
    string DirectionKind, string DirectionFingerprint,
    string Quantity, string Scale, string Grid, int NonFiniteReplaced, IReadOnlyList<string> Inputs);
