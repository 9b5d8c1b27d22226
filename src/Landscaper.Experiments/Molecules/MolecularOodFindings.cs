using System.Globalization;
using Landscaper.Statistics;
using Landscaper.Experiments;

namespace Landscaper.Molecules;

/// <summary>
/// Plain-language findings generated from a <see cref="MolecularOodResult"/> and its <see cref="MolecularOodAssociations"/>,
/// whatever the numbers say: errors per population, the primary metric's Spearman ρ and partial ρ (given ID RMSE) with intervals,
/// the reference association of ID with OOD error, λ_max and trace, a count over all SMAD variants against the count expected by
/// chance, and an answer per label. Every sentence comes with a check (<see cref="Finding.Check"/>).
/// </summary>
public static class MolecularOodFindings
{
    private const double Rounding = 5e-4;

    /// <summary>The unit of a label's RMSE ("eV", "D", or "" for dimensionless or unknown labels).</summary>
    public static string Unit(string label) => label switch
    {
        "homo_lumo_gap_ev" => "eV",
        "dipole_debye" => "D",
        "tpsa" => "Å²",
        "energy_hartree" => "Eh",
        _ => "",
    };

    /// <summary>All findings, population by population, then the summary count and the answers.</summary>
    public static IReadOnlyList<Finding> All(MolecularOodResult result, IReadOnlyList<OodAssociation> associations)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(associations);
        var findings = new List<Finding>();
        var primary = result.PrimaryMetric;
        foreach (var label in result.Labels)
        {
            string unit = Unit(label) is { Length: > 0 } u ? " " + u : "";
            foreach (var split in result.SplitKinds)
            {
                var rows = result.Population(label, split);
                string where = $"{label}, {Name(split)} split ({rows.Count} models)";
                var ood = rows.Select(r => r.OodRmse).ToArray();
                var id = rows.Select(r => r.IdRmse).ToArray();
                var oodMs = ExperimentStatistics.MeanSd(ood);
                var idMs = ExperimentStatistics.MeanSd(id);
                int worse = rows.Count(r => r.OodRmse > r.IdRmse);
                findings.Add(new Finding(
                    F($"{where}: OOD RMSE {oodMs.Mean:G3} ± {oodMs.Sd:G2}{unit} vs ID RMSE {idMs.Mean:G3} ± {idMs.Sd:G2}{unit} (mean ± sd over models); the OOD error exceeded the ID error for {worse} of {rows.Count} models."),
                    () => rows.Count(r => r.OodRmse > r.IdRmse) == worse && Near(ood.Average(), oodMs.Mean) && Near(id.Average(), idMs.Mean)));

                var a = Find(associations, label, split, "all", primary.Name);
                if (a is not null)
                {
                    var x = rows.Select(primary.Value).ToArray();
                    string says = Wording(a.Spearman, "higher SMAD went with higher OOD error", "higher SMAD went with lower OOD error", "no association detectable with this many models");
                    findings.Add(new Finding(
                        F($"{where}: {primary.Description} vs OOD RMSE: Spearman ρ = {a.Spearman}; {says}."),
                        () => Near(ExperimentStatistics.Spearman(x, ood), a.Spearman.Estimate, Rounding)
                              && Wording(SpearmanBootstrap.SpearmanInterval(x, ood, a.Spearman.Resamples, a.Spearman.Seed), "higher SMAD went with higher OOD error", "higher SMAD went with lower OOD error", "no association detectable with this many models") == says));
                    var p = a.Partial!;
                    const string Plus = "SMAD carries information about OOD error beyond ID error (higher SMAD, higher OOD error)";
                    const string Minus = "SMAD carries information about OOD error beyond ID error (higher SMAD, lower OOD error)";
                    const string None = "no information beyond ID error detectable";
                    string partialSays = Wording(p, Plus, Minus, None);
                    findings.Add(new Finding(
                        F($"{where}: given ID RMSE, partial ρ(SMAD, OOD RMSE) = {p}; {partialSays}."),
                        () => NearOrBothNaN(PartialFromFormula(x, ood, id), p.Estimate)
                              && Wording(SpearmanBootstrap.PartialSpearmanInterval(x, ood, id, p.Resamples, p.Seed), Plus, Minus, None) == partialSays));
                }
                var reference = Find(associations, label, split, "all", "idRmse");
                if (reference is not null)
                    findings.Add(new Finding(
                        F($"{where}: for reference, ID RMSE vs OOD RMSE: ρ = {reference.Spearman}."),
                        () => Near(ExperimentStatistics.Spearman(id, ood), reference.Spearman.Estimate, Rounding)));
                var lambda = Find(associations, label, split, "all", "lambdaMax");
                var trace = Find(associations, label, split, "all", "trace");
                if (lambda is not null && trace is not null)
                    findings.Add(new Finding(
                        F($"{where}: curvature vs OOD RMSE: λ_max ρ = {lambda.Spearman}, partial {lambda.Partial}; trace ρ = {trace.Spearman}, partial {trace.Partial}."),
                        () => Near(ExperimentStatistics.Spearman(rows.Select(r => r.Analysis.LambdaMax).ToArray(), ood), lambda.Spearman.Estimate, Rounding)
                              && Near(ExperimentStatistics.Spearman(rows.Select(r => r.Analysis.Trace).ToArray(), ood), trace.Spearman.Estimate, Rounding)));
            }
        }

