using System.Globalization;
using Landscaper.Experiments;
using Landscaper.Statistics;

namespace Landscaper.FineTuning;

/// <summary>
/// The findings of a <see cref="LanguageModelExperiment"/> run as sentences generated from the rows, each with a check that re-derives
/// what it states by a separate route: accuracy before and after fine-tuning; the first → last change of SMAD, minima and the
/// curvature metrics over seeds (paired bootstrap interval and sign test); the settings where SMAD changes while λ_max and the trace
/// do not; and the rank correlation of SMAD, λ_max, the trace and the ID error with the shifted-set error over all checkpoints.
/// </summary>
/// <remarks>Conventions, fixed before the run: a change needs ≥ 3 seeds and a 95 % bootstrap interval of the mean paired difference
/// that excludes 0; seeds whose value is the same at both ends (e.g. SMAD 0: one basin at both checkpoints) are ties and are counted
/// and named, not taken as evidence. Correlations pool every checkpoint of every seed of a variant (n = seeds × checkpoints) and need
/// ≥ 5 pairs; because training time moves every quantity at once, the partial correlation given the ID error is reported as well.</remarks>
public static class LanguageModelFindings
{
    /// <summary>Fewest seeds for a verdict on a first → last change.</summary>
    public const int MinimumSeeds = 3;

    /// <summary>Fewest pairs for a correlation.</summary>
    public const int MinimumPairs = 5;

