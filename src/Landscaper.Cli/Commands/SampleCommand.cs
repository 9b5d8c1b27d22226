using Landscaper.Cli.Output;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.IO;
using Landscaper.Models;
using Landscaper.Native;
using Landscaper.Sampling;
using Spectre.Console;
using TorchSharp;
using Landscaper.ParameterSpace;

namespace Landscaper.Cli.Commands;

/// <summary>
/// <c>landscaper sample</c>: trains a built-in model, makes directions and samples the loss landscape around the trained
/// parameters, with checkpoint/resume, shards, a dry run and a progress bar on stderr.
/// </summary>
/// <remarks>Output by extension of <c>--out</c>: <c>.npz</c> → the landscape via <see cref="Npz.WriteLandscape(string, Landscape)"/>; anything else
/// (e.g. <c>.lsamp</c>) → a sample file (<see cref="SampleFile"/>), the only choice for a shard. A JSON sidecar (same name,
/// extension <c>.json</c>) records every setting, seed, hash and timing. The checkpoint is <c>OUT.partial</c>.</remarks>
public static class SampleCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Built-in model: mlp-digits or cnn-digits.", DefaultValueFactory = _ => "mlp-digits" };
        var directions = new Option<string>("--directions") { Description = "Direction kind: hessian (top Lanczos eigenvectors), random (orthonormal Gaussian) or filter (filter-normalised random).", DefaultValueFactory = _ => "hessian" };
        var dims = new Option<int>("--dims") { Description = "Grid dimensions (number of directions).", DefaultValueFactory = _ => 2 };
        var steps = new Option<string>("--steps") { Description = "Points per axis: one number for every axis or a comma list (e.g. 41,21).", DefaultValueFactory = _ => "41" };
        var distance = new Option<double>("--distance") { Description = "Half-width of every axis (coordinates linspace(-d, d, steps)).", DefaultValueFactory = _ => 0.01 };
        var seed = new Option<int>("--seed") { Description = "Seed of the model (initialisation, split, batch order).", DefaultValueFactory = _ => 0 };
        var directionSeed = new Option<int?>("--direction-seed") { Description = "Seed of random directions (default: --seed)." };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs of the built-in model.", DefaultValueFactory = _ => 10 };
        var samples = new Option<int>("--samples") { Description = "Training samples the landscape is computed on.", DefaultValueFactory = _ => 256 };
        var scale = new Option<string>("--scale") { Description = "python (the Python package's layer-normalised scaling) or plain (θ0 + Σ c_k d_k).", DefaultValueFactory = _ => "python" };
        var quantity = new Option<string>("--quantity") { Description = "loss or accuracy.", DefaultValueFactory = _ => "loss" };
        var nonFinite = new Option<string>("--non-finite") { Description = "replace (Python behaviour), keep or error.", DefaultValueFactory = _ => "replace" };
        var shard = new Option<string?>("--shard") { Description = "Evaluate only shard i of n (\"i/n\", contiguous flat ranges); join with `landscaper merge`." };
        var resume = new Option<bool>("--resume") { Description = "Continue from OUT.partial if it exists." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate, time a few points and print the estimate; sample nothing." };
        var ckptPoints = new Option<int>("--checkpoint-every") { Description = "Write the checkpoint every N points.", DefaultValueFactory = _ => 1000 };
        var ckptSeconds = new Option<double>("--checkpoint-seconds") { Description = "… or every T seconds.", DefaultValueFactory = _ => 30 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (results are reproducible for a fixed count).", DefaultValueFactory = _ => 1 };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show progress on stderr." };
        var outPath = new Option<string>("--out") { Description = "Output file: FILE.npz (landscape) or FILE.lsamp (sample file; required for shards).", Required = true };

        var cmd = new Command("sample", "Sample a loss landscape of a built-in model on a grid in the span of a few directions.");
        foreach (var o in new Option[] { model, directions, dims, steps, distance, seed, directionSeed, epochs, samples, scale, quantity, nonFinite,
                     shard, resume, dryRun, ckptPoints, ckptSeconds, threads, noProgress, outPath })
            cmd.Options.Add(o);
        cmd.SetAction((result, ct) =>
        {
            var s = new SampleSettings(result.GetValue(model)!, result.GetValue(directions)!, result.GetValue(dims), result.GetValue(steps)!,
                result.GetValue(distance), result.GetValue(seed), result.GetValue(directionSeed) ?? result.GetValue(seed), result.GetValue(epochs),
                result.GetValue(samples), result.GetValue(scale)!, result.GetValue(quantity)!, result.GetValue(nonFinite)!, result.GetValue(shard),
                result.GetValue(resume), result.GetValue(dryRun), result.GetValue(ckptPoints), result.GetValue(ckptSeconds), result.GetValue(threads),
                result.GetValue(outPath)!);
            return Task.FromResult(Execute(result, s, !result.GetValue(noProgress), ct));
        });
        return cmd;
    }

    private static int Execute(ParseResult result, SampleSettings s, bool showProgress, CancellationToken ct)
    {
        var err = result.Err();
        // Ctrl+C (SIGINT) and SIGTERM (e.g. a Slurm time limit or preemption) stop between points: the checkpoint is written first.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cts.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
        try
        {
            var report = Run(s, showProgress ? err : null, cts.Token);
            if (result.WantsJson()) result.WriteJson(report);
            else
            {
                var o = result.Out();
                if (report.DryRun)
                    o.WriteLine($"dry run: {report.Points} points, ~{report.Estimate.SecondsPerPoint * 1e3:F3} ms/point, estimated {report.Estimate.EstimatedSeconds:F1} s, ~{report.Estimate.EstimatedBytes / 1048576.0:F1} MiB");
                else
                    o.WriteLine($"{report.Points} points in {report.Seconds:F2} s ({report.SecondsPerPoint * 1e3:F3} ms/point, forward {report.ForwardSeconds * 1e3:F3} ms, overhead {report.Overhead:F2}) → {report.Out}");
            }
            return 0;
        }
        catch (OperationCanceledException)
        {
            err.WriteLine($"cancelled; progress is in {s.Out}.partial — run again with --resume to continue.");
            return 130;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FormatException or SamplingPointException or IOException or NotImplementedException)
        {
            err.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Parses "41" or "41,21" into one step count per axis.</summary>
    /// <exception cref="ArgumentException">Not integers, or a list whose length differs from <paramref name="dims"/>.</exception>
    public static int[] ParseSteps(string text, int dims)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                throw new ArgumentException($"--steps: '{parts[i]}' is not an integer.", nameof(text));
        if (values.Length == 1) return Enumerable.Repeat(values[0], Math.Max(dims, 1)).ToArray();
        if (values.Length != dims) throw new ArgumentException($"--steps lists {values.Length} values but --dims is {dims}.", nameof(text));
        return values;
    }

    /// <summary>Makes the direction set of kind <paramref name="kind"/> (the lead extends this switch with hessian and filter).</summary>
    /// <exception cref="ArgumentException">Unknown kind.</exception>
    public static DirectionSet MakeDirections(string kind, TrainedModel trained, int count, int seed) => kind switch
    {
        "random" => RandomDirections.Orthonormal(ParameterSelection.All(trained.Model), count, seed),
        "filter" => FilterNormalization.Apply(RandomDirections.Orthonormal(ParameterSelection.All(trained.Model), count, seed)),
        "hessian" => HessianTop(trained, count, seed),
        _ => throw new ArgumentException($"Unknown --directions '{kind}'. Supported: hessian, random, filter.", nameof(kind)),
    };

    private static DirectionSet HessianTop(TrainedModel trained, int count, int seed)
    {
        using var op = HessianOperator.ForModel(trained.Model, trained.AnalysisBatches);
        return HessianDirections.Top(op, count, EigenMethod.Lanczos, seed);
    }

    /// <summary>Runs the command's work and returns the report (also written to the sidecar unless a dry run).</summary>
    /// <param name="s">Settings.</param>
    /// <param name="progressWriter">Where progress goes (stderr), or null for none.</param>
    /// <param name="ct">Cancellation (Ctrl+C).</param>
    public static SampleReport Run(SampleSettings s, TextWriter? progressWriter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Dims < 1) throw new ArgumentOutOfRangeException(nameof(s), s.Dims, "--dims must be ≥ 1.");
        if (s.Threads < 1) throw new ArgumentOutOfRangeException(nameof(s), s.Threads, "--threads must be ≥ 1.");
        var shard = s.Shard is null ? ShardSpec.Whole : ShardSpec.Parse(s.Shard);
        bool npz = s.Out.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
        if (npz && shard.Count > 1)
            throw new ArgumentException("A shard is not a landscape: give --out a sample-file name (e.g. part-0.lsamp) and join shards with `landscaper merge`.", nameof(s));
        var scaleMode = s.Scale switch
        {
            "python" => SamplingScale.PythonCompatible,
            "plain" => SamplingScale.Plain,
            _ => throw new ArgumentException($"Unknown --scale '{s.Scale}' (python or plain).", nameof(s)),
        };
        var function = s.Quantity switch
        {
            "loss" => ScalarFunction.Loss,
            "accuracy" => ScalarFunction.Accuracy,
            _ => throw new ArgumentException($"Unknown --quantity '{s.Quantity}' (loss or accuracy).", nameof(s)),
        };
        var policy = s.NonFinite switch
        {
            "replace" => NonFinitePolicy.Replace,
            "keep" => NonFinitePolicy.Keep,
            "error" => NonFinitePolicy.Error,
            _ => throw new ArgumentException($"Unknown --non-finite '{s.NonFinite}' (replace, keep or error).", nameof(s)),
        };
        var stepList = ParseSteps(s.Steps, s.Dims);
        var grid = SamplingGrid.Symmetric(stepList, Enumerable.Repeat(s.Distance, stepList.Length).ToArray());

        var total = Stopwatch.StartNew();
        TorchNative.EnsureLoaded();
        torch.set_num_threads(s.Threads);
        var trained = BuiltInModel.Create(s.Model, s.Seed, s.Epochs, s.Samples);
        double trainSeconds = total.Elapsed.TotalSeconds;
        var dirs = MakeDirections(s.Directions, trained, s.Dims, s.DirectionSeed);
        string checkpoint = s.Out + ".partial";
        var info = new Dictionary<string, string>
        {
            ["seed"] = s.Seed.ToString(CultureInfo.InvariantCulture),
            ["directionSeed"] = s.DirectionSeed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = s.Epochs.ToString(CultureInfo.InvariantCulture),
            ["samples"] = s.Samples.ToString(CultureInfo.InvariantCulture),
            ["threads"] = s.Threads.ToString(CultureInfo.InvariantCulture),
        };
        var options = new SamplingOptions(grid)
        {
            Scale = scaleMode, Function = function, NonFinite = policy, Shard = shard, CheckpointPath = checkpoint,
            CheckpointEveryPoints = s.CheckpointEvery, CheckpointEverySeconds = s.CheckpointSeconds, Resume = s.Resume,
            DryRun = s.DryRun, ModelName = s.Model, Name = $"{s.Model} seed {s.Seed}", Info = info,
        };
        var sampler = new LandscapeSampler(dirs, trained.AnalysisBatches, options);
        if (!s.DryRun) SampleFile.DeleteStaleTemporaries(s.Out);
        if (s.Resume && !s.DryRun && !npz && !File.Exists(checkpoint) && File.Exists(s.Out))
        {
            // Resuming a run that already finished: accept the existing output if it is the same, complete run.
            var existing = SampleFile.Read(s.Out);
            var h = existing.Header;
            string? diff = h.FirstDifference(sampler.Header) ?? (h.ShardIndex != sampler.Header.ShardIndex ? "shard" : null);
            if (diff is not null)
                throw new InvalidDataException($"'{s.Out}' exists and belongs to a different run ({diff} differs); delete it or choose another --out.");
            if (existing.IsComplete)
            {
                var none = new SamplingEstimate(0, 0, 0, 0, sampler.Header.ShardPoints, 0);
                var done = new SamplingResult(null, existing, none, double.NaN, 0, existing.Done, 0, sampler.ModelHash, sampler.DirectionHash);
                return Report(s, done, double.NaN, trainSeconds, total.Elapsed.TotalSeconds, dirs, shard, dryRun: false);
            }
        }
        double forward = LandscapeSampler.ForwardSeconds(trained.Model, trained.AnalysisBatches);
        SamplingResult run = progressWriter is null || s.DryRun
            ? sampler.Run(null, ct)
            : WithProgress(progressWriter, shard, p => sampler.Run(p, ct));

        if (s.DryRun)
            return Report(s, run, forward, trainSeconds, total.Elapsed.TotalSeconds, dirs, shard, dryRun: true);

        if (npz) WriteNpz(s.Out, run.Landscape!);
        else SampleFile.Write(s.Out, run.Shard!);
        File.Delete(checkpoint);
        var report = Report(s, run, forward, trainSeconds, total.Elapsed.TotalSeconds, dirs, shard, dryRun: false);
        WriteSidecar(s.Out, report);
        return report;
    }

    // The only place the sample command writes .npz (the writer comes from the npz branch).
    private static void WriteNpz(string path, Landscape landscape) => Npz.WriteLandscape(path, landscape);

    private static SampleReport Report(SampleSettings s, SamplingResult run, double forward, double trainSeconds, double totalSeconds,
        DirectionSet dirs, ShardSpec shard, bool dryRun)
    {
        double spp = dryRun ? run.Estimate.SecondsPerPoint : run.SecondsPerPoint;
        return new SampleReport(
            Points: dryRun ? run.Estimate.Points : run.PointsEvaluated,
            Seconds: run.Seconds, SecondsPerPoint: spp, ForwardSeconds: forward, Overhead: spp / forward,
            Out: Path.GetFullPath(s.Out), DryRun: dryRun, Settings: s, Shard: shard.ToString(), GridPoints: run.Estimate.Points + run.PointsResumed,
            PointsResumed: run.PointsResumed, CentreValue: run.CentreValue, NonFiniteReplaced: run.Landscape?.Metadata.NonFiniteReplaced ?? 0,
            ModelHash: run.ModelHash, DirectionHash: run.DirectionHash, DirectionKind: dirs.Kind, DirectionNames: dirs.Names.Take(s.Dims).ToArray(),
            TrainSeconds: trainSeconds, TotalSeconds: totalSeconds, Threads: torch.get_num_threads(), Estimate: run.Estimate);
    }

    /// <summary>Writes the JSON sidecar next to <paramref name="outPath"/> (extension .json), atomically.</summary>
    public static void WriteSidecar(string outPath, object report)
    {
        string path = Path.ChangeExtension(Path.GetFullPath(outPath), ".json");
        string temp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, System.Text.Json.JsonSerializer.Serialize(report, report.GetType(), CliOutput.Json));
        File.Move(temp, path, overwrite: true);
    }

    private static SamplingResult WithProgress(TextWriter err, ShardSpec shard, Func<IProgress<SamplingProgress>, SamplingResult> run)
    {
        bool interactive = ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            // Plain lines, at most one per second (plus the first), for logs and batch systems.
            double last = double.NegativeInfinity;
            var plain = new InlineProgress(p =>
            {
                if (p.Elapsed.TotalSeconds - last < 1 && p.Done != 0 && p.Done != p.Total) return;
                last = p.Elapsed.TotalSeconds;
                err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"progress {p.Done}/{p.Total} points ({p.Fraction:P0}), {p.PointsPerSecond:F0} points/s, ETA {(p.Eta is { } e ? e.ToString(@"hh\:mm\:ss") : "?")}"));
                err.Flush();
            });
            return run(plain);
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        SamplingResult? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(shard.Count == 1 ? "sampling" : $"sampling shard {shard}");
                result = run(new InlineProgress(p =>
                {
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Done;
                }));
            });
        return result!;
    }

    private sealed class InlineProgress(Action<SamplingProgress> report) : IProgress<SamplingProgress>
    {
        public void Report(SamplingProgress value) => report(value);
    }
}

