using System.Globalization;
using Landscaper.Experiments;
using Landscaper.Hessian;
using Landscaper.Molecules;
using Landscaper.Native;

namespace Landscaper.Tests.Molecules;

[Collection("torch-serial")]
public class MolecularOodExperimentTests
{
    public MolecularOodExperimentTests() => TorchRuntime.Initialize(threads: 1);

    private static readonly Lazy<MolecularOodResult> Small = new(() =>
    {
        TorchRuntime.Initialize(threads: 1);
        var options = MolecularOodOptions.Quick with
        {
            Labels = ["homo_lumo_gap_ev"],
            Splits = [OodSplitKind.PropertyTail, OodSplitKind.Random],
            Models =
            [
                new(GraphArchitecture.Gin, 8, 1, 0, 0, 0), new(GraphArchitecture.Gin, 8, 2, 0.1, 1e-4, 1),
                new(GraphArchitecture.SchNet, 8, 1, 0, 0, 0), new(GraphArchitecture.SchNet, 8, 1, 0, 0, 1),
            ],
            Epochs = 2, MoleculeLimit = 200, AnalysisMolecules = 16,
            Analysis = new MultiScaleAnalysisOptions(3, 5, 3, [0.5, 0.1], TraceBudget: 6, Lanczos: new LanczosOptions(1e-2, 20, 1)),
        };
        return MolecularOodData.Load(Path.Combine(RepoPaths.Root, "data", "molecules")).Run(options);
    });

    [Fact]
    public void Rows_cover_every_population_with_errors_curvature_and_four_landscapes()
    {
        var r = Small.Value;
        Assert.Equal(8, r.Rows.Count);
        Assert.Equal(200, r.MoleculeCount);
        Assert.Equal(200, r.LabelValues["homo_lumo_gap_ev"].Length);
        foreach (var row in r.Rows)
        {
            Assert.True(row.IdRmse > 0 && row.OodRmse > 0 && row.TrainRmse > 0);
            Assert.True(double.IsFinite(row.Analysis.LambdaMax) && double.IsFinite(row.Analysis.Trace));
            Assert.Equal(4, row.Analysis.Landscapes.Count);
            Assert.Equal(25, row.Landscape(2, 0.5)!.Landscape.Values.Length);
            Assert.Equal(27, row.Landscape(3, 0.1)!.Landscape.Values.Length);
            // The landscape's centre is the trained model: the same loss at both distances.
            Assert.Equal(row.Landscape(2, 0.5)!.CentreLoss, row.Landscape(2, 0.1)!.CentreLoss, 6);
        }
        var tail = r.Split("homo_lumo_gap_ev", OodSplitKind.PropertyTail);
        Assert.Equal(tail.Train.Length, r.Population("homo_lumo_gap_ev", OodSplitKind.PropertyTail)[0].TrainCount);
        // OOD RMSE recomputed by hand from a constant predictor bound: a model cannot beat the spread of the OOD labels around
        // the best constant, and the property-tail OOD labels all lie above every training label.
        var labels = r.LabelValues["homo_lumo_gap_ev"];
        Assert.True(tail.OodTest.Min(i => labels[i]) >= tail.Train.Max(i => labels[i]));
    }

    [Fact]
    public void Csv_and_frame_have_the_documented_columns_and_values()
    {
        var r = Small.Value;
        var lines = r.ToCsv().TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(r.Columns, header);
        Assert.Equal(r.Rows.Count + 1, lines.Length);
        foreach (var name in new[] { "label", "split", "architecture", "idRmse", "oodRmse", "lambda1", "trace", "smad_2d_0.5", "smadNormalized_2d_0.1", "smadWeighted_3d_0.5", "minima_3d_0.1" })
            Assert.Contains(name, header);
        var first = lines[1].Split(',');
        Assert.Equal(r.Rows[0].OodRmse, double.Parse(first[Array.IndexOf(header, "oodRmse")], CultureInfo.InvariantCulture));
        Assert.Equal(r.Rows[0].Landscape(2, 0.5)!.Smad.Plain, double.Parse(first[Array.IndexOf(header, "smad_2d_0.5")], CultureInfo.InvariantCulture));
        var frame = r.ToFrame();
        Assert.Equal(r.Rows.Count, frame.RowCount);
        Assert.Equal(r.Rows[3].IdRmse, frame.GetColumn<double>("idRmse")[3]);
        string path = Path.Combine(Directory.CreateTempSubdirectory("landscaper-mol-").FullName, "sub", "rows.csv");
        Assert.Equal(r.ToCsv(), File.ReadAllText(r.Save(path)));
    }