    /// <summary>Every finding, per variant in order.</summary>
    public static IReadOnlyList<Finding> All(LanguageModelResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<Finding>();
        int first = result.Steps[0], last = result.Steps[^1];
        foreach (var variant in result.Variants)
        {
            string name = LanguageModelResult.NameOf(variant);
            var rows = result.Of(variant);
            var seeds = rows.Select(r => r.Seed).Distinct().ToArray();
            LanguageModelRow At(int seed, int step) => result.Row(variant, seed, step);

            // 1. Accuracy at the ends (mean ± sd over seeds).
            var idBefore = ExperimentStatistics.MeanSd(seeds.Select(s => At(s, first).IdAccuracy).ToArray());
            var idAfter = ExperimentStatistics.MeanSd(seeds.Select(s => At(s, last).IdAccuracy).ToArray());
            var shBefore = ExperimentStatistics.MeanSd(seeds.Select(s => At(s, first).ShiftedAccuracy).ToArray());
            var shAfter = ExperimentStatistics.MeanSd(seeds.Select(s => At(s, last).ShiftedAccuracy).ToArray());
            list.Add(new Finding(Invariant(
                $"{Cap(name)}, step {first} → {last}: ID accuracy {idBefore.Mean:F3} ± {idBefore.Sd:F3} → {idAfter.Mean:F3} ± {idAfter.Sd:F3}, shifted accuracy {shBefore.Mean:F3} ± {shBefore.Sd:F3} → {shAfter.Mean:F3} ± {shAfter.Sd:F3} (mean ± sd over {seeds.Length} seed(s); {result.IdTestCount} ID and {result.ShiftedCount} shifted test e-mails)."),
                () => Close(rows.Where(r => r.Step == last).Average(r => r.IdAccuracy), idAfter.Mean)
                    && Close(rows.Where(r => r.Step == first).Average(r => r.ShiftedAccuracy), shBefore.Mean)
                    && Close(rows.Where(r => r.Step == last).Average(r => r.ShiftedAccuracy), shAfter.Mean)));

            // 2. First → last change of every metric.
            var changes = new Dictionary<string, PairedChange?>();
            foreach (var metric in result.Metrics)
            {
                var before = seeds.Select(s => metric.Value(At(s, first))).ToArray();
                var after = seeds.Select(s => metric.Value(At(s, last))).ToArray();
                if (before.Concat(after).Any(v => !double.IsFinite(v))) { changes[metric.Name] = null; continue; }
                var change = PairedChange.Of(before, after, seed: 0);
                changes[metric.Name] = seeds.Length >= MinimumSeeds ? change : null;
                if (metric.Name.StartsWith("smadNormalized_") || metric.Name.StartsWith("smadWeighted_")) continue;
                int singleBoth = metric.Name.StartsWith("smad_") ? seeds.Count(s => metric.Value(At(s, first)) == 0 && metric.Value(At(s, last)) == 0) : 0;
                string ties = singleBoth > 0 ? Invariant($"; {singleBoth} of {seeds.Length} seeds have a single basin (SMAD 0) at both checkpoints — ties, not evidence") : "";
                string verdict = seeds.Length >= MinimumSeeds ? change.ToString()
                    : Invariant($"{change.MeanBefore:G3} → {change.MeanAfter:G3} ({seeds.Length} seed(s): fewer than {MinimumSeeds}, no interval and no verdict)");
                list.Add(new Finding(Invariant($"{Cap(name)}, {metric.Description}, step {first} → {last}: {verdict}{ties}."),
                    () => CheckChange(seeds.Select(s => metric.Value(At(s, last)) - metric.Value(At(s, first))).ToArray(), change)));
            }

            // 3. Where SMAD moves and curvature does not (needs verdicts).
            var curvature = result.Metrics.Where(m => m.IsCurvature && m.Name.EndsWith("_all")).ToArray();
            if (curvature.Length == 0) curvature = result.Metrics.Where(m => m.IsCurvature).ToArray();
            var smads = result.Metrics.Where(m => m.Name.StartsWith("smad_")).ToArray();
            if (seeds.Length >= MinimumSeeds && curvature.All(m => changes[m.Name] is not null))
            {
                var curvatureMoves = curvature.Where(m => changes[m.Name]!.Direction != ChangeDirection.NoChange).ToArray();
                var smadMoves = smads.Where(m => changes[m.Name] is { } c && c.Direction != ChangeDirection.NoChange).ToArray();
                string curvatureText = curvatureMoves.Length == 0
                    ? $"neither {string.Join(" nor ", curvature.Select(m => m.Description))} changed clearly"
                    : string.Join("; ", curvatureMoves.Select(m => $"{m.Description} {Word(changes[m.Name]!.Direction)}"));
                string smadText = smadMoves.Length == 0
                    ? "SMAD changed clearly in none of its landscapes"
                    : "SMAD " + string.Join(", ", smadMoves.Select(m => $"{Word(changes[m.Name]!.Direction)} in the {m.Description.Replace("SMAD (plain), ", "")}"));
                string answer = smadMoves.Length > 0 && curvatureMoves.Length == 0
                    ? "so SMAD registers a change that the curvature metrics do not"
                    : smadMoves.Length > 0 ? "so SMAD and the curvature metrics both register a change"
                    : curvatureMoves.Length > 0 ? "so the curvature metrics register a change that SMAD does not" : "so none of them registers a change";
                int smadMoveCount = smadMoves.Length, curvatureMoveCount = curvatureMoves.Length;
                list.Add(new Finding($"{Cap(name)}, step {first} → {last}: {smadText}; {curvatureText} — {answer}.",
                    () => smads.Count(m => changes[m.Name] is { } c && (c.Upper < 0 || c.Lower > 0)) == smadMoveCount
                        && curvature.Count(m => changes[m.Name]!.Upper < 0 || changes[m.Name]!.Lower > 0) == curvatureMoveCount));
            }

            // 4. Tracking the shifted-set error over all checkpoints.
            var shiftedError = rows.Select(r => r.ShiftedError).ToArray();
            var idError = rows.Select(r => r.IdError).ToArray();
            var candidates = new List<LanguageModelMetric> { result.PrimaryMetric };
            candidates.AddRange(smads.Where(m => m.Name != result.PrimaryMetric.Name));
            candidates.AddRange(result.Metrics.Where(m => m.IsCurvature));
            candidates.Add(new LanguageModelMetric("idError", "the ID error", r => r.IdError));
            foreach (var metric in candidates)
            {
                var x = rows.Select(metric.Value).ToArray();
                if (x.Any(v => !double.IsFinite(v))) continue;
                if (rows.Count < MinimumPairs)
                {
                    list.Add(new Finding(Invariant($"{Cap(name)}: {metric.Description} vs shifted-set error — {rows.Count} checkpoints, fewer than {MinimumPairs}: no correlation reported."),
                        () => rows.Count < MinimumPairs));
                    break;
                }
                var rho = RankCorrelation.Of(x, shiftedError, seed: 0);
                int zeros = metric.Name.StartsWith("smad_") ? x.Count(v => v == 0) : 0;
                string zeroText = zeros > 0 ? Invariant($" ({zeros} of {x.Length} values are 0 — single basins — and enter as tied ranks)") : "";
                string partial = "";
                if (metric.Name != "idError" && !double.IsNaN(rho.Rho))
                {
                    var p = SpearmanBootstrap.PartialSpearmanInterval(x, shiftedError, idError);
                    partial = Invariant($"; partial ρ given the ID error {p}");
                }
                string described = rho.Describe(metric.Description, "the shifted-set error", "checkpoints").TrimEnd('.');
                list.Add(new Finding($"{Cap(name)}, {metric.Description} vs shifted-set error over all checkpoints: {described}{zeroText}{partial}.",
                    () => double.IsNaN(rho.Rho) ? double.IsNaN(ExperimentStatistics.Spearman(x, shiftedError))
                        : Close(ExperimentStatistics.Pearson(ExperimentStatistics.AverageRanks(x), ExperimentStatistics.AverageRanks(shiftedError)), rho.Rho)));
            }
        }
        return list;
    }

    /// <summary>All sentences, one per line.</summary>
    public static string Describe(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return string.Join("\n", findings.Select(f => f.Sentence)) + "\n";
    }

    private static bool CheckChange(double[] differences, PairedChange change) =>
        Close(differences.Average(), change.MeanDifference)
        && differences.Count(d => d > 0) == change.Increases && differences.Count(d => d < 0) == change.Decreases
        && change.Lower <= change.MeanDifference + 1e-12 * Math.Abs(change.MeanDifference) && change.MeanDifference <= change.Upper + 1e-12 * Math.Abs(change.MeanDifference);

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string Word(ChangeDirection d) => d == ChangeDirection.Decreased ? "decreased" : d == ChangeDirection.Increased ? "increased" : "did not change clearly";

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