/// <summary>Settings of <c>landscaper sample</c> (as given on the command line).</summary>
public sealed record SampleSettings(string Model, string Directions, int Dims, string Steps, double Distance, int Seed, int DirectionSeed,
    int Epochs, int Samples, string Scale, string Quantity, string NonFinite, string? Shard, bool Resume, bool DryRun,
    int CheckpointEvery, double CheckpointSeconds, int Threads, string Out);

/// <summary>Result of <c>landscaper sample</c> (JSON on stdout with <c>--json</c> and the sidecar file).</summary>
/// <param name="Points">Points evaluated in this run (the estimate's count for a dry run).</param>
/// <param name="Seconds">Wall time of the evaluation loop.</param>
/// <param name="SecondsPerPoint">Seconds per point (the estimate for a dry run).</param>
/// <param name="ForwardSeconds">One bare forward pass over the same batches, measured in the same run.</param>
/// <param name="Overhead">SecondsPerPoint / ForwardSeconds.</param>
/// <param name="Out">Output file.</param>
/// <param name="DryRun">True for a dry run.</param>
/// <param name="Settings">Every setting.</param>
/// <param name="Shard">"i/n".</param>
/// <param name="GridPoints">Points in this shard.</param>
/// <param name="PointsResumed">Points taken from the checkpoint.</param>
/// <param name="CentreValue">Value at θ0.</param>
/// <param name="NonFiniteReplaced">Values replaced by the non-finite policy.</param>
/// <param name="ModelHash">Hash of the model name and θ0.</param>
/// <param name="DirectionHash">Hash of the directions.</param>
/// <param name="DirectionKind">Direction kind.</param>
/// <param name="DirectionNames">Direction names.</param>
/// <param name="TrainSeconds">Model training time.</param>
/// <param name="TotalSeconds">Whole command time.</param>
/// <param name="Threads">libtorch threads.</param>
/// <param name="Estimate">The pre-run cost estimate.</param>
public sealed record SampleReport(int Points, double Seconds, double SecondsPerPoint, double ForwardSeconds, double Overhead, string Out,
    bool DryRun, SampleSettings Settings, string Shard, int GridPoints, int PointsResumed, double CentreValue, int NonFiniteReplaced,
    string ModelHash, string DirectionHash, string DirectionKind, IReadOnlyList<string> DirectionNames, double TrainSeconds,
    double TotalSeconds, int Threads, SamplingEstimate Estimate);
