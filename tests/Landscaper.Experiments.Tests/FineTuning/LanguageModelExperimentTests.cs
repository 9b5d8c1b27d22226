using System.Globalization;
using Landscaper.Experiments;
using Landscaper.FineTuning;
using Landscaper.Hessian;
using Landscaper.Language.Data;
using Landscaper.Native;

namespace Landscaper.Tests.FineTuning;

/// <summary>A tiny end-to-end run of the language-model experiment (real MiniLM, a few e-mails, 1 step): the rows, the shared step 0,
/// the table, the findings and the option checks.</summary>
[Collection("torch-serial")]
public class LanguageModelExperimentTests
{
    private static readonly Lazy<LanguageModelResult> Tiny = new(() =>
    {
        TorchRuntime.Initialize(threads: 2);
        var options = LanguageModelOptions.Quick with
        {
            Seeds = [0, 1],
            Variants = [FineTuningVariant.Full, FineTuningVariant.HeadOnly],
            CheckpointSteps = [0, 1],
            BatchSize = 4,
            MaxLength = 16,
            TrainLimit = 16,
            EvaluationLimit = 8,
            AnalysisExamples = 2,
            AllParameterExamples = 2,
            AllParameterCurvature = true,
            AllLanczosBasis = 3,
            AllTraceBudget = 6,
            Analysis = new MultiScaleAnalysisOptions(TopK: 3, Steps2D: 5, Steps3D: 3, Distances: [0.05, 0.2], TraceBudget: 6,
                Lanczos: new LanczosOptions(Tolerance: 1e-2), Steps3DDistances: [0.05]),
        };
        return LanguageModelExperiment.Run(SpamAssassinData.Load(), options);
    });

    [Fact]
    public void Every_seed_variant_and_checkpoint_has_finite_accuracy_curvature_and_landscapes()
    {
        var r = Tiny.Value;
        Assert.Equal(2 * 2 * 2, r.Rows.Count);
        Assert.Equal((16, 8, 8), (r.TrainCount, r.IdTestCount, r.ShiftedCount));
        Assert.Contains("bert.encoder.layer.5.* + head.*", r.SubsetDescription);
        foreach (var row in r.Rows)
        {
            Assert.InRange(row.IdAccuracy, 0, 1);
            Assert.InRange(row.ShiftedAccuracy, 0, 1);
            Assert.True(double.IsFinite(row.AllLambdaMax) && row.AllLambdaMax > 0, $"λmax {row.AllLambdaMax}");
            Assert.True(double.IsFinite(row.AllTrace));
            Assert.True(row.Subset.LambdaMax > 0, $"subset λmax {row.Subset.LambdaMax}");
            Assert.Equal(22_566_146, row.AllParameters);   // MiniLM without its pooler (22,565,376) + the head (384 × 2 + 2)
            Assert.Equal(1_775_234, row.SubsetParameters); // layer 5 (1,774,464) + the head
            Assert.Equal(3, row.Subset.Landscapes.Count);   // 2-D at 0.05 and 0.2, 3-D at 0.05
            Assert.All(row.Subset.Landscapes, l => Assert.True(double.IsFinite(l.Summary.Smad.Plain) && l.Summary.Minima >= 1));
            Assert.Equal(row.Step == 0, double.IsNaN(row.TrainLoss));
        }
        // Step 0 is the same model for both variants of a seed; afterwards the variants differ.
        foreach (int seed in new[] { 0, 1 })
        {
            var a = r.Row(FineTuningVariant.Full, seed, 0);
            var b = r.Row(FineTuningVariant.HeadOnly, seed, 0);
            Assert.Equal(a.AllLambdaMax, b.AllLambdaMax);
            Assert.Equal(a.IdLoss, b.IdLoss);
            Assert.NotEqual(r.Row(FineTuningVariant.Full, seed, 1).IdLoss, r.Row(FineTuningVariant.HeadOnly, seed, 1).IdLoss);
            Assert.NotEqual(a.IdLoss, r.Row(FineTuningVariant.Full, seed, 1).IdLoss);
        }
        // Different seeds start from different heads.
        Assert.NotEqual(r.Row(FineTuningVariant.Full, 0, 0).IdLoss, r.Row(FineTuningVariant.Full, 1, 0).IdLoss);
    }

    [Fact]
    public void The_table_has_one_row_per_checkpoint_and_the_findings_check_out()
    {
        var r = Tiny.Value;
        var table = r.Table();
        string csv = table.ToCsv();
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + r.Rows.Count, lines.Length);
        var header = lines[0].Split(',');
        foreach (string column in new[] { "variant", "seed", "step", "idAccuracy", "shiftedAccuracy", "smad_2d_0.05", "smadNormalized_2d_0.05",
                     "smadWeighted_3d_0.05", "smad_2d_0.2", "lambdaMax_all", "trace_all", "lambdaMax_subset", "trace_subset", "lambda3_subset" })
            Assert.Contains(column, header);
        Assert.DoesNotContain("smad_3d_0.2", header);
        var frame = r.Frame();
        Assert.Equal(r.Rows.Count, frame.RowCount);
        Assert.Equal(r.Rows[5].ShiftedAccuracy, frame.GetColumn<double>("shiftedAccuracy").GetAt(5));

