using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Landscaper.Cli.Options;
using Landscaper.Cli.Output;
using Landscaper.Directions;
using Landscaper.Metrics;
using Landscaper.ParameterSpace;
using Landscaper.Sampling;
using Spectre.Console;
using TorchSharp;

namespace Landscaper.Cli.Commands;

/// <summary>
/// <c>landscaper sample</c>: samples the loss landscape of a model (built-in, or your own type with <c>--weights</c>) on a
/// grid in the span of a few directions around its parameters, with checkpoint/resume, shards, a dry run and progress on
/// stderr.
/// </summary>
/// <remarks>Directions come from a file written by <c>landscaper directions</c> (<c>--directions dirs.npz</c>; shards
/// never recompute them) or are made on the spot (<c>--directions hessian|gauss-newton|random|filter</c>). The output is
/// the landscape (<c>loss</c>, coordinates, metadata) for a whole grid, or a sample file (values of the shard's range)
/// for <c>--shard i/n</c>; join shards with <c>landscaper merge</c>. Every output records the fingerprints of the model,
/// data and directions. The checkpoint is <c>OUT.partial</c>; the JSON report goes to <c>OUT.json</c>.</remarks>
public static class SampleCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions();
        var directions = new Option<string>("--directions") { Description = "A directions file (.npz from `landscaper directions`), or a kind made now: hessian, gauss-newton, random, filter.", DefaultValueFactory = _ => "hessian" };
        var directionSeed = new Option<int?>("--direction-seed") { Description = "Seed of directions made now (default: --seed)." };
        var dims = new Option<int>("--dims") { Description = "Grid dimensions (the first DIMS directions).", DefaultValueFactory = _ => 2 };
        var steps = new Option<string>("--steps") { Description = "Points per axis: one number for every axis or a comma list (e.g. 41,21).", DefaultValueFactory = _ => "41" };
        var distance = new Option<double>("--distance") { Description = "Half-width of every axis: with --scale python a fraction of ‖θ0‖ (the Python package's `distance`), with plain in parameter units.", DefaultValueFactory = _ => 0.01 };
        var scale = new Option<string>("--scale") { Description = "python (layer-normalised directions, one step = ‖θ0‖·distance/(steps/2)) or plain (θ0 + Σ c_k d_k).", DefaultValueFactory = _ => "python" };
        scale.AcceptOnlyFromAmong("python", "plain");
        var quantity = new Option<string>("--quantity") { Description = "loss or accuracy.", DefaultValueFactory = _ => "loss" };
        quantity.AcceptOnlyFromAmong("loss", "accuracy");
        var nonFinite = new Option<string>("--non-finite") { Description = "What to do with NaN/±∞ losses: replace (the Python package's rule), keep, or error.", DefaultValueFactory = _ => "replace" };
        nonFinite.AcceptOnlyFromAmong("replace", "keep", "error");
        var shard = new Option<string?>("--shard") { Description = "Evaluate only shard i of n (\"i/n\", contiguous flat ranges); join the shard files with `landscaper merge`." };
        var resume = new Option<bool>("--resume") { Description = "Continue from OUT.partial if it exists (and accept an OUT already completed by the same run)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing OUT written by another run." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check everything, time a few points and print the cost estimate; write nothing." };
        var ckptPoints = new Option<int>("--checkpoint-every") { Description = "Write the checkpoint every N points.", DefaultValueFactory = _ => 1000 };
        var ckptSeconds = new Option<double>("--checkpoint-seconds") { Description = "… or every T seconds.", DefaultValueFactory = _ => 30 };
        var noProgress = new Option<bool>("--no-progress") { Description = "Do not show progress on stderr." };
        var outPath = new Option<string>("--out") { Description = "Output .npz: the landscape, or the shard's sample file with --shard." };

        var cmd = new Command("sample", "Sample a loss landscape on a grid in the span of a few directions (built-in or your own model).");
        model.AddTo(cmd);
        foreach (var o in new Option[] { directions, directionSeed, dims, steps, distance, scale, quantity, nonFinite, shard, resume, force, dryRun,
                     ckptPoints, ckptSeconds, noProgress, outPath })
            cmd.Options.Add(o);
        cmd.SetAction((result, ct) =>
        {
            var spec = new Lazy<ModelSpec>(() => model.Parse(result));
            return Task.FromResult(Execute(result, () =>
            {
                var m = spec.Value;
                return new SampleSettings(m, result.GetValue(directions)!, result.GetValue(directionSeed) ?? m.Seed, result.GetValue(dims),
                    result.GetValue(steps)!, result.GetValue(distance), result.GetValue(scale)!, result.GetValue(quantity)!, result.GetValue(nonFinite)!,
                    result.GetValue(shard), result.GetValue(resume), result.GetValue(force), result.GetValue(dryRun), result.GetValue(ckptPoints),
                    result.GetValue(ckptSeconds), result.GetValue(outPath));
            }, !result.GetValue(noProgress), ct));
        });
        return cmd;
    }

    private static int Execute(ParseResult result, Func<SampleSettings> settings, bool showProgress, CancellationToken ct)
    {
        var err = result.Err();
        // Ctrl+C (SIGINT) and SIGTERM (a Slurm time limit or preemption) stop between points: the checkpoint is written first.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cts.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
        SampleSettings? s = null;
        try
        {
            s = settings();
            var report = Run(s, showProgress ? err : null, line => err.WriteLine(line), cts.Token);
            if (result.WantsJson()) result.WriteJson(report);
            else WriteText(result.Out(), report);
            return CliErrors.Ok;
        }
        catch (OperationCanceledException)
        {
            err.WriteLine($"cancelled; progress is in {s?.Out}.partial — run the same command with --resume to continue.");
            return CliErrors.Cancelled;
        }
        catch (Exception ex) { return CliErrors.Report(result, ex); }
    }

    /// <summary>Parses "41" or "41,21" into one step count per axis.</summary>
    /// <exception cref="CliException">Not whole numbers ≥ 2, or a list whose length differs from <paramref name="dims"/>.</exception>
    public static int[] ParseSteps(string text, int dims)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] < 2)
                throw new CliException($"--steps: '{parts[i]}' is not a whole number of at least 2 points per axis.");
        if (values.Length == 0) throw new CliException("--steps needs at least one number, e.g. --steps 41.");
        if (values.Length == 1) return Enumerable.Repeat(values[0], Math.Max(dims, 1)).ToArray();
        if (values.Length != dims) throw new CliException($"--steps lists {values.Length} values but --dims is {dims}.");
        return values;
    }

    /// <summary>Checks every option (before any training or sampling), then runs the command's work.</summary>
    /// <param name="s">Settings.</param>
    /// <param name="progressWriter">Where progress goes (stderr), or null for none.</param>
    /// <param name="log">Receives status lines (training, directions).</param>
    /// <param name="ct">Cancellation (Ctrl+C, SIGTERM).</param>
    public static SampleReport Run(SampleSettings s, TextWriter? progressWriter, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        var plan = Plan(s);
        using var target = s.DryRun ? plan.Target : plan.Target.Acquire("sample");
        if (!s.DryRun && File.Exists(target.Path) && !s.Force) RefuseOtherSettings(target.Path, plan.Provisional, early: true);

        var total = System.Diagnostics.Stopwatch.StartNew();
        var loaded = ModelOptions.Load(s.Model, log);
        var selection = ParameterSelection.All(loaded.Model);
        var (dirs, eigenvalues) = Directions(s, plan, loaded, selection, log);
        var options = new SamplingOptions(plan.Grid)
        {
            Scale = plan.Scale, Function = plan.Function, NonFinite = plan.Policy, Shard = plan.Shard, CheckpointPath = target.CheckpointPath,
            CheckpointEveryPoints = s.CheckpointEvery, CheckpointEverySeconds = s.CheckpointSeconds, Resume = s.Resume, DryRun = s.DryRun,
            ModelName = s.Model.Reference, Name = $"{s.Model.Reference} seed {s.Model.Seed}", Info = plan.Info,
        };
        var sampler = new LandscapeSampler(dirs, loaded.Batches, options);
        if (!s.DryRun && File.Exists(target.Path))
        {
            if (!s.Force) RefuseOtherSettings(target.Path, sampler.Header, early: false);
            if (s.Resume && !File.Exists(target.CheckpointPath) && Complete(target.Path, sampler.Header))
                return Report(s, plan, new SamplingResult(null, null, new SamplingEstimate(0, 0, 0, 0, selection.Count, 0), double.NaN, 0,
                    sampler.Header.ShardPoints, 0, sampler.Header), double.NaN, loaded, total.Elapsed.TotalSeconds, eigenvalues, target, minima: null, alreadyComplete: true);
        }
        double forward = LandscapeSampler.ForwardSeconds(loaded.Model, loaded.Batches);
        var run = progressWriter is null || s.DryRun
            ? sampler.Run(null, ct)
            : WithProgress(progressWriter, plan.Shard, p => sampler.Run(p, ct));
        if (s.DryRun) return Report(s, plan, run, forward, loaded, total.Elapsed.TotalSeconds, eigenvalues, target, null, false);

        int? minima = null;
        if (run.Landscape is { } landscape)
        {
            SampleMerge.WriteLandscape(target.Path, landscape, sampler.Header);
            minima = LandscapeTopology.Analyze(landscape).SublevelTree.LeafCount;
        }
        else SampleFile.Write(target.Path, run.Shard!);
        File.Delete(target.CheckpointPath);
        var report = Report(s, plan, run, forward, loaded, total.Elapsed.TotalSeconds, eigenvalues, target, minima, false);
        Reports.Write(target.ReportPath, report);
        return report;
    }

    /// <summary>Everything derived from the options alone, checked before any work.</summary>
    private sealed record SamplePlan(OutputTarget Target, SamplingGrid Grid, SamplingScale Scale, ScalarFunction Function, NonFinitePolicy Policy,
        ShardSpec Shard, DirectionKind? Kind, string? DirectionsFile, DirectionSetHeader? DirectionsHeader, Dictionary<string, string> Info,
        SampleFileHeader Provisional);

    private static SamplePlan Plan(SampleSettings s)
    {
        if (s.Dims < 1) throw new CliException($"--dims must be at least 1 (got {s.Dims}).");
        if (!(s.Distance > 0) || double.IsInfinity(s.Distance)) throw new CliException($"--distance must be a positive number (got {s.Distance.ToString(CultureInfo.InvariantCulture)}).");
        if (s.CheckpointEvery < 1) throw new CliException($"--checkpoint-every must be at least 1 (got {s.CheckpointEvery}).");
        if (!(s.CheckpointSeconds > 0)) throw new CliException($"--checkpoint-seconds must be positive (got {s.CheckpointSeconds.ToString(CultureInfo.InvariantCulture)}).");
        ShardSpec shard;
        try { shard = s.Shard is null ? ShardSpec.Whole : ShardSpec.Parse(s.Shard); }
        catch (FormatException ex) { throw new CliException($"--shard: {ex.Message}", inner: ex); }
        var stepList = ParseSteps(s.Steps, s.Dims);
        double points = stepList.Aggregate(1.0, (a, b) => a * b);
        if (points > int.MaxValue) throw new CliException($"--steps {s.Steps} in {s.Dims} dimensions makes {points:G3} points, more than one run can hold; use fewer steps.");
        if (shard.Count > points) throw new CliException($"--shard {shard}: more shards than the {points:F0} grid points.");
        var target = OutputTarget.Check(s.Out);
        var kind = DirectionFactory.Parse(s.Directions);
        string? file = null;
        DirectionSetHeader? header = null;
        if (kind is null)
        {
            file = Path.GetFullPath(s.Directions);
            if (!File.Exists(file))
                throw new CliException($"--directions '{s.Directions}' is neither a kind (hessian, gauss-newton, random, filter) nor an existing directions file.");
            header = DirectionSetFile.ReadHeader(file);
            if (header.Names.Count < s.Dims)
                throw new CliException($"--directions {Path.GetFileName(file)} holds {header.Names.Count} directions but --dims is {s.Dims}; compute more with `landscaper directions --top {s.Dims}`.");
            var mine = s.Model.Info();
            foreach (var key in new[] { "model", "data", "samples", "seed", "dtype", "weights", "epochs" })
                if (header.Info is { } theirs && theirs.TryGetValue(key, out var v) && mine.TryGetValue(key, out var w) && v != w)
                    throw new CliException($"--directions {Path.GetFileName(file)} was computed with {key} '{v}', this run uses '{w}'; use the same model and data, or compute directions for them.");
        }
        var info = s.Model.Info();
        info["directions"] = file is null ? DirectionFactory.Name(kind!.Value) : Path.GetFileName(file);
        if (file is null && kind is DirectionKind.Random or DirectionKind.Filter or DirectionKind.Hessian or DirectionKind.GaussNewton)
            info["directionSeed"] = s.DirectionSeed.ToString(CultureInfo.InvariantCulture);
        info["threads"] = s.Model.Threads.ToString(CultureInfo.InvariantCulture);
        var grid = SamplingGrid.Symmetric(stepList, Enumerable.Repeat(s.Distance, stepList.Length).ToArray());
        var scale = s.Scale == "plain" ? SamplingScale.Plain : SamplingScale.PythonCompatible;
        var function = s.Quantity == "accuracy" ? ScalarFunction.Accuracy : ScalarFunction.Loss;
        var policy = s.NonFinite switch { "keep" => NonFinitePolicy.Keep, "error" => NonFinitePolicy.Error, _ => NonFinitePolicy.Replace };
        var (start, end) = shard.Range(grid.Count);
        var provisional = new SampleFileHeader(s.Model.Reference, "", "", file is null ? DirectionFactory.Name(kind!.Value) : header!.Kind, "", [],
            function.Name, scale, grid.CoordinateAxes.ToArray(), grid.Distances?.ToArray(), shard.Index, shard.Count, start, end, info);
        return new SamplePlan(target, grid, scale, function, policy, shard, kind, file, header, info, provisional);
    }

    private static (DirectionSet Directions, IReadOnlyList<double>? Eigenvalues) Directions(SampleSettings s, SamplePlan plan, LoadedModel loaded,
        ParameterSelection selection, Action<string>? log)
    {
        if (plan.DirectionsFile is { } file)
        {
            var h = plan.DirectionsHeader!;
            string fp = Fingerprints.Parameters(selection);
            if (h.ModelFingerprint is { } theirs && theirs != fp)
                throw new CliException($"--directions {Path.GetFileName(file)} was computed for other parameters (fingerprint {Fingerprints.Short(theirs)}, this model {Fingerprints.Short(fp)}); compute directions for this model with `landscaper directions`.");
            string dataFp = Fingerprints.Data(loaded.Batches.SelectMany(b => new[] { b.Input, b.Target }));
            if (h.DataFingerprint is { } theirData && theirData != dataFp)
                throw new CliException($"--directions {Path.GetFileName(file)} was computed on other data (fingerprint {Fingerprints.Short(theirData)}, this run {Fingerprints.Short(dataFp)}).");
            try { return (DirectionSetFile.Load(file, selection), h.Eigenvalues); }
            catch (ArgumentException ex) { throw new CliException($"--directions: {CliErrors.Message(ex)}", inner: ex); }
        }
        log?.Invoke($"making {s.Dims} {DirectionFactory.Name(plan.Kind!.Value)} directions (seed {s.DirectionSeed})");
        var made = DirectionFactory.Make(plan.Kind!.Value, selection, loaded.Batches, s.Dims, s.DirectionSeed);
        return (made.Directions, made.Eigen?.Eigenvalues);
    }

    /// <summary>Refuses to replace an output written by another run (compares everything known at this point).</summary>
    private static void RefuseOtherSettings(string path, SampleFileHeader ours, bool early)
    {
        SampleFileHeader? theirs;
        try { theirs = SampleMerge.ReadHeader(path); }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new CliException($"'{path}' exists and is not a Landscaper landscape or sample file; delete it, choose another --out, or add --force.", inner: ex);
        }
        if (theirs is null) throw new CliException($"'{path}' exists and was not written by `landscaper sample`; choose another --out or add --force.");
        // A whole-grid landscape's header is the run's whole header; a shard file keeps its placement.
        var mine = theirs.ShardCount == 1 && ours.ShardCount == 1 ? ours.Whole() : ours;
        if (early) mine = mine with
        {
            ModelFingerprint = theirs.ModelFingerprint, DataFingerprint = theirs.DataFingerprint, DirectionFingerprint = theirs.DirectionFingerprint,
            DirectionNames = theirs.DirectionNames, DirectionKind = ours.DirectionKind,
        };
        var diff = theirs.FirstDifference(mine);
        if (diff is null && (theirs.ShardIndex != mine.ShardIndex || theirs.Start != mine.Start || theirs.End != mine.End))
            diff = $"the shard ({theirs.ShardIndex}/{theirs.ShardCount} vs {mine.ShardIndex}/{mine.ShardCount})";
        if (diff is not null)
            throw new CliException($"'{path}' exists and was written by another run ({diff} differs); choose another --out, or add --force to replace it.");
    }

    private static bool Complete(string path, SampleFileHeader header)
    {
        if (header.ShardCount == 1) return true; // a landscape file is only written complete
        var file = SampleFile.Read(path);
        return file.IsComplete;
    }

    private static SamplingResult WithProgress(TextWriter err, ShardSpec shard, Func<IProgress<SamplingProgress>, SamplingResult> run)
    {
        bool interactive = ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            // Plain lines, at most one per second (plus the first and the last), for logs and batch systems.
            double last = double.NegativeInfinity;
            var plain = new SynchronousProgress<SamplingProgress>(p =>
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
                result = run(new SynchronousProgress<SamplingProgress>(p =>
                {
                    task.MaxValue = Math.Max(p.Total, 1);
                    task.Value = p.Done;
                }));
            });
        return result!;
    }

    private static SampleReport Report(SampleSettings s, SamplePlan plan, SamplingResult run, double forward, LoadedModel loaded, double totalSeconds,
        IReadOnlyList<double>? eigenvalues, OutputTarget target, int? minima, bool alreadyComplete)
    {
        double spp = s.DryRun ? run.Estimate.SecondsPerPoint : run.SecondsPerPoint;
        var h = run.Header;
        return new SampleReport(
            Points: s.DryRun ? run.Estimate.Points : run.PointsEvaluated, Seconds: run.Seconds, SecondsPerPoint: spp, ForwardSeconds: forward,
            Overhead: spp / forward, Out: target.Path, DryRun: s.DryRun, AlreadyComplete: alreadyComplete, Shard: plan.Shard.ToString(),
            GridPoints: h.ShardPoints, PointsResumed: run.PointsResumed, CentreValue: run.CentreValue,
            NonFiniteReplaced: run.Landscape?.Metadata.NonFiniteReplaced ?? 0, Minima: minima, Distance: s.Distance, Scale: s.Scale,
            ModelFingerprint: h.ModelFingerprint, DataFingerprint: h.DataFingerprint, DirectionFingerprint: h.DirectionFingerprint,
            DirectionKind: h.DirectionKind, DirectionNames: h.DirectionNames, Eigenvalues: eigenvalues?.Take(s.Dims).ToArray(),
            TrainLoss: loaded.Train?.Loss, TrainAccuracy: loaded.Train?.Accuracy, TestLoss: loaded.Test?.Loss, TestAccuracy: loaded.Test?.Accuracy,
            TrainSeconds: loaded.TrainSeconds, TotalSeconds: totalSeconds, Threads: torch.get_num_threads(), Estimate: run.Estimate, Settings: plan.Info);
    }

    private static void WriteText(TextWriter o, SampleReport r)
    {
        var ic = CultureInfo.InvariantCulture;
        if (r.TrainLoss is { } tl)
            o.WriteLine(string.Create(ic, $"model       {r.Settings["model"]} trained now: train loss {tl:G4}{(r.TrainAccuracy is { } ta && double.IsFinite(ta) ? $", accuracy {ta:P1}" : "")}{(r.TestAccuracy is { } te ? $"; test accuracy {te:P1}" : "")}"));
        else o.WriteLine($"model       {r.Settings["model"]} (weights {r.Settings.GetValueOrDefault("weights")})");
        o.WriteLine($"directions  {r.DirectionKind}: {string.Join(", ", r.DirectionNames)}");
        if (r.DryRun)
        {
            o.WriteLine(string.Create(ic, $"dry run     {r.Points} points, ~{r.Estimate.SecondsPerPoint * 1e3:F3} ms/point, estimated {r.Estimate.EstimatedSeconds:F1} s, ~{r.Estimate.EstimatedBytes / 1048576.0:F1} MiB; nothing written"));
            return;
        }
        if (r.AlreadyComplete)
        {
            o.WriteLine($"complete    {r.Out} already holds this run; nothing to resume");
            return;
        }
        o.WriteLine(string.Create(ic, $"sampled     {r.Points} points in {r.Seconds:F2} s ({r.SecondsPerPoint * 1e3:F3} ms/point{(r.PointsResumed > 0 ? $", {r.PointsResumed} resumed from the checkpoint" : "")})"));
        o.WriteLine(string.Create(ic, $"overhead    {r.Overhead:F2} = time per point ÷ one bare forward pass ({r.ForwardSeconds * 1e3:F3} ms): what sampling costs beyond evaluating the model"));
        if (r.Minima is { } m)
        {
            o.WriteLine(string.Create(ic, $"landscape   {m} local minim{(m == 1 ? "um" : "a")} at --distance {r.Distance:G3} ({r.Scale} scale)"));
            if (m == 1)
                o.WriteLine("note        a single minimum: at this radius the landscape is one basin and SMAD is 0; a scale profile (several --distance values, see docs/scale-profile.md) shows where structure appears");
        }
        o.WriteLine($"output      {r.Out} (report: {Path.ChangeExtension(r.Out, ".json")})");
    }
}

