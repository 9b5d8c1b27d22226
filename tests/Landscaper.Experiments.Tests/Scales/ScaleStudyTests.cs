using Landscaper.Native;
using Landscaper.Scales;

namespace Landscaper.Tests.Scales;

[Collection("torch-serial")]
public class ScaleStudyTests
{
    public ScaleStudyTests() => TorchRuntime.Initialize(threads: 1);

    private static readonly Lazy<ScaleStudyResult> Quick = new(() => ScaleStudy.Run(["mlp-digits"], [0, 1], ScaleStudyOptions.Quick));

    [Fact]
    public void Every_setting_has_its_rows()
    {
        var r = Quick.Value;
        var o = r.Options;
        int profile = 2 * 2 * 2 * 2 * o.Radii.Count;       // seeds × checkpoints × direction kinds × conventions × radii
        int dimension = 2 * 2 * 2 * (1 + 2 + 2);            // seeds × (first, last) × kinds × (2-D, 3-D + slice, 4-D + slice)
        int precision = 2 * o.Radii.Count;                  // first seed, last checkpoint, kinds × radii (relative)
        Assert.Equal(profile, r.Rows.Count(x => x.Setting == "profile"));
        Assert.Equal(dimension, r.Rows.Count(x => x.Setting == "dimension"));
        Assert.Equal(precision, r.Rows.Count(x => x.Setting == "precision"));
        Assert.All(r.Rows, x => Assert.True(double.IsFinite(x.Smad) && x.Smad >= 0 && x.Minima >= 1));
        Assert.Equal(r.Rows.Count, r.ToFrame().RowCount);
        string csv = r.Table.ToCsv();
        Assert.StartsWith("setting,setting_key,model,seed,checkpoint", csv);
        Assert.Equal(r.Rows.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Radius_conventions_hold_their_definitions()
    {
        var r = Quick.Value;
        foreach (var row in r.Rows.Where(x => x.Convention == "relative"))
            Assert.Equal(row.Radius * row.ThetaNorm, row.HalfWidth, 9);
        // Absolute radii: the same half-width in parameter units at every checkpoint of a run, although ‖θ‖ changes.
        foreach (var g in r.Rows.Where(x => x.Convention == "absolute").GroupBy(x => (x.Seed, x.Radius, x.Directions)))
        {
            Assert.Equal(2, g.Select(x => x.Checkpoint).Distinct().Count());
            Assert.Single(g.Select(x => Math.Round(x.HalfWidth, 9)).Distinct());
        }
        Assert.NotEqual(r.Rows.First(x => x.Checkpoint == 0).ThetaNorm, r.Rows.First(x => x.IsLast).ThetaNorm);
    }

    [Fact]
    public void Changes_findings_and_charts_come_from_the_rows()
    {
        var r = Quick.Value;
        var changes = r.SmadChanges();
        // profile: kinds × conventions × radii settings, dimension: kinds × (2-D, 3-D, 3-D slice, 4-D, 4-D slice)
        Assert.Equal(2 * 2 * r.Options.Radii.Count + 2 * 5, changes.Count);
        Assert.All(changes, c => Assert.Equal(2, c.Change.Count));
        string text = ScaleStudyFindings.Text(r);
        Assert.Contains("mlp-digits", text);
        Assert.Contains("SMAD first → last", text);
        Assert.Contains("Precision (mlp-digits, hessian", text);
        Assert.NotNull(ScaleStudyCharts.Profile(r, "mlp-digits", "hessian", "relative"));
        Assert.NotNull(ScaleStudyCharts.Dimension(r, "mlp-digits", "filter"));
        Assert.Throws<ArgumentException>(() => ScaleStudyCharts.Profile(r, "vit-digits", "hessian", "relative"));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ScaleStudy.Run(["mlp-digits"], [0], ScaleStudyOptions.Quick with { Radii = [] }));
        Assert.Throws<ArgumentException>(() => ScaleStudy.Run(["mlp-digits"], [0], ScaleStudyOptions.Quick with { DimensionSteps = [9, 5] }));
        Assert.Throws<ArgumentException>(() => ScaleStudy.Run(["gpt"], [0], ScaleStudyOptions.Quick));
        Assert.Throws<ArgumentException>(() => ScaleStudy.Run(["mlp-digits"], [0, 0], ScaleStudyOptions.Quick));
    }
}
