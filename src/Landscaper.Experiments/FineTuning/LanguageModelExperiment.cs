using System.Diagnostics;
using System.Globalization;
using Landscaper.Data;
using Landscaper.Experiments;
using Landscaper.Hessian;
using Landscaper.Language.Bert;
using Landscaper.Language.Data;
using Landscaper.Language.Text;
using Landscaper.Native;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.FineTuning;

/// <summary>
/// Issue 13, "a pre-trained language model's loss landscape during fine-tuning, with a distribution shift": fine-tunes the real
/// all-MiniLM-L6-v2 encoder (<see cref="BertOnnxLoader.LoadMiniLm"/>) with a mean-pooling + linear head on spam / ham e-mails
/// (<see cref="SpamAssassinData"/>), fully (AdamW, linear warm-up and decay) and head-only, and at log-spaced checkpoints measures
/// the in-distribution and shifted test accuracy, λ_max and the Hessian trace over all parameters, and — on the subset "last
/// encoder layer(s) + head" — the top Hessian eigenpairs, the trace and the 2-D / 3-D loss landscapes in the top eigen-directions
/// with their topology (SMAD plain, normalised, weighted; minima).
/// </summary>
/// <remarks>
/// <para>Everything random is seeded: the data subsets and the analysis sample by <see cref="LanguageModelOptions.DataSeed"/>; the
/// head initialisation, the batch order, dropout (libtorch's global generator, re-seeded per run), the Lanczos start and the Hutch++
/// probes by the run's seed. Step 0 (the pre-trained encoder with the seed's fresh head) is the same model for both variants; it is
/// analysed once per seed and reported under each variant.</para>
/// <para>The subset analysis runs on <see cref="BertClassifierTail"/>: the lower layers' output for the analysis batch is computed
/// once per checkpoint, so a grid point or a Hessian-vector product of the subset costs a forward pass of the top layer(s) only.
/// Landscapes use the Python package's scaling relative to ‖θ_subset‖.</para>
/// </remarks>
public static class LanguageModelExperiment
{
    /// <summary>Runs the experiment.</summary>
    /// <param name="data">The e-mails (<see cref="SpamAssassinData.Load()"/>).</param>
    /// <param name="options">Settings (<see cref="LanguageModelOptions.Quick"/>, <see cref="LanguageModelOptions.Full"/>).</param>
    /// <param name="progress">One line per checkpoint and stage (optional).</param>
    /// <param name="cancellationToken">Checked between optimiser steps, analysis stages and grid points.</param>
    /// <returns>One row per seed × variant × checkpoint.</returns>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static LanguageModelResult Run(SpamAssassinData data, LanguageModelOptions options, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        TorchNative.EnsureLoaded();
        var total = Stopwatch.StartNew();
        var tokenizer = BertTextTokenizer.MiniLm();
        var train = Sample(data.Train, options.TrainLimit, options.DataSeed);
        var idTest = Sample(data.Test, options.EvaluationLimit, options.DataSeed + 1);
        var shifted = Sample(data.Shifted, options.EvaluationLimit, options.DataSeed + 2);
        var analysisTexts = Sample(data.Train, options.AnalysisExamples, options.DataSeed + 3);
        var idBatches = EvaluationBatches(tokenizer, idTest, options.MaxLength);
        var shiftedBatches = EvaluationBatches(tokenizer, shifted, options.MaxLength);
        var analysisBatches = TextBatches.Create(tokenizer, analysisTexts, analysisTexts.Count, options.MaxLength);
        var curvatureBatches = TextBatches.Create(tokenizer, analysisTexts.Take(options.AllParameterExamples).ToArray(), options.AllParameterExamples, options.MaxLength);
        progress?.Report($"{train.Count} training, {idTest.Count} ID test, {shifted.Count} shifted test, {analysisTexts.Count} analysis e-mails; {options}");
        var rows = new List<LanguageModelRow>();
        string subsetDescription = "";
        try
        {
            foreach (int seed in options.Seeds)
            {
                LanguageModelRow? start = null;
                foreach (var variant in options.Variants)
                {
                    var run = RunOne(variant, seed, train, tokenizer, idBatches, shiftedBatches, analysisBatches, curvatureBatches, options, start, progress, total,
                        cancellationToken);
                    start ??= run.Rows[0];
                    subsetDescription = run.SubsetDescription;
                    rows.AddRange(run.Rows);
                }
            }
        }
        finally
        {
            foreach (var b in idBatches.Concat(shiftedBatches).Concat(analysisBatches).Concat(curvatureBatches)) { b.Input.Dispose(); b.Target.Dispose(); }
        }
        total.Stop();
        return new LanguageModelResult(rows, options, train.Count, idTest.Count, shifted.Count, subsetDescription, total.Elapsed.TotalSeconds);
    }

    private static (IReadOnlyList<LanguageModelRow> Rows, string SubsetDescription) RunOne(FineTuningVariant variant, int seed,
        IReadOnlyList<LabeledText> train, BertTextTokenizer tokenizer, IReadOnlyList<Batch> idBatches, IReadOnlyList<Batch> shiftedBatches,
        IReadOnlyList<Batch> analysisBatches, IReadOnlyList<Batch> curvatureBatches, LanguageModelOptions options, LanguageModelRow? sharedStart, IProgress<string>? progress,
        Stopwatch total, CancellationToken cancellationToken)
    {
        string name = LanguageModelResult.NameOf(variant);
        random.manual_seed(seed);
        using var model = new BertClassifier(BertOnnxLoader.LoadMiniLm(), 2, options.Dropout, seed);
        var tail = new BertClassifierTail(model, options.TailLayers);
        string subsetDescription = string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(" + ", tail.ClassifierParameterPrefixes.Select(p => p + "*"))} ({tail.parameters().Sum(p => p.numel()):N0} parameters)");
        var trainable = model.named_parameters().Where(p => variant == FineTuningVariant.Full || p.name.StartsWith("head.")).Select(p => p.parameter).ToList();
        double peak = variant == FineTuningVariant.Full ? options.LearningRate : options.HeadLearningRate;
        var checkpoints = options.CheckpointStepsOf(variant);
        int steps = checkpoints[^1];
        var schedule = WarmupLinearSchedule.WithWarmupFraction(peak, options.WarmupFraction, steps);
        using var optimizer = optim.AdamW(trainable, peak, weight_decay: options.WeightDecay);
        var rng = new Random(seed);
        var order = train.ToArray();
        IReadOnlyList<Batch> epochBatches = [];
        int position = 0;
        var rows = new List<LanguageModelRow>();
        var segment = Stopwatch.StartNew();
        double lossSum = 0, lastRate = 0;
        int lossCount = 0, next = 0;
        try
        {
            for (int step = 0; ; step++)
            {
                if (step == checkpoints[next])
                {
                    double trainSeconds = segment.Elapsed.TotalSeconds;
                    var row = step == 0 && sharedStart is not null
                        ? sharedStart with { Variant = variant }
                        : Analyse(model, tail, variant, seed, step, (double)step * options.BatchSize / train.Count, lastRate,
                            lossCount > 0 ? lossSum / lossCount : double.NaN, idBatches, shiftedBatches, analysisBatches, curvatureBatches, options, progress, cancellationToken);
                    row = row with { TrainSeconds = step == 0 ? 0 : trainSeconds };
                    rows.Add(row);
                    progress?.Report(string.Create(CultureInfo.InvariantCulture,
                        $"[{name}, seed {seed}] step {step}: accuracy ID {row.IdAccuracy:F3}, shifted {row.ShiftedAccuracy:F3}; λmax all {row.AllLambdaMax:G3}, subset {row.Subset.LambdaMax:G3}; trace all {row.AllTrace:G3}; SMAD {Describe(row)}; train {row.TrainSeconds:F0} s + analysis {row.AnalysisSeconds:F0} s; {total.Elapsed.TotalMinutes:F1} min so far"));
                    lossSum = 0; lossCount = 0;
                    if (++next == checkpoints.Count) break;
                    segment.Restart();
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (position == epochBatches.Count)
                {
                    Dispose(epochBatches);
                    rng.Shuffle(order);
                    epochBatches = TextBatches.Create(tokenizer, order, options.BatchSize, options.MaxLength);
                    position = 0;
                }
                SetTrainable(model, variant);
                lastRate = schedule.RateAt(step);
                foreach (var group in optimizer.ParamGroups) group.LearningRate = lastRate;
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = BatchLoss.Compute(model, epochBatches[position++]);
                loss.backward();
                optimizer.step();
                double value = loss.to_type(ScalarType.Float64).item<double>();
                if (!double.IsFinite(value))
                    throw new InvalidOperationException($"Fine-tuning diverged ({name}, seed {seed}, step {step}: loss {value}); lower the learning rate.");
                lossSum += value;
                lossCount++;
            }
        }
        finally
        {
            Dispose(epochBatches);
        }
        return (rows, subsetDescription);
    }

    private static LanguageModelRow Analyse(BertClassifier model, BertClassifierTail tail, FineTuningVariant variant, int seed, int step,
        double epoch, double rate, double trainLoss, IReadOnlyList<Batch> idBatches, IReadOnlyList<Batch> shiftedBatches,
        IReadOnlyList<Batch> analysisBatches, IReadOnlyList<Batch> curvatureBatches, LanguageModelOptions options, IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        SetTrainable(model, FineTuningVariant.Full);   // the Hessian is taken over every parameter whatever was trained
        model.eval();
        var id = Trainer.Evaluate(model, idBatches);
        var shifted = Trainer.Evaluate(model, shiftedBatches);
        cancellationToken.ThrowIfCancellationRequested();
        long allCount = model.parameters().Sum(p => p.numel());
        double lambda = double.NaN, residual = double.NaN, trace = double.NaN, traceSe = double.NaN;
        long allHvps = 0;
        if (options.AllParameterCurvature)
        {
            using var scope = NewDisposeScope();
            using var op = HessianOperator.ForModel(model, curvatureBatches);
            var eigen = Lanczos.TopEigenpairs(op, 1, new LanczosOptions(Tolerance: options.AllLanczosTolerance, MaxBasis: options.AllLanczosBasis,
                MaxRestarts: 0, Seed: seed));
            lambda = eigen.Eigenvalues[0];
            residual = eigen.Residuals[0] / Math.Abs(lambda);
            cancellationToken.ThrowIfCancellationRequested();
            var t = TraceEstimator.HutchPlusPlus(op, options.AllTraceBudget, seed);
            trace = t.Value;
            traceSe = t.StandardError;
            allHvps = eigen.Hvps + t.Hvps;
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"  all {allCount:N0} parameters ({options.AllParameterExamples} e-mails): λmax {lambda:G4} (relative residual {residual:G2}, {eigen.Hvps} HVPs), trace {trace:G4} ± {traceSe:G2}"));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var cached = tail.Cache(analysisBatches);
        MultiScaleAnalysisResult subset;
        try
        {
            var inner = progress is null ? null : new SynchronousProgress<string>(line => progress.Report("  subset: " + line));
            subset = MultiScaleAnalysis.Run(tail, cached, options.Analysis with { Seed = seed }, inner, cancellationToken);
        }
        finally
        {
            Dispose(cached);
            model.eval();   // the samplers restore the tail's own (training) flag onto the shared top layers; make the whole classifier consistent again
        }
        long subsetCount = tail.parameters().Sum(p => p.numel());
        sw.Stop();
        return new LanguageModelRow(variant, seed, step, epoch, rate, trainLoss, id.Loss, id.Accuracy, shifted.Loss, shifted.Accuracy,
            allCount, lambda, residual, trace, traceSe, allHvps, subsetCount, subset, 0, sw.Elapsed.TotalSeconds);
    }

    /// <summary>Trains everything (full) or the head only (head-only: encoder frozen and in eval mode, so its dropout is off).</summary>
    private static void SetTrainable(BertClassifier model, FineTuningVariant variant)
    {
        foreach (var (name, p) in model.named_parameters()) p.requires_grad = variant == FineTuningVariant.Full || name.StartsWith("head.");
        model.train();
        if (variant == FineTuningVariant.HeadOnly) model.Encoder.eval();
    }

    private static string Describe(LanguageModelRow row) =>
        string.Join(", ", row.Subset.Landscapes.Select(l => string.Create(CultureInfo.InvariantCulture,
            $"{l.Dimensions}-D@{l.Distance:G3} {l.Summary.Smad.Plain:G3} ({l.Summary.Minima} min)")));

    /// <summary>All of <paramref name="texts"/>, or a seeded random subset of <paramref name="limit"/> of them (in corpus order).</summary>
    internal static IReadOnlyList<LabeledText> Sample(IReadOnlyList<LabeledText> texts, int? limit, int seed) =>
        limit is not int n || n >= texts.Count ? texts : SeededSubset.Indices(texts.Count, n, seed).Select(i => texts[i]).ToArray();

    /// <summary>Evaluation batches of 32 e-mails sorted by token count (less padding; the loss and accuracy do not depend on the order).</summary>
    private static IReadOnlyList<Batch> EvaluationBatches(BertTextTokenizer tokenizer, IReadOnlyList<LabeledText> texts, int maxLength)
    {
        var sorted = texts.OrderBy(t => tokenizer.Encode(t.Text, maxLength).Length).ThenBy(t => t.Id, StringComparer.Ordinal).ToArray();
        return TextBatches.Create(tokenizer, sorted, 32, maxLength);
    }

    private static void Dispose(IReadOnlyList<Batch> batches)
    {
        foreach (var b in batches) { b.Input.Dispose(); b.Target.Dispose(); }
    }
}
