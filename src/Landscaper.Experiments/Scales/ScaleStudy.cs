using System.Diagnostics;
using System.Globalization;
using Landscaper.Data;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Metrics;
using Landscaper.Models;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using Landscaper.Profiles;
using Landscaper.Sampling;
using Landscaper.Topology;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Scales;

/// <summary>
/// When do loss landscapes simplify during training? For each architecture and seed: train with log-spaced checkpoints;
/// at each checkpoint compute the top-4 Hessian eigenpairs, the trace, and
/// (1) the <b>scale profile</b>: SMAD, minima and total persistence of 2-D landscapes over a ladder of radii, in both
/// radius conventions (relative to ‖θ‖, and absolute), along the top Hessian directions and along filter-normalised
/// random directions; (2) at the first and last checkpoint, the <b>dimension study</b>: 2-D, 3-D and 4-D landscapes at
/// one radius, with the centre 2-D slice of the 3-D and 4-D grids beside them; (3) for the first seed's last checkpoint,
/// the profile again in <b>float64</b> (same θ, same directions) to measure what float32 moves.
/// </summary>
public static class ScaleStudy
{
    /// <summary>Runs the study.</summary>
    /// <param name="architectures">Built-in model names.</param>
    /// <param name="seeds">Seeds (all are reported).</param>
    /// <param name="options">Settings (<see cref="ScaleStudyOptions.Quick"/> or <see cref="ScaleStudyOptions.Full"/>).</param>
    /// <param name="progress">One line per stage (optional).</param>
    /// <param name="cancellationToken">Checked between stages and grid points.</param>
    /// <exception cref="ArgumentException">Unknown or repeated architectures or seeds, or bad options.</exception>
    public static ScaleStudyResult Run(IReadOnlyList<string> architectures, IReadOnlyList<int> seeds, ScaleStudyOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (architectures.Count == 0 || architectures.Distinct().Count() != architectures.Count)
            throw new ArgumentException("Give at least one architecture, each once.", nameof(architectures));
        foreach (var a in architectures)
            if (!BuiltInModel.Names.Contains(a)) throw new ArgumentException($"Unknown architecture '{a}'. Built-in models: {string.Join(", ", BuiltInModel.Names)}.", nameof(architectures));
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count) throw new ArgumentException("Give at least one seed, each once.", nameof(seeds));
        TorchNative.EnsureLoaded();
        var total = Stopwatch.StartNew();
        var rows = new List<ScaleStudyRow>();
        foreach (var architecture in architectures)
            foreach (int seed in seeds)
                rows.AddRange(RunOne(architecture, seed, options, options.Float64Check && seed == seeds[0], progress, cancellationToken));
        return new ScaleStudyResult(rows, options, total.Elapsed.TotalSeconds);
    }

    /// <summary>The rows of one architecture and seed.</summary>
    public static IReadOnlyList<ScaleStudyRow> RunOne(string architecture, int seed, ScaleStudyOptions options, bool float64Check,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var built = BuiltInModel.Build(architecture, seed);
        var model = options.DType == ScalarType.Float64 ? built.Model.to(ScalarType.Float64) : built.Model;
        var data = DataSets.Load("digits", seed);
        var train = data.Train.ToBatches(options.BatchSize, built.FlattenInputs, dtype: options.DType);
        var test = data.Test.ToBatches(512, built.FlattenInputs, dtype: options.DType);
        var analysis = data.Train.Take(options.AnalysisSamples).ToBatches(options.AnalysisSamples, built.FlattenInputs, dtype: options.DType);
        var training = new TrainingOptions(options.Epochs, built.LearningRate, "adam", seed);
        int steps = CheckpointedTraining.TotalSteps(train, training);
        var schedule = CheckpointSchedule.LogSpaced(steps, Math.Min(options.Checkpoints, steps + 1));
        string tag = $"[{architecture} seed {seed}]";
        var sw = Stopwatch.StartNew();
        var checkpoints = CheckpointedTraining.Run(model, train, test, training, schedule, null, cancellationToken);
        progress?.Report($"{tag} trained {options.Epochs} epochs ({steps} steps) in {sw.Elapsed.TotalSeconds:F1} s; checkpoints {schedule}; test accuracy {checkpoints[^1].Test.Accuracy:P1}");
        var rows = new List<ScaleStudyRow>();
        try
        {
            double referenceNorm = double.NaN;
            for (int c = 0; c < checkpoints.Count; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cp = checkpoints[c];
                cp.RestoreInto(model);
                bool first = c == 0, last = c == checkpoints.Count - 1;
                var context = new Context(architecture, seed, c, last, cp, tag, progress, cancellationToken);
                var selection = ParameterSelection.All(model);
                double thetaNorm = ScaleProfile.ThetaNorm(selection);
                if (first) referenceNorm = thetaNorm;
                var (directions, lambdaMax, trace) = Directions(selection, analysis, options, seed, context);
                context = context with { LambdaMax = lambdaMax, Trace = trace };
                foreach (var (kind, set) in directions)
                {
                    rows.AddRange(Profile(set, analysis, options, RadiusConvention.Relative, referenceNorm, kind, "profile", context));
                    rows.AddRange(Profile(set, analysis, options, RadiusConvention.Absolute, referenceNorm, kind, "profile", context));
                    if (first || last) rows.AddRange(Dimensions(set, analysis, options, kind, context));
                }
                if (last && float64Check) rows.AddRange(Float64Profile(model, directions, analysis, options, referenceNorm, context));
            }
        }
        finally
        {
            model.Dispose();
            foreach (var b in train.Concat(test).Concat(analysis)) { b.Input.Dispose(); b.Target.Dispose(); }
        }
        return rows;
    }

    /// <summary>What every row of one checkpoint shares.</summary>
    private sealed record Context(string Model, int Seed, int Checkpoint, bool IsLast, Checkpoint State, string Tag, IProgress<string>? Progress,
        CancellationToken Cancel, double LambdaMax = double.NaN, double Trace = double.NaN);

    private static (IReadOnlyList<(DirectionKind Kind, DirectionSet Set)> Sets, double LambdaMax, double Trace) Directions(
        ParameterSelection selection, IReadOnlyList<Batch> analysis, ScaleStudyOptions options, int seed, Context context)
    {
        var sw = Stopwatch.StartNew();
        int k = (int)Math.Min(ScaleStudyOptions.MaxDimensions, selection.Count);
        double lambdaMax, trace;
        DirectionSet hessian;
        using (var op = new HessianOperator(selection, analysis))
        {
            var eigen = Lanczos.TopEigenpairs(op, k, options.Lanczos with { Seed = seed, Which = SpectrumEnd.Largest });
            hessian = eigen.ToDirectionSet(selection);
            lambdaMax = eigen.Eigenvalues[0];
            trace = TraceEstimator.HutchPlusPlus(op, options.TraceBudget, seed).Value;
        }
        var sets = new List<(DirectionKind, DirectionSet)>();
        foreach (var kind in options.DirectionKinds)
            sets.Add((kind, kind == DirectionKind.Hessian ? hessian : DirectionFactory.Make(kind, selection, analysis, k, seed).Directions));
        context.Progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"{context.Tag} step {context.State.Step}: λmax {lambdaMax:G4}, trace {trace:G4} ({sw.Elapsed.TotalSeconds:F1} s)"));
        return (sets, lambdaMax, trace);
    }

    private static IEnumerable<ScaleStudyRow> Profile(DirectionSet set, IReadOnlyList<Batch> analysis, ScaleStudyOptions options, RadiusConvention convention,
        double referenceNorm, DirectionKind kind, string setting, Context context)
    {
        var radii = convention == RadiusConvention.Relative ? options.Radii : options.Radii.Select(r => r * referenceNorm).ToArray();
        var sw = Stopwatch.StartNew();
        bool save = options.LandscapeFolder is not null && convention == RadiusConvention.Relative && setting == "profile";
        var points = ScaleProfile.Compute(set, analysis, new ScaleProfileOptions(radii, convention, 2, options.ProfileSteps) { KeepLandscapes = save }, null, context.Cancel);
        string dtype = set.Selection.DType == ScalarType.Float64 ? "float64" : "float32";
        if (save)
            foreach (var p in points)
            {
                string name = string.Create(CultureInfo.InvariantCulture,
                    $"02-{context.Model}-s{context.Seed}-step{context.State.Step}-{DirectionFactory.Name(kind)}-r{p.Radius:G3}");
                var landscape = p.Landscape!.WithMetadata(p.Landscape.Metadata with { Name = name });
                Landscaper.IO.Npz.WriteLandscape(Path.Combine(options.LandscapeFolder!, name + ".npz"), landscape);
            }
        context.Progress?.Report($"{context.Tag} step {context.State.Step}: {setting} {DirectionFactory.Name(kind)} {Lower(convention)} {dtype}: minima [{string.Join(" ", points.Select(p => p.Minima))}] ({sw.Elapsed.TotalSeconds:F1} s)");
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            yield return Row(context, setting, dtype, kind, convention, options.Radii[i], p.HalfWidth, p.ThetaNorm, 2, options.ProfileSteps, "full",
                p.Minima, p.Smad, p.TotalPersistence, p.PersistenceRange, p.ValueRange, p.CentreValue, p.Seconds);
        }
    }

    private static IEnumerable<ScaleStudyRow> Dimensions(DirectionSet set, IReadOnlyList<Batch> analysis, ScaleStudyOptions options, DirectionKind kind, Context context)
    {
        double thetaNorm = ScaleProfile.ThetaNorm(set.Selection);
        var rows = new List<ScaleStudyRow>();
        for (int dims = 2; dims <= Math.Min(ScaleStudyOptions.MaxDimensions, set.Count); dims++)
        {
            context.Cancel.ThrowIfCancellationRequested();
            int steps = options.DimensionSteps[dims - 2];
            var sw = Stopwatch.StartNew();
            var sampling = new SamplingOptions(SamplingGrid.Symmetric(dims, steps, options.DimensionRadius))
            {
                Scale = SamplingScale.PythonCompatible, NonFinite = NonFinitePolicy.Replace, EstimateEvaluations = 1,
            };
            var run = new LandscapeSampler(set.Take(dims), analysis, sampling).Run(null, context.Cancel);
            var landscape = run.Landscape!;
            var full = LandscapeTopology.Analyze(landscape, new TopologyOptions(NonFinitePolicy: NonFinitePolicy.Replace));
            double seconds = sw.Elapsed.TotalSeconds;
            rows.Add(Row(context, "dimension", "float32", kind, RadiusConvention.Relative, options.DimensionRadius, options.DimensionRadius * thetaNorm,
                thetaNorm, dims, steps, "full", full.SublevelTree.LeafCount, full.Smad, TotalPersistence(full), full.PersistenceRange, full.ValueRange,
                run.CentreValue, seconds));
            string note = "";
            if (dims >= 3)
            {
                var centre = Enumerable.Repeat(steps / 2, dims).ToArray();
                var slice = LandscapeTopology.Analyze(LandscapeSlices.Slice(landscape, 0, 1, centre), new TopologyOptions(NonFinitePolicy: NonFinitePolicy.Replace));
                rows.Add(Row(context, "dimension", "float32", kind, RadiusConvention.Relative, options.DimensionRadius, options.DimensionRadius * thetaNorm,
                    thetaNorm, dims, steps, "slice", slice.SublevelTree.LeafCount, slice.Smad, TotalPersistence(slice), slice.PersistenceRange,
                    slice.ValueRange, run.CentreValue, 0));
                note = $" (centre slice: {slice.SublevelTree.LeafCount} minima)";
            }
            context.Progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"{context.Tag} step {context.State.Step}: {DirectionFactory.Name(kind)} {dims}-D {steps}^{dims}: {full.SublevelTree.LeafCount} minima, SMAD {full.Smad.Plain:G4}{note} ({seconds:F1} s)"));
        }
        return rows;
    }

    /// <summary>The relative and absolute profiles again in float64: θ, the data and the directions converted (exactly)
    /// from float32; the model is put back in float32 bit for bit afterwards.</summary>
    private static IEnumerable<ScaleStudyRow> Float64Profile(nn.Module<Tensor, Tensor> model, IReadOnlyList<(DirectionKind Kind, DirectionSet Set)> sets,
        IReadOnlyList<Batch> analysis, ScaleStudyOptions options, double referenceNorm, Context context)
    {
        if (options.DType == ScalarType.Float64) return [];
        var rows = new List<ScaleStudyRow>();
        var analysis64 = analysis.Select(b => new Batch(b.Input.to_type(ScalarType.Float64), b.Target)).ToArray();
        var state = ModelState.Capture(model);
        try
        {
            model.to(ScalarType.Float64);
            var selection64 = ParameterSelection.All(model);
            foreach (var (kind, set) in sets)
            {
                var set64 = new DirectionSet(selection64, set.Directions.Select(d => d.Select(t => t.to_type(ScalarType.Float64)).ToArray()).ToArray(), set.Names, set.Kind);
                rows.AddRange(Profile(set64, analysis64, options, RadiusConvention.Relative, referenceNorm, kind, "precision", context));
            }
        }
        finally
        {
            model.to(ScalarType.Float32);
            state.RestoreInto(model);
            foreach (var b in analysis64) b.Input.Dispose();
        }
        return rows;
    }

    private static double TotalPersistence(TopologyAnalysis a) => a.MinimumDiagram.FinitePairs.Sum(p => p.Persistence);

    private static ScaleStudyRow Row(Context c, string setting, string dtype, DirectionKind kind, RadiusConvention convention, double radius, double halfWidth,
        double thetaNorm, int dims, int steps, string view, int minima, SmadValues smad, double totalPersistence, double persistenceRange, double valueRange,
        double centre, double seconds) =>
        new(setting, c.Model, c.Seed, c.Checkpoint, c.IsLast, c.State.Step, c.State.Epoch, dtype, DirectionFactory.Name(kind), Lower(convention), radius,
            halfWidth, thetaNorm, dims, steps, view, minima, smad.Plain, smad.Normalized, smad.Weighted, totalPersistence, persistenceRange, valueRange,
            centre, c.LambdaMax, c.Trace, c.State.Test.Loss, c.State.Test.Accuracy, seconds);

    private static string Lower(RadiusConvention convention) => convention == RadiusConvention.Relative ? "relative" : "absolute";
}