/// <summary>Settings of <c>landscaper sample</c> (as given on the command line).</summary>
/// <param name="Model">Model, data and precision.</param>
/// <param name="Directions">A directions file or a kind.</param>
/// <param name="DirectionSeed">Seed of directions made now.</param>
/// <param name="Dims">Grid dimensions.</param>
/// <param name="Steps">Points per axis ("41" or "41,21").</param>
/// <param name="Distance">Half-width of every axis.</param>
/// <param name="Scale">python or plain.</param>
/// <param name="Quantity">loss or accuracy.</param>
/// <param name="NonFinite">replace, keep or error.</param>
/// <param name="Shard">"i/n" or null.</param>
/// <param name="Resume">Continue from the checkpoint.</param>
/// <param name="Force">Replace an output of another run.</param>
/// <param name="DryRun">Estimate only.</param>
/// <param name="CheckpointEvery">Checkpoint every N points.</param>
/// <param name="CheckpointSeconds">… or every T seconds.</param>
/// <param name="Out">Output path.</param>
public sealed record SampleSettings(ModelSpec Model, string Directions, int DirectionSeed, int Dims, string Steps, double Distance, string Scale,
    string Quantity, string NonFinite, string? Shard, bool Resume, bool Force, bool DryRun, int CheckpointEvery, double CheckpointSeconds, string? Out);

