using System.Diagnostics;
using System.Globalization;
using Landscaper.Chemistry;
using Landscaper.Data;
using Landscaper.Experiments;
using Landscaper.Models.Graphs;
using Landscaper.Native;
using Landscaper.Training;
using static TorchSharp.torch;

namespace Landscaper.Molecules;

/// <summary>
/// Issue 14, "does SMAD diagnose out-of-distribution error in molecular property prediction?": for every label and split kind,
/// trains a population of graph models (GIN and SchNet of several sizes, with and without regularisation, several seeds) on the
/// training molecules, measures ID and OOD RMSE in label units, and analyses each trained model's loss landscape on a fixed
/// sample of training molecules (<see cref="MultiScaleAnalysis"/>: λ_max, Hutch++ trace, SMAD of 2-D and 3-D landscapes in the
/// top Hessian directions at several distances).
/// </summary>
/// <remarks>Everything random is seeded: the molecule subset and the splits by <see cref="MolecularOodOptions.SplitSeed"/>; a
/// model's initialisation, batch order, Lanczos start and Hutch++ probes by its own seed. Labels are standardised with the
/// training split's mean and sd (<see cref="LabelScaler"/>); the loss is the mean squared error of the standardised label.</remarks>
public static class MolecularOodExperiment
{
    /// <summary>Runs the experiment.</summary>
    /// <param name="dataset">The molecule data set (<see cref="MolecularDataset.Load"/>).</param>
    /// <param name="options">Settings (<see cref="MolecularOodOptions.Quick"/>, <see cref="MolecularOodOptions.Full"/>).</param>
    /// <param name="progress">One line per stage (optional).</param>
    /// <param name="cancellationToken">Checked between training steps, analysis stages and grid points.</param>
    /// <returns>One row per label × split × model, in that order.</returns>
    /// <exception cref="ArgumentException">Invalid options or an unknown label.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static MolecularOodResult Run(MolecularDataset dataset, MolecularOodOptions options, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        foreach (var label in options.Labels)
            if (!MolecularDataset.LabelNames.Contains(label))
                throw new ArgumentException($"Unknown label '{label}'. Labels: {string.Join(", ", MolecularDataset.LabelNames)}.", nameof(options));
        TorchNative.EnsureLoaded();
        var total = Stopwatch.StartNew();
        var subset = SeededSubset.Indices(dataset.Count, options.MoleculeLimit, options.SplitSeed);
        var records = subset.Select(i => dataset[i]).ToArray();
        var keys = subset.Select(i => dataset.ScaffoldGroups.Keys[i]).ToArray();
        var encodings = options.Models.Select(m => options.EncodingOf(m.Architecture)).Distinct()
            .ToDictionary(e => e, e => MolecularGraphs.EncodeAll(records, e));
        progress?.Report($"{records.Length} molecules, {keys.Distinct().Count()} scaffolds; encodings {string.Join(", ", encodings.Keys)} ready in {total.Elapsed.TotalSeconds:F1} s");

        var rows = new List<MolecularOodRow>();
        var splits = new List<OodSplit>();
        int done = 0, count = options.Labels.Count * options.Splits.Count * options.Models.Count;
        foreach (var label in options.Labels)
        {
            var labels = records.Select(r => r.Labels[label]).ToArray();
            foreach (var kind in options.Splits)
            {
                var split = OodSplits.Make(kind, label, labels, keys, options.SplitOptions, options.SplitSeed);
                splits.Add(split);
                progress?.Report($"[{label} / {split.Name}] {split.Description}");
                var scaler = LabelScaler.Fit(labels, split.Train);
                var z = labels.Select(scaler.Transform).ToArray();
                var analysisSample = split.Train.ToArray();
                new Random(options.SplitSeed).Shuffle(analysisSample);
                analysisSample = analysisSample[..Math.Min(options.AnalysisMolecules, analysisSample.Length)];
                foreach (var spec in options.Models)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var row = RunOne(spec, label, split, labels, z, scaler, analysisSample, encodings[options.EncodingOf(spec.Architecture)], options,
                        progress, cancellationToken);
                    rows.Add(row);
                    done++;
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"[{label} / {split.Name}] {spec.Name} ({done}/{count}): RMSE train {row.TrainRmse:G3}, ID {row.IdRmse:G3}, OOD {row.OodRmse:G3}; λmax {row.Analysis.LambdaMax:G3}, trace {row.Analysis.Trace:G3}, SMAD(2-D, {options.Analysis.Distances[0]}) {row.Analysis.Landscapes[0].Summary.Smad.Plain:G3}; train {row.TrainSeconds:F1} s + analysis {row.Analysis.Seconds:F1} s; {total.Elapsed.TotalMinutes:F1} min so far"));
                }
            }
        }
        total.Stop();
        var labelValues = options.Labels.ToDictionary(l => l, l => records.Select(r => r.Labels[l]).ToArray());
        return new MolecularOodResult(rows, splits, options, subset, labelValues, total.Elapsed.TotalSeconds);
    }

    /// <summary>Trains and analyses one model of the population.</summary>
    private static MolecularOodRow RunOne(MolecularModelSpec spec, string label, OodSplit split, double[] labels, double[] z, LabelScaler scaler,
        int[] analysisSample, IReadOnlyList<GraphData> graphs, MolecularOodOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var encoding = options.EncodingOf(spec.Architecture);
        var model = spec.Build(MolecularGraphs.NodeFeatureCount(encoding), MolecularGraphs.EdgeFeatureCount(encoding), options.SchNetCutoff,
            options.SchNetRadialBasis, options.Readout);
        var train = MolecularBatches.Make(graphs, z, split.Train, options.BatchSize, spec.Seed);
        var analysis = MolecularBatches.Make(graphs, z, analysisSample, analysisSample.Length, null);
        try
        {
            Trainer.Train(model, train, new TrainingOptions(options.Epochs, options.LearningRate, "adam", spec.Seed, spec.WeightDecay),
                cancellationToken: cancellationToken);
            double Rmse(int[] idx) => MolecularEvaluation.Rmse(MolecularEvaluation.Predict(model, graphs, idx, scaler), idx.Select(i => labels[i]).ToArray());
            double trainRmse = Rmse(split.Train), idRmse = Rmse(split.IdTest), oodRmse = Rmse(split.OodTest);
            double trainSeconds = sw.Elapsed.TotalSeconds;
            var inner = progress is null ? null : new SynchronousProgress<string>(line => progress.Report($"[{label} / {split.Name}] {spec.Name}: {line}"));
            var analysisResult = MultiScaleAnalysis.Run(model, analysis, options.Analysis with { Seed = spec.Seed }, inner, cancellationToken);
            long parameters = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
            return new MolecularOodRow(label, split.Kind, spec, parameters, split.Train.Length, split.IdTest.Length, split.OodTest.Length,
                trainRmse, idRmse, oodRmse, analysisResult, trainSeconds);
        }
        finally
        {
            model.Dispose();
            foreach (var b in train.Concat(analysis)) { b.Input.Dispose(); b.Target.Dispose(); }
        }
    }
}
