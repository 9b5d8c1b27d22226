using System.Diagnostics;
using Landscaper.Data;
using Landscaper.Models;
using Landscaper.Native;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Experiments;

/// <summary>
/// "Do loss landscapes simplify during training?": trains each built-in architecture with each seed, records
/// checkpoints along the way (<see cref="CheckpointedTraining"/>) and runs <see cref="CheckpointAnalysis"/> at every
/// checkpoint.
/// </summary>
public static class TrainingDynamicsExperiment
{
    /// <summary>Runs the experiment. Everything random is seeded by the run's seed: initialisation
    /// (<see cref="BuiltInModel.Build"/>), train/test split (<see cref="DataSets.Load"/>), batch order, Lanczos start
    /// vector and Hutch++ probes; so the same arguments give the same rows (up to libtorch's floating-point determinism
    /// on the machine).</summary>
    /// <param name="architectures">Built-in model names (<see cref="BuiltInModel.Names"/>), at least one, no repeats.</param>
    /// <param name="seeds">Seeds, at least one, no repeats.</param>
    /// <param name="options">Training, checkpoint and analysis settings (<see cref="ExperimentOptions.Quick"/> or <see cref="ExperimentOptions.Full"/>).</param>
    /// <param name="progress">Receives one line per stage (optional).</param>
    /// <param name="cancellationToken">Checked between training steps, analysis stages and grid points.</param>
    /// <returns>One row per architecture × seed × checkpoint.</returns>
    /// <exception cref="ArgumentException">Empty or repeated architectures or seeds, an unknown architecture, or invalid options.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static TrainingDynamicsResult Run(IReadOnlyList<string> architectures, IReadOnlyList<int> seeds, ExperimentOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(options);
        if (architectures.Count == 0) throw new ArgumentException("At least one architecture is needed.", nameof(architectures));
        if (architectures.Distinct().Count() != architectures.Count) throw new ArgumentException("An architecture is listed twice.", nameof(architectures));
        foreach (var a in architectures)
            if (!BuiltInModel.Names.Contains(a))
                throw new ArgumentException($"Unknown architecture '{a}'. Built-in models: {string.Join(", ", BuiltInModel.Names)}.", nameof(architectures));
        if (seeds.Count == 0) throw new ArgumentException("At least one seed is needed.", nameof(seeds));
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException("A seed is listed twice.", nameof(seeds));
        options.Validate(nameof(options));
        TorchNative.EnsureLoaded();
        var total = Stopwatch.StartNew();
        var rows = new List<TrainingDynamicsRow>();
        foreach (var architecture in architectures)
            foreach (int seed in seeds)
                rows.AddRange(RunOne(architecture, seed, options, progress, cancellationToken));
        total.Stop();
        return new TrainingDynamicsResult(rows, options, total.Elapsed.TotalSeconds);
    }

    /// <summary>Trains one architecture with one seed and analyses each of its checkpoints.</summary>
    /// <param name="architecture">A built-in model name.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="progress">Progress lines (optional).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rows of this run in step order.</returns>
    /// <exception cref="ArgumentException">Unknown architecture or invalid options.</exception>
    public static IReadOnlyList<TrainingDynamicsRow> RunOne(string architecture, int seed, ExperimentOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        var built = BuiltInModel.Build(architecture, seed);
        var model = options.DType == ScalarType.Float64 ? built.Model.to(ScalarType.Float64) : built.Model;
        var data = DataSets.Load(options.Data, seed);
        var train = data.Train.ToBatches(options.BatchSize, built.FlattenInputs, dtype: options.DType);
        var test = data.Test.ToBatches(512, built.FlattenInputs, dtype: options.DType);
        var analysisBatches = data.Train.Take(options.AnalysisSamples).ToBatches(options.AnalysisSamples, built.FlattenInputs, dtype: options.DType);
        var training = new TrainingOptions(options.Epochs, built.LearningRate, "adam", seed);
        int steps = CheckpointedTraining.TotalSteps(train, training);
        var schedule = CheckpointSchedule.LogSpaced(steps, Math.Min(options.Checkpoints, steps + 1));
        string tag = $"[{architecture} seed {seed}]";
        var sw = Stopwatch.StartNew();
        var checkpoints = CheckpointedTraining.Run(model, train, test, training, schedule, null, cancellationToken);
        progress?.Report($"{tag} trained {options.Epochs} epochs ({steps} steps) in {sw.Elapsed.TotalSeconds:F1} s; checkpoints {schedule}; test acc {checkpoints[^1].Test.Accuracy:P1}");
        var analysisOptions = options.Analysis with { Seed = seed };
        var rows = new List<TrainingDynamicsRow>(checkpoints.Count);
        try
        {
            foreach (var cp in checkpoints)
            {
                cancellationToken.ThrowIfCancellationRequested();
                cp.RestoreInto(model);
                var inner = progress is null ? null : new SynchronousProgress<string>(line => progress.Report($"{tag} step {cp.Step}: {line}"));
                var analysis = CheckpointAnalysis.Run(model, analysisBatches, analysisOptions, inner, cancellationToken);
                rows.Add(new TrainingDynamicsRow(architecture, seed, cp.Step, cp.Epoch, cp.Train.Loss, cp.Train.Accuracy, cp.Test.Loss, cp.Test.Accuracy, analysis));
                progress?.Report($"{tag} step {cp.Step}: λmax {analysis.LambdaMax:G4}, trace {analysis.Trace:G4}, SMAD {analysis.Landscape2D.Smad.Plain:G4}, test loss {cp.Test.Loss:G4} ({analysis.Seconds:F1} s)");
            }
        }
        finally
        {
            model.Dispose();
            foreach (var b in train.Concat(test).Concat(analysisBatches)) { b.Input.Dispose(); b.Target.Dispose(); }
        }
        return rows;
    }
}