        var findings = LanguageModelFindings.All(r);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.Check(), f.Sentence));
        // Two seeds: no verdicts; 4 checkpoints per variant (< 5): no correlations.
        Assert.Contains(findings, f => f.Sentence.Contains("fewer than 3, no interval and no verdict"));
        Assert.Contains(findings, f => f.Sentence.Contains("fewer than 5: no correlation reported"));
        Assert.DoesNotContain(findings, f => f.Sentence.Contains("Spearman"));
        Assert.DoesNotContain(findings, f => f.Sentence.Contains(" — so "));
    }

    [Fact]
    public void With_three_seeds_the_findings_give_verdicts_and_correlations_that_check_out()
    {
        // Three seeds built from the tiny run's rows with chosen accuracies and curvature: λ_max rises by 10 ± 1 in every seed, the
        // shifted accuracy rises, so the changes and correlations have known signs.
        var r = Tiny.Value;
        var rows = new List<LanguageModelRow>();
        foreach (int seed in new[] { 0, 1, 2 })
            foreach (var variant in new[] { FineTuningVariant.Full, FineTuningVariant.HeadOnly })
                foreach (int step in new[] { 0, 1 })
                {
                    var source = r.Row(variant, seed % 2, step);
                    rows.Add(source with
                    {
                        Seed = seed,
                        AllLambdaMax = 20 + step * (10 + seed),
                        ShiftedAccuracy = 0.5 + 0.1 * step + 0.01 * seed,
                        IdAccuracy = 0.6 + 0.2 * step,
                    });
                }
        var three = r with { Rows = rows, Options = r.Options with { Seeds = [0, 1, 2] } };
        var findings = LanguageModelFindings.All(three);
        Assert.All(findings, f => Assert.True(f.Check(), f.Sentence));
        Assert.Contains(findings, f => f.Sentence.StartsWith("Full fine-tuning, λ_max (all parameters), step 0 → 1: increased: 11 ["));
        Assert.Contains(findings, f => f.Sentence.Contains(" — so "));
        var rho = findings.Single(f => f.Sentence.StartsWith("Full fine-tuning, λ_max (all parameters) vs shifted-set error"));
        Assert.Contains("Spearman ρ = -0.94", rho.Sentence);   // ranks by hand: −15.5/√(15.5 · 17.5) (three tied λ_max at step 0)
        Assert.Contains("partial ρ given the ID error", rho.Sentence);
        Assert.EndsWith("].", rho.Sentence);
        Assert.DoesNotContain(".;", rho.Sentence);
        // Every sentence once (the primary metric is not listed twice).
        Assert.Equal(findings.Count, findings.Select(f => f.Sentence).Distinct().Count());
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_field()
    {
        var q = LanguageModelOptions.Quick;
        foreach (var (bad, field) in new (LanguageModelOptions, string)[]
                 {
                     (q with { CheckpointSteps = [1, 5] }, "CheckpointSteps"), (q with { CheckpointSteps = [0, 5, 5] }, "CheckpointSteps"),
                     (q with { Seeds = [] }, "Seeds"), (q with { LearningRate = 0 }, "LearningRate"), (q with { TailLayers = 7 }, "TailLayers"),
                     (q with { AllTraceBudget = 2 }, "AllTraceBudget"), (q with { MaxLength = 600 }, "MaxLength"),
                 })
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => bad.Validate());
            Assert.Contains(field, ex.Message);
        }
        LanguageModelOptions.Quick.Validate();
        LanguageModelOptions.Full.Validate();
        Assert.Equal(146, (int)Math.Ceiling(2325 / 16.0));
        Assert.Equal(146, LanguageModelOptions.Full.CheckpointSteps[^1]);
    }

    [Fact]
    public void The_seeded_sample_is_a_subset_in_corpus_order_and_reproducible()
    {
        var data = SpamAssassinData.Load();
        var a = LanguageModelExperiment.Sample(data.Train, 50, 3);
        var b = LanguageModelExperiment.Sample(data.Train, 50, 3);
        Assert.Equal(a.Select(t => t.Id), b.Select(t => t.Id));
        Assert.Equal(50, a.Select(t => t.Id).Distinct().Count());
        var positions = a.Select(t => data.Train.ToList().IndexOf(t)).ToArray();
        Assert.Equal(positions.Order(), positions);
        Assert.Same(data.Train, LanguageModelExperiment.Sample(data.Train, null, 3));
    }
}
