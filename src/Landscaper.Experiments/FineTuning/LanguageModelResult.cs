using System.Globalization;
using Deedle;
using Landscaper.Experiments;
using Landscaper.Frames;
using Landscaper.Statistics;

namespace Landscaper.FineTuning;

/// <summary>All rows of a <see cref="LanguageModelExperiment"/> run (one per variant × seed × checkpoint) and its settings. Immutable.</summary>
/// <param name="Rows">Rows ordered by seed, variant (as listed in the options), then step.</param>
/// <param name="Options">The options of the run.</param>
/// <param name="TrainCount">Training e-mails used.</param>
/// <param name="IdTestCount">In-distribution test e-mails used.</param>
/// <param name="ShiftedCount">Shifted test e-mails used.</param>
/// <param name="SubsetDescription">The subset's parameters, e.g. "bert.encoder.layer.5.* + head.* (1,775,234 parameters)".</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record LanguageModelResult(IReadOnlyList<LanguageModelRow> Rows, LanguageModelOptions Options, int TrainCount, int IdTestCount,
    int ShiftedCount, string SubsetDescription, double Seconds)
{
    /// <summary>Variants in order.</summary>
    public IReadOnlyList<FineTuningVariant> Variants => Rows.Select(r => r.Variant).Distinct().ToArray();

    /// <summary>Seeds in order.</summary>
    public IReadOnlyList<int> Seeds => Rows.Select(r => r.Seed).Distinct().ToArray();

    /// <summary>Checkpoint steps of full fine-tuning (the head-only variant may have fewer; same first and last).</summary>
    public IReadOnlyList<int> Steps => Options.CheckpointSteps;

    /// <summary>Checkpoint steps of <paramref name="variant"/>.</summary>
    public IReadOnlyList<int> StepsOf(FineTuningVariant variant) => Options.CheckpointStepsOf(variant);

    /// <summary>The rows of one variant.</summary>
    public IReadOnlyList<LanguageModelRow> Of(FineTuningVariant variant) => Rows.Where(r => r.Variant == variant).ToArray();

    /// <summary>The row of a variant, seed and step.</summary>
    /// <exception cref="ArgumentException">No such row.</exception>
    public LanguageModelRow Row(FineTuningVariant variant, int seed, int step) =>
        Rows.FirstOrDefault(r => r.Variant == variant && r.Seed == seed && r.Step == step)
        ?? throw new ArgumentException($"No row for {variant}, seed {seed}, step {step}.");

    /// <summary>Display name of a variant: "full fine-tuning" or "head only".</summary>
    public static string NameOf(FineTuningVariant variant) => variant == FineTuningVariant.Full ? "full fine-tuning" : "head only";

    /// <summary>The landscape metrics (SMAD plain, normalised, weighted and minima for every subset landscape), then the curvature metrics
    /// (λ_max and trace over all parameters when computed, and over the subset).</summary>
    public IReadOnlyList<LanguageModelMetric> Metrics
    {
        get
        {
            var list = SmadColumns.For(Options.Analysis, withMinima: true)
                .Select(c => new LanguageModelMetric(c.Name, c.Description, r => c.Of(r.Subset))).ToList();
            if (Options.AllParameterCurvature)
            {
                list.Add(new("lambdaMax_all", "λ_max (all parameters)", r => r.AllLambdaMax, true));
                list.Add(new("trace_all", "Hessian trace (all parameters, Hutch++)", r => r.AllTrace, true));
            }
            list.Add(new("lambdaMax_subset", "λ_max (subset)", r => r.Subset.LambdaMax, true));
            list.Add(new("trace_subset", "Hessian trace (subset, Hutch++)", r => r.Subset.Trace, true));
            return list;
        }
    }

    /// <summary>The metric fixed before the run as the primary one: plain SMAD of the 2-D landscape at the first distance.</summary>
    public LanguageModelMetric PrimaryMetric => Metrics[0];

    /// <summary>A metric by column name.</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public LanguageModelMetric Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"Unknown metric '{name}'. Metrics: {string.Join(", ", Metrics.Select(m => m.Name))}.", nameof(name));

    /// <summary>Mean and sd over seeds of <paramref name="value"/> at every checkpoint step of <paramref name="variant"/>.</summary>
    public IReadOnlyList<(int Step, MeanSd Value)> Curve(FineTuningVariant variant, Func<LanguageModelRow, double> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return StepsOf(variant).Select(step => (step, ExperimentStatistics.MeanSd(Of(variant).Where(r => r.Step == step).Select(value).ToArray()))).ToArray();
    }

    /// <summary>The table: one row per variant × seed × checkpoint.</summary>
    public Table<LanguageModelRow> Table()
    {
        var columns = new List<Column<LanguageModelRow>>
        {
            Column<LanguageModelRow>.OfText("variant", r => r.Variant == FineTuningVariant.Full ? "full" : "head-only"),
            Column<LanguageModelRow>.Of("seed", r => r.Seed),
            Column<LanguageModelRow>.Of("step", r => r.Step),
            Column<LanguageModelRow>.Of("epoch", r => r.Epoch),
            Column<LanguageModelRow>.Of("learningRate", r => r.LearningRate),
            Column<LanguageModelRow>.Of("trainLoss", r => r.TrainLoss),
            Column<LanguageModelRow>.Of("idLoss", r => r.IdLoss),
            Column<LanguageModelRow>.Of("idAccuracy", r => r.IdAccuracy),
            Column<LanguageModelRow>.Of("shiftedLoss", r => r.ShiftedLoss),
            Column<LanguageModelRow>.Of("shiftedAccuracy", r => r.ShiftedAccuracy),
            Column<LanguageModelRow>.Of("allParameters", r => r.AllParameters),
            Column<LanguageModelRow>.Of("subsetParameters", r => r.SubsetParameters),
        };
        foreach (var m in Metrics) columns.Add(Column<LanguageModelRow>.Of(m.Name, m.Value));
        int k = Rows.Count == 0 ? 0 : Rows.Max(r => r.Subset.Eigenvalues.Count);
        for (int i = 0; i < k; i++)
        {
            int j = i;
            columns.Add(Column<LanguageModelRow>.Of($"lambda{j + 1}_subset", r => j < r.Subset.Eigenvalues.Count ? r.Subset.Eigenvalues[j] : double.NaN));
        }
        columns.AddRange(
        [
            Column<LanguageModelRow>.Of("lambdaResidual_all", r => r.AllLambdaResidual),
            Column<LanguageModelRow>.Of("traceStderr_all", r => r.AllTraceStderr),
            Column<LanguageModelRow>.Of("hvps_all", r => r.AllHvps),
            Column<LanguageModelRow>.Of("eigenConverged_subset", r => r.Subset.EigenConverged ? 1 : 0),
            Column<LanguageModelRow>.Of("traceStderr_subset", r => r.Subset.TraceStderr),
            Column<LanguageModelRow>.Of("hvps_subset", r => r.Subset.Hvps),
            Column<LanguageModelRow>.Of("analysisLoss", r => r.Subset.Landscapes.Count > 0 ? r.Subset.Landscapes[0].Summary.CentreLoss : double.NaN),
            Column<LanguageModelRow>.Of("trainSeconds", r => r.TrainSeconds),
            Column<LanguageModelRow>.Of("analysisSeconds", r => r.AnalysisSeconds),
        ]);
        return new Table<LanguageModelRow>(Rows, columns);
    }

    /// <summary>The table as a Deedle frame.</summary>
    public Frame<int, string> Frame() => Table().ToFrame();

    /// <summary>Writes the table as CSV (atomically).</summary>
    /// <returns>The full path.</returns>
    public string Save(string path) => Table().Save(path);
}
