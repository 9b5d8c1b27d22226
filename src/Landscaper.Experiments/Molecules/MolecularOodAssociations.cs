using Deedle;
using Landscaper.Statistics;

namespace Landscaper.Molecules;

/// <summary>Rank associations of every landscape metric (and of ID RMSE, for reference) with OOD RMSE, per label × split
/// population, pooled over architectures and per architecture (<see cref="SpearmanBootstrap"/>: Spearman ρ and the partial ρ given ID
/// RMSE, each with a seeded bootstrap 95 % percentile interval over models).</summary>
public static class MolecularOodAssociations
{
    /// <summary>Populations smaller than this are skipped (a rank correlation of fewer models says nothing).</summary>
    public const int MinimumModels = 4;

    /// <summary>Computes the associations.</summary>
    /// <param name="result">The experiment result.</param>
    /// <param name="resamples">Bootstrap resamples per interval.</param>
    /// <param name="seed">Bootstrap seed (the same for every metric of a population, so their intervals use the same resamples).</param>
    /// <returns>Label, split, subset (all, gin, schnet), then <c>idRmse</c> followed by <see cref="MolecularOodResult.Metrics"/>.
    /// Metrics with a non-finite value in the population are left out.</returns>
    public static IReadOnlyList<OodAssociation> Compute(MolecularOodResult result, int resamples = SpearmanBootstrap.DefaultResamples, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<OodAssociation>();
        var metrics = result.Metrics;
        foreach (var label in result.Labels)
            foreach (var split in result.SplitKinds)
            {
                var population = result.Population(label, split);
                foreach (var subset in new[] { "all", "gin", "schnet" })
                {
                    var rows = subset == "all" ? population : population.Where(r => r.Model.ArchitectureName == subset).ToArray();
                    if (rows.Count < MinimumModels) continue;
                    var ood = rows.Select(r => r.OodRmse).ToArray();
                    var id = rows.Select(r => r.IdRmse).ToArray();
                    list.Add(new OodAssociation(label, split, subset, "idRmse", "ID RMSE", SpearmanBootstrap.SpearmanInterval(id, ood, resamples, seed), null));
                    foreach (var m in metrics)
                    {
                        var x = rows.Select(m.Value).ToArray();
                        if (x.Any(v => !double.IsFinite(v))) continue;
                        list.Add(new OodAssociation(label, split, subset, m.Name, m.Description,
                            SpearmanBootstrap.SpearmanInterval(x, ood, resamples, seed),
                            SpearmanBootstrap.PartialSpearmanInterval(x, ood, id, resamples, seed)));
                    }
                }
            }
        return list;
    }

    /// <summary>The associations as a Deedle frame (columns label, split, subset, metric, n, rho, rhoLow, rhoHigh, partial,
    /// partialLow, partialHigh; NaN where undefined).</summary>
    public static Frame<int, string> ToFrame(IReadOnlyList<OodAssociation> associations)
    {
        ArgumentNullException.ThrowIfNull(associations);
        var keys = Enumerable.Range(0, associations.Count).ToArray();
        Series<int, double> Num(Func<OodAssociation, double> f) => new(keys, associations.Select(f).ToArray());
        Series<int, string> Text(Func<OodAssociation, string> f) => new(keys, associations.Select(f).ToArray());
        return new FrameBuilder.Columns<int, string>
        {
            { "label", Text(a => a.Label) }, { "split", Text(a => a.SplitName) }, { "subset", Text(a => a.Subset) }, { "metric", Text(a => a.Metric) },
            { "n", Num(a => a.Count) },
            { "rho", Num(a => a.Spearman.Estimate) }, { "rhoLow", Num(a => a.Spearman.Lower) }, { "rhoHigh", Num(a => a.Spearman.Upper) },
            { "partial", Num(a => a.Partial?.Estimate ?? double.NaN) }, { "partialLow", Num(a => a.Partial?.Lower ?? double.NaN) },
            { "partialHigh", Num(a => a.Partial?.Upper ?? double.NaN) },
        }.Frame;
    }

    /// <summary>The associations as CSV text (header first, invariant culture, empty cells for NaN).</summary>
    public static string ToCsv(IReadOnlyList<OodAssociation> associations)
    {
        ArgumentNullException.ThrowIfNull(associations);
        static string F(double v) => double.IsNaN(v) ? "" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var sb = new System.Text.StringBuilder("label,split,subset,metric,n,rho,rhoLow,rhoHigh,partial,partialLow,partialHigh\n");
        foreach (var a in associations)
            sb.Append($"{a.Label},{a.SplitName},{a.Subset},{a.Metric},{a.Count},{F(a.Spearman.Estimate)},{F(a.Spearman.Lower)},{F(a.Spearman.Upper)},")
              .Append($"{F(a.Partial?.Estimate ?? double.NaN)},{F(a.Partial?.Lower ?? double.NaN)},{F(a.Partial?.Upper ?? double.NaN)}\n");
        return sb.ToString();
    }
}
