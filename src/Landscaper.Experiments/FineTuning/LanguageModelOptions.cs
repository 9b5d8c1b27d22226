using System.Globalization;
using Landscaper.Experiments;
using Landscaper.Hessian;

namespace Landscaper.FineTuning;

/// <summary>Settings of <see cref="LanguageModelExperiment.Run"/>. Immutable; use <c>with</c> to vary.</summary>
/// <param name="Seeds">One fine-tuning run per seed and variant (head initialisation, batch order, dropout, Lanczos start, Hutch++ probes).</param>
/// <param name="Variants">Full fine-tuning and/or head-only.</param>
/// <param name="CheckpointSteps">Optimiser steps at which the model is evaluated and analysed, strictly ascending, starting with 0 (the
/// pre-trained encoder with a fresh head); the last is the length of the run.</param>
/// <param name="BatchSize">E-mails per optimiser step.</param>
/// <param name="MaxLength">Tokens per e-mail ([CLS] and [SEP] included).</param>
/// <param name="LearningRate">Peak AdamW rate of full fine-tuning.</param>
/// <param name="HeadLearningRate">Peak AdamW rate of the head-only variant.</param>
/// <param name="WarmupFraction">Linear warm-up as a fraction of the run, then linear decay to 0 (<see cref="Training.WarmupLinearSchedule"/>).</param>
/// <param name="WeightDecay">Decoupled AdamW weight decay.</param>
/// <param name="Dropout">Dropout before the head (the encoder's own dropout rates are those of its configuration).</param>
/// <param name="TrainLimit">Use a seeded random subset of this many training e-mails (null: all 2,325).</param>
/// <param name="EvaluationLimit">Evaluate on seeded random subsets of this many e-mails of the ID test and of the shifted test set (null: all).</param>
/// <param name="AnalysisExamples">Training e-mails (a fixed seeded sample, one batch) on which the Hessian and the landscapes are computed.</param>
/// <param name="TailLayers">The "subset": the last this-many encoder layers plus the head (<see cref="Language.Bert.BertClassifierTail"/>).</param>
/// <param name="AllParameterCurvature">Also compute λ_max and the trace over all parameters (expensive: 2–4 s per product on 8–16 e-mails here).</param>
/// <param name="AllParameterExamples">The first this-many e-mails of the analysis sample carry the all-parameter curvature (≤ AnalysisExamples).</param>
/// <param name="AllLanczosBasis">Largest Lanczos basis (= most products) for λ_max over all parameters; no restarts.</param>
/// <param name="AllLanczosTolerance">Relative residual at which λ_max over all parameters counts as converged.</param>
/// <param name="AllTraceBudget">Hutch++ products for the trace over all parameters (≥ 6).</param>
/// <param name="Analysis">Subset curvature and landscapes: top-k (Lanczos), trace budget, 2-D and 3-D grids in the top eigen-directions of
/// the subset, distances relative to ‖θ_subset‖ (Python-compatible scaling).</param>
/// <param name="DataSeed">Seed of the subsets and of the analysis sample.</param>
/// <param name="HeadOnlyCheckpointSteps">Checkpoints of the head-only variant (same rules, same first and last step as
/// <paramref name="CheckpointSteps"/>), or null for the same checkpoints as full fine-tuning.</param>
public sealed record LanguageModelOptions(
    IReadOnlyList<int> Seeds,
    IReadOnlyList<FineTuningVariant> Variants,
    IReadOnlyList<int> CheckpointSteps,
    MultiScaleAnalysisOptions Analysis,
    int BatchSize = 16,
    int MaxLength = 64,
    double LearningRate = 5e-5,
    double HeadLearningRate = 1e-3,
    double WarmupFraction = 0.1,
    double WeightDecay = 0.01,
    double Dropout = 0.1,
    int? TrainLimit = null,
    int? EvaluationLimit = null,
    int AnalysisExamples = 16,
    int TailLayers = 1,
    bool AllParameterCurvature = true,
    int AllParameterExamples = 8,
    int AllLanczosBasis = 16,
    double AllLanczosTolerance = 1e-2,
    int AllTraceBudget = 9,
    int DataSeed = 0,
    IReadOnlyList<int>? HeadOnlyCheckpointSteps = null)
{
    /// <summary>The checkpoint steps of <paramref name="variant"/>.</summary>
    public IReadOnlyList<int> CheckpointStepsOf(FineTuningVariant variant) =>
        variant == FineTuningVariant.HeadOnly && HeadOnlyCheckpointSteps is { } h ? h : CheckpointSteps;

    /// <summary>Quick mode (about a minute on 2 cores; shows the pipeline works, its numbers are not evidence): seed 0, full fine-tuning,
    /// steps 0 and 6 on 96 training e-mails in batches of 8, 32 e-mails per test set, 8 analysis e-mails, subset curvature only, 2-D 7²
    /// and 3-D 5³ grids at distance 0.05.</summary>
    public static LanguageModelOptions Quick { get; } = new(
        Seeds: [0],
        Variants: [FineTuningVariant.Full],
        CheckpointSteps: [0, 6],
        Analysis: new MultiScaleAnalysisOptions(TopK: 3, Steps2D: 7, Steps3D: 5, Distances: [0.05], TraceBudget: 6, Lanczos: new LanczosOptions(Tolerance: 1e-2)),
        BatchSize: 8,
        TrainLimit: 96,
        EvaluationLimit: 32,
        AnalysisExamples: 8,
        AllParameterCurvature: false);

    /// <summary>Full mode (about 65 min on 2 cores): seeds 0, 1, 2; one epoch over all 2,325 training e-mails in batches of 16 (146 steps);
    /// full fine-tuning with checkpoints at steps 0, 5, 15, 45 and 146, head-only at 0, 15 and 146; 300 seeded e-mails of each test set;
    /// 16 analysis e-mails (the first 8 of them for the all-parameter curvature: λ_max from at most 6 Lanczos products, the trace from
    /// 6 Hutch++ products); 2-D 11² grids at distances 0.05, 0.01 and 0.2 and a 3-D 7³ grid at 0.05.</summary>
    public static LanguageModelOptions Full { get; } = new(
        Seeds: [0, 1, 2],
        Variants: [FineTuningVariant.Full, FineTuningVariant.HeadOnly],
        CheckpointSteps: [0, 5, 15, 45, 146],
        Analysis: new MultiScaleAnalysisOptions(TopK: 3, Steps2D: 11, Steps3D: 7, Distances: [0.05, 0.01, 0.2], TraceBudget: 12,
            Lanczos: new LanczosOptions(Tolerance: 1e-2), Steps3DDistances: [0.05]),
        BatchSize: 16,
        EvaluationLimit: 300,
        AllLanczosBasis: 6,
        AllTraceBudget: 6,
        HeadOnlyCheckpointSteps: [0, 15, 146]);

    /// <summary>Short description, e.g. "3 seeds × 2 variants, steps 0, 5, 15, 45, 146, batch 16".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Seeds.Count} seed(s) × {Variants.Count} variant(s), steps {string.Join(", ", CheckpointSteps)}{(HeadOnlyCheckpointSteps is { } h && Variants.Contains(FineTuningVariant.HeadOnly) ? $" (head only: {string.Join(", ", h)})" : "")}, batch {BatchSize}, {MaxLength} tokens");

    /// <summary>Checks every field; throws naming the first bad one.</summary>
    /// <exception cref="ArgumentException">A field is out of range or inconsistent.</exception>
    public void Validate(string paramName = "options")
    {
        ArgumentNullException.ThrowIfNull(Seeds, paramName);
        ArgumentNullException.ThrowIfNull(Variants, paramName);
        ArgumentNullException.ThrowIfNull(CheckpointSteps, paramName);
        ArgumentNullException.ThrowIfNull(Analysis, paramName);
        if (Seeds.Count == 0 || Seeds.Distinct().Count() != Seeds.Count) throw new ArgumentException("Seeds: at least one, no repeats.", paramName);
        if (Variants.Count == 0 || Variants.Distinct().Count() != Variants.Count) throw new ArgumentException("Variants: at least one, no repeats.", paramName);
        foreach (var (name, steps) in new[] { ("CheckpointSteps", CheckpointSteps), ("HeadOnlyCheckpointSteps", HeadOnlyCheckpointSteps) })
        {
            if (steps is null) continue;
            if (steps.Count < 2 || steps[0] != 0)
                throw new ArgumentException($"{name}: at least two, the first 0 (the pre-trained encoder with a fresh head).", paramName);
            for (int i = 1; i < steps.Count; i++)
                if (steps[i] <= steps[i - 1]) throw new ArgumentException($"{name} must be strictly ascending.", paramName);
        }
        if (HeadOnlyCheckpointSteps is { } head && head[^1] != CheckpointSteps[^1])
            throw new ArgumentException("HeadOnlyCheckpointSteps must end at the same step as CheckpointSteps (the same run length).", paramName);
        if (BatchSize < 1) throw new ArgumentException("BatchSize must be ≥ 1.", paramName);
        if (MaxLength < 3 || MaxLength > 512) throw new ArgumentException("MaxLength must be in 3 … 512.", paramName);
        foreach (var (name, rate) in new[] { ("LearningRate", LearningRate), ("HeadLearningRate", HeadLearningRate) })
            if (!(rate > 0) || !double.IsFinite(rate)) throw new ArgumentException($"{name} must be finite and > 0.", paramName);
        if (!(WarmupFraction >= 0 && WarmupFraction <= 1)) throw new ArgumentException("WarmupFraction must be in [0, 1].", paramName);
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) throw new ArgumentException("WeightDecay must be finite and ≥ 0.", paramName);
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentException("Dropout must be in [0, 1).", paramName);
        if (TrainLimit is < 1) throw new ArgumentException("TrainLimit must be ≥ 1 (or null for all).", paramName);
        if (EvaluationLimit is < 1) throw new ArgumentException("EvaluationLimit must be ≥ 1 (or null for all).", paramName);
        if (AnalysisExamples < 1) throw new ArgumentException("AnalysisExamples must be ≥ 1.", paramName);
        if (AllParameterExamples < 1 || AllParameterExamples > AnalysisExamples)
            throw new ArgumentException("AllParameterExamples must be in 1 … AnalysisExamples.", paramName);
        if (TailLayers < 0 || TailLayers > 6) throw new ArgumentException("TailLayers must be in 0 … 6 (MiniLM has 6 layers).", paramName);
        if (AllLanczosBasis < 2) throw new ArgumentException("AllLanczosBasis must be ≥ 2.", paramName);
        if (!(AllLanczosTolerance > 0 && AllLanczosTolerance < 1)) throw new ArgumentException("AllLanczosTolerance must be in (0, 1).", paramName);
        if (AllTraceBudget < 6) throw new ArgumentException("AllTraceBudget must be ≥ 6.", paramName);
        Analysis.Validate(paramName);
    }
}
