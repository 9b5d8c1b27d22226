using System.Globalization;
using System.Text;
using Landscaper.Statistics;

namespace Landscaper.Scales;

/// <summary>The plain-language findings of a <see cref="ScaleStudyResult"/>, generated from its numbers (nothing is
/// written by hand): where structure appears, which settings show SMAD decreasing or increasing from the first to the
/// last checkpoint (with intervals), what 2-D slices miss, Hessian vs random directions, and what float32 moves.</summary>
public static class ScaleStudyFindings
{
    /// <summary>The findings text.</summary>
    public static string Text(ScaleStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var changes = result.SmadChanges();
        int seeds = result.Seeds.Count;
        sb.AppendLine(string.Create(ic, $"Scale study: {result.Models.Count} architectures × {seeds} seeds, {result.Options.Epochs} epochs, {result.Options.Checkpoints} checkpoints, radii {string.Join(", ", result.Options.Radii.Select(r => r.ToString("G3", ic)))} (relative: × ‖θ‖; absolute: × ‖θ at step 0‖), {result.Rows.Count} landscapes, {result.Seconds / 60:F1} min."));
        sb.AppendLine("A change is 'decreased'/'increased' when the 95 % bootstrap interval of the mean first→last difference over seeds excludes 0; seeds whose SMAD is 0 at both checkpoints (one basin) are counted as ties, not as evidence.");
        sb.AppendLine();
        foreach (var model in result.Models)
        {
            sb.AppendLine($"{model}:");
            foreach (var dirs in new[] { "hessian", "filter" })
                foreach (var conv in new[] { "relative", "absolute" })
                {
                    if (!result.Profile(model, dirs, conv).Any()) continue;
                    var first = result.StructuredRadii(model, dirs, conv, checkpoint: 0);
                    var last = result.StructuredRadii(model, dirs, conv);
                    sb.AppendLine($"  {dirs} directions, {conv} radii: more than one minimum (in at least half the seeds) at step 0 for {Range(first)}; at the last checkpoint for {Range(last)}.");
                }
            var mine = changes.Where(c => c.Model == model).ToArray();
            int down = mine.Count(c => c.Change.Direction == ChangeDirection.Decreased), up = mine.Count(c => c.Change.Direction == ChangeDirection.Increased);
            sb.AppendLine($"  SMAD first → last: decreased in {down}, increased in {up}, no clear change in {mine.Length - down - up} of {mine.Length} settings.");
            foreach (var c in mine.Where(c => c.Change.Direction != ChangeDirection.NoChange).OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
                sb.AppendLine($"    {c.Key}: {c.Change}");
            int allZero = mine.Count(c => c.ZeroBoth == c.Change.Count);
            if (allZero > 0) sb.AppendLine($"  In {allZero} settings every seed had a single basin (SMAD 0) at both checkpoints.");
        }
        sb.AppendLine();
        sb.AppendLine("Dimension (dimension study, mean minima over seeds, first → last checkpoint; slice = the centre 2-D slice of the same grid):");
        foreach (var model in result.Models)
            foreach (var dirs in new[] { "hessian", "filter" })
            {
                var rows = result.Rows.Where(r => r.Setting == "dimension" && r.Model == model && r.Directions == dirs).ToArray();
                if (rows.Length == 0) continue;
                string Cell(int dims, string view, bool last) =>
                    rows.Where(r => r.Dims == dims && r.View == view && r.IsLast == last).Select(r => (double)r.Minima).DefaultIfEmpty(double.NaN).Average().ToString("G3", ic);
                sb.AppendLine($"  {model} {dirs}: 2-D {Cell(2, "full", false)} → {Cell(2, "full", true)}; 3-D {Cell(3, "full", false)} → {Cell(3, "full", true)} (slice {Cell(3, "slice", false)} → {Cell(3, "slice", true)}); 4-D {Cell(4, "full", false)} → {Cell(4, "full", true)} (slice {Cell(4, "slice", false)} → {Cell(4, "slice", true)}).");
            }
        var fullVsSlice = result.Rows.Where(r => r.Setting == "dimension" && r.Dims >= 3).GroupBy(r => (r.Model, r.Seed, r.Checkpoint, r.Directions, r.Dims))
            .Select(g => (Full: g.FirstOrDefault(r => r.View == "full"), Slice: g.FirstOrDefault(r => r.View == "slice"))).Where(p => p.Full is not null && p.Slice is not null).ToArray();
        if (fullVsSlice.Length > 0)
            sb.AppendLine(string.Create(ic, $"  The full 3-D/4-D grid has more minima than its centre 2-D slice in {fullVsSlice.Count(p => p.Full!.Minima > p.Slice!.Minima)} of {fullVsSlice.Length} grids, fewer in {fullVsSlice.Count(p => p.Full!.Minima < p.Slice!.Minima)}."));
        sb.AppendLine();
        var hessian = changes.Where(c => c.Key.Directions == "hessian" && c.Key.Setting == "profile").ToDictionary(c => (c.Model, c.Key.Convention, c.Key.Radius));
        var filter = changes.Where(c => c.Key.Directions == "filter" && c.Key.Setting == "profile").ToDictionary(c => (c.Model, c.Key.Convention, c.Key.Radius));
        var both = hessian.Keys.Intersect(filter.Keys).ToArray();
        if (both.Length > 0)
        {
            int agree = both.Count(k => hessian[k].Change.Direction == filter[k].Change.Direction);
            int clearH = both.Count(k => hessian[k].Change.Direction != ChangeDirection.NoChange);
            int clearF = both.Count(k => filter[k].Change.Direction != ChangeDirection.NoChange);
            sb.AppendLine($"Hessian vs filter-normalised random directions (profile settings): the verdict agrees in {agree} of {both.Length}; a clear change appears in {clearH} Hessian and {clearF} random settings.");
        }
        foreach (var (model, dirs, worst, differ, n) in result.PrecisionEffects())
            sb.AppendLine(string.Create(ic, $"Precision ({model}, {dirs}, last checkpoint of one seed): float64 vs float32 moved SMAD by at most {worst:G3} (relative) and changed the minima count at {differ} of {n} radii."));
        sb.AppendLine();
        var decreased = changes.Where(c => c.Change.Direction == ChangeDirection.Decreased).ToArray();
        var increased = changes.Where(c => c.Change.Direction == ChangeDirection.Increased).ToArray();
        sb.AppendLine(decreased.Length == 0
            ? $"Overall: the paper's simplification (SMAD decreasing during training) appears in none of the {changes.Count} architecture × setting combinations; SMAD increased in {increased.Length}."
            : $"Overall: SMAD decreased from the first to the last checkpoint in {decreased.Length} of {changes.Count} architecture × setting combinations ({string.Join("; ", decreased.GroupBy(c => c.Model).Select(g => $"{g.Key}: {g.Count()}"))}) and increased in {increased.Length}.");
        return sb.ToString();
    }

    private static string Range(IReadOnlyList<double> radii) => radii.Count == 0
        ? "no radius of the ladder"
        : radii.Count == 1 ? string.Create(CultureInfo.InvariantCulture, $"r = {radii[0]:G3} only")
        : string.Create(CultureInfo.InvariantCulture, $"r = {string.Join(", ", radii.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)))}");
}
