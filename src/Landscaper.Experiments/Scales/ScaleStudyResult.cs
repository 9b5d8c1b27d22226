using Deedle;
using Landscaper.Frames;
using Landscaper.Statistics;

namespace Landscaper.Scales;

/// <summary>A setting of the study that a trend is measured in: which analysis, directions, convention, radius and
/// dimension/view (one row of the "setting → change" table).</summary>
/// <param name="Setting">"profile" or "dimension".</param>
/// <param name="Directions">"hessian" or "filter".</param>
/// <param name="Convention">"relative" or "absolute".</param>
/// <param name="Radius">Ladder radius.</param>
/// <param name="Dims">Grid dimensions.</param>
/// <param name="View">"full" or "slice".</param>
public sealed record SettingKey(string Setting, string Directions, string Convention, double Radius, int Dims, string View)
{
    /// <summary>e.g. "profile hessian relative r=0.1 2-D" or "dimension filter r=0.2 4-D slice".</summary>
    public override string ToString() => Setting == "profile"
        ? FormattableString.Invariant($"profile {Directions} {Convention} r={Radius:G3}")
        : FormattableString.Invariant($"dimension {Directions} r={Radius:G3} {Dims}-D{(View == "slice" ? " centre slice" : "")}");
}

/// <summary>The change of SMAD from the first to the last checkpoint, over seeds, for one architecture and setting.</summary>
/// <param name="Model">Architecture.</param>
/// <param name="Key">Setting.</param>
/// <param name="Change">Paired change over seeds (bootstrap interval and sign test).</param>
/// <param name="ZeroBoth">Seeds whose SMAD is 0 at both checkpoints (a single basin at both: a tie, not evidence).</param>
public sealed record SmadChange(string Model, SettingKey Key, PairedChange Change, int ZeroBoth);