        var smadRows = associations.Where(x => x.Subset == "all" && x.Metric.StartsWith("smad", StringComparison.Ordinal)).ToArray();
        if (smadRows.Length > 0)
        {
            int rhoHits = smadRows.Count(x => x.Spearman.ExcludesZero), partialHits = smadRows.Count(x => x.Partial?.ExcludesZero == true);
            int positive = smadRows.Count(x => x.Spearman.ExcludesZero && x.Spearman.Lower > 0);
            findings.Add(new Finding(
                F($"Over all {smadRows.Length} SMAD tests (3 variants × landscapes × distances × {smadRows.Select(x => (x.Label, x.Split)).Distinct().Count()} populations, architectures pooled), {rhoHits} intervals for ρ exclude 0 ({positive} of them positive) and {partialHits} for the partial ρ; with no association at all, about {0.05 * smadRows.Length:F1} of each would by chance (5 %), and the tests are not independent (the variants share models)."),
                () => smadRows.Count(x => x.Lower() > 0 || x.Upper() < 0) == rhoHits
                      && smadRows.Count(x => x.Partial is { } q && (q.Lower > 0 || q.Upper < 0)) == partialHits));
        }

        foreach (var label in result.Labels)
        {
            var tracks = new List<string>();
            var beyond = new List<string>();
            var splits = result.SplitKinds;
            foreach (var split in splits)
            {
                var a = Find(associations, label, split, "all", primary.Name);
                if (a is null) continue;
                if (a.Spearman.ExcludesZero) tracks.Add($"{Name(split)} ({(a.Spearman.Lower > 0 ? "+" : "−")})");
                if (a.Partial?.ExcludesZero == true) beyond.Add($"{Name(split)} ({(a.Partial.Lower > 0 ? "+" : "−")})");
            }
            var tracked = tracks.ToArray();
            var added = beyond.ToArray();
            var control = splits.Contains(OodSplitKind.Random) ? Find(associations, label, OodSplitKind.Random, "all", primary.Name) : null;
            string controlNote = control is null ? ""
                : control.Spearman.ExcludesZero || control.Partial?.ExcludesZero == true
                    ? " In the random control split (no distribution shift) the primary metric is associated with the held-out error too, so where an association appears it is not specific to distribution shift."
                    : " In the random control split (no distribution shift) the primary metric shows no association (neither ρ nor partial ρ).";
            findings.Add(new Finding(
                F($"Answer for {label}: by the primary metric ({primary.Description}), SMAD tracked OOD error in {tracked.Length} of {splits.Count} split kinds{List(tracked)} and added information beyond ID error in {added.Length} of {splits.Count}{List(added)}.{controlNote}"),
                () => splits.Count(s => Find(associations, label, s, "all", primary.Name)?.Spearman.ExcludesZero == true) == tracked.Length
                      && splits.Count(s => Find(associations, label, s, "all", primary.Name)?.Partial?.ExcludesZero == true) == added.Length));
        }
        return findings;
    }

    /// <summary>The sentences, one per line.</summary>
    public static string Describe(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return string.Join("\n", findings.Select(f => f.Sentence)) + "\n";
    }

    /// <summary>ρ(x, y | z) from the three Spearman coefficients by the closed formula (ρ_xy − ρ_xz ρ_yz)/√((1 − ρ_xz²)(1 − ρ_yz²)):
    /// an independent route to <see cref="SpearmanBootstrap.PartialSpearman"/>.</summary>
    internal static double PartialFromFormula(double[] x, double[] y, double[] z)
    {
        double xy = ExperimentStatistics.Spearman(x, y), xz = ExperimentStatistics.Spearman(x, z), yz = ExperimentStatistics.Spearman(y, z);
        if (double.IsNaN(xz)) xz = 0;
        if (double.IsNaN(yz)) yz = 0;
        double d = (1 - xz * xz) * (1 - yz * yz);
        return d <= 1e-12 ? double.NaN : (xy - xz * yz) / Math.Sqrt(d);
    }

    private static double Lower(this OodAssociation a) => a.Spearman.Lower;

    private static double Upper(this OodAssociation a) => a.Spearman.Upper;

    private static OodAssociation? Find(IReadOnlyList<OodAssociation> list, string label, OodSplitKind split, string subset, string metric) =>
        list.FirstOrDefault(a => a.Label == label && a.Split == split && a.Subset == subset && a.Metric == metric);

    private static string Name(OodSplitKind split) => split switch
    {
        OodSplitKind.PropertyTail => "property-tail",
        OodSplitKind.Scaffold => "scaffold",
        _ => "random (control)",
    };

    private static string Wording(BootstrapInterval i, string positive, string negative, string none) =>
        i.Lower > 0 && i.Upper > 0 ? $"the interval excludes 0: {positive}"
        : i.Lower < 0 && i.Upper < 0 ? $"the interval excludes 0: {negative}"
        : double.IsNaN(i.Lower) || double.IsNaN(i.Upper) ? $"the interval is undefined (too few models or too many ties): {none}"
        : $"the interval includes 0: {none}";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "" : $" ({string.Join(", ", items)})";

    private static bool Near(double a, double b, double tolerance = 1e-9) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(b));

    private static bool NearOrBothNaN(double a, double b) => (double.IsNaN(a) && double.IsNaN(b)) || Near(a, b, 1e-6);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
