using System.Globalization;
using System.Text;
using Landscaper.Statistics;

namespace Landscaper.Experiments;

/// <summary>Plain-language conclusions computed from a <see cref="TrainingDynamicsResult"/>: does SMAD decrease during
/// training, does it track the test loss, and where do SMAD and curvature (λ_max) disagree. Every number comes from the
/// rows; all seeds are used.</summary>
public static class TrainingDynamicsFindings
{
    /// <summary>The findings of one architecture.</summary>
    /// <param name="result">The experiment result.</param>
    /// <param name="model">A model name present in the result.</param>
    /// <exception cref="ArgumentException">The model has no rows.</exception>
    public static ModelFindings For(TrainingDynamicsResult result, string model)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows.Where(r => r.Model == model).ToArray();
        if (rows.Length == 0) throw new ArgumentException($"The result has no rows for model '{model}'.", nameof(model));
        var runs = rows.GroupBy(r => r.Seed).Select(g => g.OrderBy(r => r.Step).ToArray()).ToArray();
        int decreased = runs.Count(r => r[^1].Smad < r[0].Smad), increased = runs.Count(r => r[^1].Smad > r[0].Smad);
        int intervals = 0, disagreements = 0, flat = 0;
        foreach (var run in runs)
            for (int i = 1; i < run.Length; i++)
            {
                intervals++;
                double ds = run[i].Smad - run[i - 1].Smad, dl = run[i].LambdaMax - run[i - 1].LambdaMax;
                if (ds != 0 && dl != 0 && Math.Sign(ds) != Math.Sign(dl)) disagreements++;
                if (ds == 0 && Math.Abs(dl) > 0.1 * Math.Abs(run[i - 1].LambdaMax)) flat++;
            }
        double Rho(Func<TrainingDynamicsRow, double> other) =>
            rows.Length < 2 ? double.NaN : ExperimentStatistics.Spearman(rows.Select(r => r.Smad).ToArray(), rows.Select(other).ToArray());
        return new ModelFindings(model, runs.Length,
            ExperimentStatistics.MeanSd(runs.Select(r => r[0].Smad).ToArray()), ExperimentStatistics.MeanSd(runs.Select(r => r[^1].Smad).ToArray()),
            ExperimentStatistics.MeanSd(runs.Select(r => r[0].LambdaMax).ToArray()), ExperimentStatistics.MeanSd(runs.Select(r => r[^1].LambdaMax).ToArray()),
            decreased, increased, Rho(r => r.Step), Rho(r => r.TestLoss), Rho(r => r.LambdaMax), Rho(r => r.Trace),
            intervals, disagreements, flat);
    }

    /// <summary>The findings of every model of <paramref name="result"/>, in order.</summary>
    public static IReadOnlyList<ModelFindings> All(TrainingDynamicsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Models.Select(m => For(result, m)).ToArray();
    }

    /// <summary>One paragraph per model stating, from the numbers, whether SMAD decreased from the first to the last
    /// checkpoint, how it correlates with test loss and curvature, and how often it disagrees with λ_max.</summary>
    public static string Describe(IReadOnlyList<ModelFindings> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var sb = new StringBuilder();
        foreach (var f in findings)
        {
            string trend = f.SeedsSmadDecreased == f.Seeds ? "decreased in every seed"
                : f.SeedsSmadIncreased == f.Seeds ? "increased in every seed"
                : f.SeedsSmadDecreased == 0 && f.SeedsSmadIncreased == 0 ? "did not change in any seed"
                : $"decreased in {f.SeedsSmadDecreased} and increased in {f.SeedsSmadIncreased} of {f.Seeds} seeds (no consistent trend)";
            sb.Append(CultureInfo.InvariantCulture, $"{f.Model}: SMAD went from {f.SmadFirst.Mean:G3} ± {f.SmadFirst.Sd:G2} at step 0 to ")
              .Append(CultureInfo.InvariantCulture, $"{f.SmadLast.Mean:G3} ± {f.SmadLast.Sd:G2} at the last checkpoint — it {trend}; ")
              .Append(CultureInfo.InvariantCulture, $"λ_max went from {f.LambdaMaxFirst.Mean:G3} to {f.LambdaMaxLast.Mean:G3}. ")
              .Append($"Spearman ρ(SMAD, test loss) = {Rho(f.SpearmanSmadTestLoss)}, ρ(SMAD, step) = {Rho(f.SpearmanSmadStep)}, ")
              .Append($"ρ(SMAD, λ_max) = {Rho(f.SpearmanSmadLambdaMax)}, ρ(SMAD, trace) = {Rho(f.SpearmanSmadTrace)}. ")
              .Append(CultureInfo.InvariantCulture, $"SMAD and λ_max moved in opposite directions in {f.Disagreements} of {f.Intervals} checkpoint intervals; ")
              .Append(CultureInfo.InvariantCulture, $"SMAD stayed flat while λ_max changed by > 10 % in {f.SmadFlatCurvatureMoves}.")
              .Append('\n');
        }
        int runs = findings.Sum(f => f.Seeds), down = findings.Sum(f => f.SeedsSmadDecreased), up = findings.Sum(f => f.SeedsSmadIncreased);
        int intervals = findings.Sum(f => f.Intervals), disagree = findings.Sum(f => f.Disagreements);
        sb.Append(CultureInfo.InvariantCulture, $"Overall: SMAD was lower at the last checkpoint than at step 0 in {down} of {runs} runs and higher in {up}; ")
          .Append(CultureInfo.InvariantCulture, $"SMAD and λ_max moved in opposite directions in {disagree} of {intervals} checkpoint intervals.\n");
        return sb.ToString();
    }

    private static string Rho(double rho) => double.IsNaN(rho) ? "undefined (a constant series)" : rho.ToString("+0.00;-0.00", CultureInfo.InvariantCulture);
}