/// <summary>The rows of a <see cref="ScaleStudy"/> with the summaries the notebook and the findings use.</summary>
/// <param name="Rows">Every analysed landscape.</param>
/// <param name="Options">The settings.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record ScaleStudyResult(IReadOnlyList<ScaleStudyRow> Rows, ScaleStudyOptions Options, double Seconds)
{
    /// <summary>The table (CSV and Deedle frame): every field of <see cref="ScaleStudyRow"/>, plus a <c>setting_key</c> column.</summary>
    public Table<ScaleStudyRow> Table => new(Rows,
    [
        Column<ScaleStudyRow>.OfText("setting", r => r.Setting), Column<ScaleStudyRow>.OfText("setting_key", r => KeyOf(r).ToString()),
        Column<ScaleStudyRow>.OfText("model", r => r.Model), Column<ScaleStudyRow>.Of("seed", r => r.Seed),
        Column<ScaleStudyRow>.Of("checkpoint", r => r.Checkpoint), Column<ScaleStudyRow>.Of("is_last", r => r.IsLast ? 1 : 0),
        Column<ScaleStudyRow>.Of("step", r => r.Step), Column<ScaleStudyRow>.Of("epoch", r => r.Epoch),
        Column<ScaleStudyRow>.OfText("dtype", r => r.DType), Column<ScaleStudyRow>.OfText("directions", r => r.Directions),
        Column<ScaleStudyRow>.OfText("convention", r => r.Convention), Column<ScaleStudyRow>.Of("radius", r => r.Radius),
        Column<ScaleStudyRow>.Of("half_width", r => r.HalfWidth), Column<ScaleStudyRow>.Of("theta_norm", r => r.ThetaNorm),
        Column<ScaleStudyRow>.Of("dims", r => r.Dims), Column<ScaleStudyRow>.Of("steps", r => r.Steps), Column<ScaleStudyRow>.OfText("view", r => r.View),
        Column<ScaleStudyRow>.Of("minima", r => r.Minima), Column<ScaleStudyRow>.Of("smad", r => r.Smad),
        Column<ScaleStudyRow>.Of("smad_normalized", r => r.SmadNormalized), Column<ScaleStudyRow>.Of("smad_weighted", r => r.SmadWeighted),
        Column<ScaleStudyRow>.Of("total_persistence", r => r.TotalPersistence), Column<ScaleStudyRow>.Of("persistence_range", r => r.PersistenceRange),
        Column<ScaleStudyRow>.Of("value_range", r => r.ValueRange), Column<ScaleStudyRow>.Of("centre_loss", r => r.CentreLoss),
        Column<ScaleStudyRow>.Of("lambda_max", r => r.LambdaMax), Column<ScaleStudyRow>.Of("trace", r => r.Trace),
        Column<ScaleStudyRow>.Of("test_loss", r => r.TestLoss), Column<ScaleStudyRow>.Of("test_accuracy", r => r.TestAccuracy),
        Column<ScaleStudyRow>.Of("seconds", r => r.Seconds),
    ]);

    /// <summary>The table as a Deedle frame.</summary>
    public Frame<int, string> ToFrame() => Table.ToFrame();

    /// <summary>Writes the CSV atomically; returns the full path.</summary>
    public string Save(string path) => Table.Save(path);

    /// <summary>Architectures in order of appearance.</summary>
    public IReadOnlyList<string> Models => Rows.Select(r => r.Model).Distinct().ToArray();

    /// <summary>Seeds in order of appearance.</summary>
    public IReadOnlyList<int> Seeds => Rows.Select(r => r.Seed).Distinct().ToArray();

    /// <summary>The setting a row belongs to.</summary>
    public static SettingKey KeyOf(ScaleStudyRow r) => new(r.Setting, r.Directions, r.Convention, r.Radius, r.Dims, r.View);

    /// <summary>Float32 profile rows of one model, direction family and convention.</summary>
    public IEnumerable<ScaleStudyRow> Profile(string model, string directions, string convention) =>
        Rows.Where(r => r.Setting == "profile" && r.Model == model && r.Directions == directions && r.Convention == convention);

    /// <summary>For each architecture and setting (profile and dimension rows, float32), the change of SMAD from the first to
    /// the last checkpoint over the seeds that have both.</summary>
    public IReadOnlyList<SmadChange> SmadChanges(int seed = 0)
    {
        var result = new List<SmadChange>();
        foreach (var group in Rows.Where(r => r.Setting is "profile" or "dimension" && r.DType == "float32").GroupBy(r => (r.Model, Key: KeyOf(r))))
        {
            var firsts = group.Where(r => r.Checkpoint == 0).ToDictionary(r => r.Seed);
            var lasts = group.Where(r => r.IsLast).ToDictionary(r => r.Seed);
            var pairs = firsts.Keys.Intersect(lasts.Keys).Order().Select(s => (Before: firsts[s].Smad, After: lasts[s].Smad)).ToArray();
            if (pairs.Length == 0) continue;
            var change = PairedChange.Of(pairs.Select(p => p.Before).ToArray(), pairs.Select(p => p.After).ToArray(), seed);
            result.Add(new SmadChange(group.Key.Model, group.Key.Key, change, pairs.Count(p => p.Before == 0 && p.After == 0)));
        }
        return result;
    }

    /// <summary>The change table as a frame: model, setting, direction, mean before/after/difference, interval, counts.</summary>
    public Frame<int, string> ChangeFrame() => ChangeTable().ToFrame();

    /// <summary>The change table (CSV and frame).</summary>
    public Table<SmadChange> ChangeTable() => new(SmadChanges(),
    [
        Column<SmadChange>.OfText("model", c => c.Model), Column<SmadChange>.OfText("setting", c => c.Key.ToString()),
        Column<SmadChange>.OfText("change", c => c.Change.Direction switch { ChangeDirection.Decreased => "decreased", ChangeDirection.Increased => "increased", _ => "no change" }),
        Column<SmadChange>.Of("seeds", c => c.Change.Count), Column<SmadChange>.Of("smad_first", c => c.Change.MeanBefore),
        Column<SmadChange>.Of("smad_last", c => c.Change.MeanAfter), Column<SmadChange>.Of("difference", c => c.Change.MeanDifference),
        Column<SmadChange>.Of("ci_low", c => c.Change.Lower), Column<SmadChange>.Of("ci_high", c => c.Change.Upper),
        Column<SmadChange>.Of("up", c => c.Change.Increases), Column<SmadChange>.Of("down", c => c.Change.Decreases),
        Column<SmadChange>.Of("zero_both", c => c.ZeroBoth), Column<SmadChange>.Of("sign_test_p", c => c.Change.SignTestP),
    ]);

    /// <summary>The radii (ladder values) at which the landscape has more than one minimum in at least half of the seeds, for
    /// one model, direction family and convention, at the given checkpoint index (−1 = last).</summary>
    public IReadOnlyList<double> StructuredRadii(string model, string directions, string convention, int checkpoint = -1) =>
        Profile(model, directions, convention).Where(r => r.DType == "float32" && (checkpoint < 0 ? r.IsLast : r.Checkpoint == checkpoint))
            .GroupBy(r => r.Radius).Where(g => g.Count(r => r.Minima > 1) * 2 >= g.Count()).Select(g => g.Key).Order().ToArray();

    /// <summary>Float64 vs float32 at the same θ, directions and radius: largest |ΔSMAD| relative to the float32 value (or
    /// absolute when that is 0) and the number of radii whose minima count differs, per model and direction family.</summary>
    public IReadOnlyList<(string Model, string Directions, double MaxRelativeSmadChange, int MinimaDiffer, int Radii)> PrecisionEffects() =>
        Rows.Where(r => r.Setting == "precision").GroupBy(r => (r.Model, r.Directions)).Select(g =>
        {
            var f32 = Rows.Where(r => r.Setting == "profile" && r.Model == g.Key.Model && r.Directions == g.Key.Directions && r.Convention == "relative"
                                      && r.IsLast && r.DType == "float32").ToArray();
            double worst = 0;
            int differ = 0, n = 0;
            foreach (var p in g)
            {
                var q = f32.FirstOrDefault(r => r.Seed == p.Seed && r.Radius == p.Radius);
                if (q is null) continue;
                n++;
                double delta = Math.Abs(p.Smad - q.Smad);
                worst = Math.Max(worst, q.Smad > 0 ? delta / q.Smad : delta);
                if (p.Minima != q.Minima) differ++;
            }
            return (g.Key.Model, g.Key.Directions, worst, differ, n);
        }).ToArray();
}