    [Fact]
    public void Associations_and_findings_follow_from_the_rows()
    {
        var r = Small.Value;
        var associations = MolecularOodAssociations.Compute(r, resamples: 200);
        // Populations of 4 models, pooled only (per architecture there are 2 < MinimumModels).
        Assert.All(associations, a => Assert.Equal("all", a.Subset));
        var primary = associations.First(a => a.Split == OodSplitKind.PropertyTail && a.Metric == r.PrimaryMetric.Name);
        var rows = r.Population("homo_lumo_gap_ev", OodSplitKind.PropertyTail);
        Assert.Equal(Statistics.ExperimentStatistics.Spearman(rows.Select(x => x.Landscape(2, 0.5)!.Smad.Plain).ToArray(), rows.Select(x => x.OodRmse).ToArray()),
            primary.Spearman.Estimate, 12);
        var findings = MolecularOodFindings.All(r, associations);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(f.Check(), f.Sentence));
        Assert.Contains(findings, f => f.Sentence.StartsWith("Answer for homo_lumo_gap_ev", StringComparison.Ordinal));
        Assert.Equal(associations.Count + 1, MolecularOodAssociations.ToCsv(associations).TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void A_finding_check_fails_when_the_numbers_change()
    {
        var r = Small.Value;
        var associations = MolecularOodAssociations.Compute(r, resamples: 200);
        // Sentences taken from the associations but checked against rows whose OOD errors are reversed in rank: the ρ checks must
        // notice (every ρ with OOD error changes sign).
        var findings = MolecularOodFindings.All(r with { Rows = r.Rows.Select(x => x with { OodRmse = -x.OodRmse }).ToArray() }, associations);
        Assert.Contains(findings, f => !f.Check());
    }

    [Fact]
    public void The_run_is_cancellable_and_reports_progress()
    {
        var data = MolecularOodData.Load(Path.Combine(RepoPaths.Root, "data", "molecules"));
        var options = MolecularOodOptions.Quick with
        {
            Labels = ["logp"], Splits = [OodSplitKind.Random], Epochs = 1, MoleculeLimit = 100, AnalysisMolecules = 8,
            Models = [new(GraphArchitecture.Gin, 4, 1, 0, 0, 0), new(GraphArchitecture.Gin, 4, 1, 0, 0, 1)],
            Analysis = new MultiScaleAnalysisOptions(2, 3, 0, [0.5], TraceBudget: 6, Lanczos: new LanczosOptions(1e-1, 10, 0)),
        };
        using var cts = new CancellationTokenSource();
        var lines = new List<string>();
        var progress = new SynchronousProgress<string>(line =>
        {
            lines.Add(line);
            if (line.Contains("(1/2)", StringComparison.Ordinal)) cts.Cancel();   // after the first model
        });
        Assert.ThrowsAny<OperationCanceledException>(() => data.Run(options, progress, cts.Token));
        Assert.Contains(lines, l => l.Contains("(1/2)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("(2/2)", StringComparison.Ordinal));
        Assert.ThrowsAny<OperationCanceledException>(() => data.Run(options, null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Options_are_validated_and_the_full_preset_is_the_documented_population()
    {
        var full = MolecularOodOptions.Full;
        full.Validate();
        Assert.Equal(24, full.Models.Count);
        Assert.Equal(12, full.Models.Count(m => m.Architecture == GraphArchitecture.Gin));
        Assert.Equal(3, full.Models.Select(m => m.Seed).Distinct().Count());
        var gin = full.Models.Where(m => m.Architecture == GraphArchitecture.Gin).ToArray();
        Assert.Equal(6, gin.Count(m => m.Width == 32));
        Assert.Equal(6, gin.Count(m => m.Depth == 4));
        Assert.Equal(3, gin.Count(m => m.Width == 64 && m.Depth == 4));   // the half fraction: each pair of levels once per seed
        Assert.Equal(12, full.Models.Count(m => m.Dropout > 0));   // half regularised, balanced over the other factors
        Assert.Equal([0.5, 0.1], full.Analysis.Distances);
        Assert.Throws<ArgumentException>(() => (full with { Labels = [] }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (full with { Epochs = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (full with { SchNetEncoding = MolecularGraphEncoding.HeavyAtomGraph }).Validate());
        Assert.Throws<ArgumentException>(() => (full.Analysis with { Distances = [0.5, 0.5] }).Validate());
        Assert.Throws<ArgumentException>(() => MolecularOodData.Load(Path.Combine(RepoPaths.Root, "data", "molecules"))
            .Run(MolecularOodOptions.Quick with { Labels = ["no_such_label"] }));
    }
}