/// <summary>Result of <c>landscaper sample</c> (JSON on stdout with <c>--json</c>, and the report file OUT.json).</summary>
/// <param name="Points">Points evaluated in this run (the estimate's count for a dry run).</param>
/// <param name="Seconds">Wall time of the evaluation loop.</param>
/// <param name="SecondsPerPoint">Seconds per point (the estimate for a dry run).</param>
/// <param name="ForwardSeconds">One bare forward pass over the same batches, measured in the same run.</param>
/// <param name="Overhead">SecondsPerPoint / ForwardSeconds: what sampling costs beyond evaluating the model.</param>
/// <param name="Out">Output file.</param>
/// <param name="DryRun">True for a dry run.</param>
/// <param name="AlreadyComplete">True when --resume found the output already complete.</param>
/// <param name="Shard">"i/n".</param>
/// <param name="GridPoints">Points in this shard.</param>
/// <param name="PointsResumed">Points taken from the checkpoint.</param>
/// <param name="CentreValue">Value at θ0.</param>
/// <param name="NonFiniteReplaced">Values replaced by the non-finite policy.</param>
/// <param name="Minima">Local minima of the landscape (whole grids).</param>
/// <param name="Distance">--distance.</param>
/// <param name="Scale">--scale.</param>
/// <param name="ModelFingerprint">Fingerprint of θ0.</param>
/// <param name="DataFingerprint">Fingerprint of the data.</param>
/// <param name="DirectionFingerprint">Fingerprint of the directions.</param>
/// <param name="DirectionKind">Direction kind.</param>
/// <param name="DirectionNames">Direction names.</param>
/// <param name="Eigenvalues">Eigenvalues of the directions when they are eigenvectors.</param>
/// <param name="TrainLoss">Training loss (model trained by this command).</param>
/// <param name="TrainAccuracy">Training accuracy (model trained by this command).</param>
/// <param name="TestLoss">Test loss (model trained by this command).</param>
/// <param name="TestAccuracy">Test accuracy (model trained by this command).</param>
/// <param name="TrainSeconds">Model build/train/load time.</param>
/// <param name="TotalSeconds">Whole command time.</param>
/// <param name="Threads">libtorch threads.</param>
/// <param name="Estimate">The pre-run cost estimate.</param>
/// <param name="Settings">Every setting recorded in the output.</param>
public sealed record SampleReport(int Points, double Seconds, double SecondsPerPoint, double ForwardSeconds, double Overhead, string Out,
    bool DryRun, bool AlreadyComplete, string Shard, int GridPoints, int PointsResumed, double CentreValue, int NonFiniteReplaced, int? Minima,
    double Distance, string Scale, string ModelFingerprint, string DataFingerprint, string DirectionFingerprint, string DirectionKind,
    IReadOnlyList<string> DirectionNames, IReadOnlyList<double>? Eigenvalues, double? TrainLoss, double? TrainAccuracy, double? TestLoss,
    double? TestAccuracy, double TrainSeconds, double TotalSeconds, int Threads, SamplingEstimate Estimate, IReadOnlyDictionary<string, string> Settings);
