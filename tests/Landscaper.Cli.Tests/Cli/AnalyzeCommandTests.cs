using Landscaper.Cli.Output;
using System.CommandLine;
using System.Text.Json;
using Landscaper.Cli;
using Landscaper.Cli.Commands;
using Landscaper.Topology;
using Landscaper.Metrics;

namespace Landscaper.Tests.Topology;

public class AnalyzeCommandTests
{
    private static Landscape Rosenbrock2d() => Landscaper.IO.Npz.ReadLandscape(RepoPaths.TestData("rosenbrock_2d.npz"));

    private static (int Exit, string Out, string Err) Run(Func<string, Landscape> read, params string[] args)
    {
        var root = new RootCommand { CliOutput.JsonOption };
        root.Subcommands.Add(AnalyzeCommand.Create(read));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_real_command_reads_the_reference_npz_file()
    {
        var (exit, json) = Landscaper.Tests.Cli.CliTestHost.RunJson("analyze", RepoPaths.TestData("rosenbrock_2d.npz"), "--connectivity", "freudenthal");
        Assert.Equal(0, exit);
        Assert.Equal("freudenthal", json.GetProperty("connectivity").GetString());
        Assert.Equal(new[] { 10, 10 }, json.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        var (badExit, _, err) = Landscaper.Tests.Cli.CliTestHost.Run("analyze", RepoPaths.TestData("no-such-file.npz"));
        Assert.NotEqual(0, badExit);
        Assert.Contains("no-such-file.npz", err);
    }

    [Fact]
    public void Json_reports_every_standard_metric_by_name_including_basin_entropy()
    {
        var (exit, json) = Landscaper.Tests.Cli.CliTestHost.RunJson("analyze", RepoPaths.TestData("rosenbrock_2d.npz"));
        Assert.Equal(0, exit);
        var metrics = json.GetProperty("metrics");
        var analysis = LandscapeTopology.Analyze(Rosenbrock2d());
        Assert.Equal(TopologicalMetric.Standard.Count, metrics.EnumerateObject().Count());
        foreach (var m in TopologicalMetric.Standard)
            Assert.Equal(m.Compute(analysis), metrics.GetProperty(m.Name).GetDouble(), 12);
        Assert.Equal(new BasinEntropy().Compute(analysis), metrics.GetProperty("basin_entropy").GetDouble(), 12);
        Assert.Equal(analysis.Smad.Normalized, metrics.GetProperty("smad_normalized").GetDouble(), 12);
    }

    [Fact]
    public void Freudenthal_analysis_reports_the_contour_tree_and_the_ends_of_persistence_range()
    {
        var (exit, json) = Landscaper.Tests.Cli.CliTestHost.RunJson("analyze", RepoPaths.TestData("rosenbrock_2d.npz"), "--connectivity", "freudenthal");
        Assert.Equal(0, exit);
        var ct = json.GetProperty("contourTree");
        int nodes = ct.GetProperty("nodes").GetInt32(), arcs = ct.GetProperty("arcs").GetInt32();
        Assert.Equal(nodes - 1, arcs);                                                   // a tree
        Assert.Equal(ct.GetProperty("minima").GetInt32() + ct.GetProperty("maxima").GetInt32(), ct.GetProperty("leaves").GetInt32());
        Assert.Equal(json.GetProperty("minima").GetInt32(), ct.GetProperty("minima").GetInt32()); // same graph, same minima as the merge tree
        var saddles = ct.GetProperty("saddles").EnumerateArray().ToArray();
        Assert.NotEmpty(saddles);
        Assert.All(saddles, s => Assert.Contains(s.GetProperty("kind").GetString(), new[] { "join", "split", "join-split" }));
        // persistence_range can be checked by hand from the two ends reported beside it.
        var p = json.GetProperty("persistence");
        Assert.Equal(json.GetProperty("persistenceRange").GetDouble(), p.GetProperty("max").GetDouble() - p.GetProperty("min").GetDouble(), 9);
        var v = json.GetProperty("values");
        Assert.Equal(v.GetProperty("max").GetDouble() - v.GetProperty("min").GetDouble(), p.GetProperty("max").GetDouble(), 9);
        // Axis connectivity: no contour tree (the axis graph of a 2-D grid is not a triangulation).
        var (_, axis) = Landscaper.Tests.Cli.CliTestHost.RunJson("analyze", RepoPaths.TestData("rosenbrock_2d.npz"));
        Assert.Equal(JsonValueKind.Null, axis.GetProperty("contourTree").ValueKind);
        // The package's 6-significant-digit rounding: 404 − 0.432251 = 403.567749 (rosenbrock_2d.reference.json).
        Assert.Equal(403.567749, axis.GetProperty("persistenceRangePackageRounding").GetDouble(), 6);
    }

    [Fact]
    public void Json_report_has_the_contract_fields_and_the_reference_values()
    {
        var (exit, output, error) = Run(_ => Rosenbrock2d(), "analyze", "rosenbrock_2d.npz", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        foreach (var name in new[] { "dims", "shape", "points", "connectivity", "minima", "maxima", "saddles", "mergeTree", "smad", "persistenceRange", "pairs", "seconds" })
            Assert.True(r.TryGetProperty(name, out _), $"missing {name}");
        Assert.Equal(2, r.GetProperty("dims").GetInt32());
        Assert.Equal(100, r.GetProperty("points").GetInt32());
        Assert.Equal("axis", r.GetProperty("connectivity").GetString());
        Assert.Equal(16, r.GetProperty("mergeTree").GetProperty("nodes").GetInt32());
        Assert.Equal(15, r.GetProperty("mergeTree").GetProperty("arcs").GetInt32());
        Assert.Equal(3.6891479939222336, r.GetProperty("smad").GetProperty("plain").GetDouble(), 1e-5);
        foreach (var name in new[] { "plain", "normalized", "weighted" }) Assert.True(r.GetProperty("smad").TryGetProperty(name, out _));
        foreach (var name in new[] { "mergeTree", "basins", "total" }) Assert.True(r.GetProperty("seconds").TryGetProperty(name, out _));
        var first = r.GetProperty("pairs")[0];
        Assert.Equal(54, first.GetProperty("saddleIndex").GetInt32());
        Assert.Equal(56, first.GetProperty("minimumIndex").GetInt32());
        Assert.Equal(26, first.GetProperty("basinSize").GetInt32());
        Assert.True(first.TryGetProperty("saddleValue", out _) && first.TryGetProperty("minimumValue", out _));
    }

    [Fact]
    public void Text_output_and_connectivity_option()
    {
        var (exit, output, _) = Run(_ => Rosenbrock2d(), "analyze", "x.npz", "--connectivity", "full");
        Assert.Equal(0, exit);
        Assert.Contains("full connectivity", output);
        Assert.Contains("SMAD plain", output);
    }

    [Fact]
    public void Non_finite_input_fails_with_a_message_unless_replace_is_asked_for()
    {
        var l = Landscape.OnSymmetricGrid(new double[] { 1, double.NaN, 3, 0 }, 2, 2, 1);
        var (exit, _, error) = Run(_ => l, "analyze", "bad.npz");
        Assert.Equal(1, exit);
        Assert.Contains("flat index 1", error);
        Assert.Equal(0, Run(_ => l, "analyze", "bad.npz", "--non-finite", "replace").Exit);
    }

    [Fact]
    public void Report_builder_matches_the_analysis()
    {
        var a = LandscapeTopology.Analyze(Rosenbrock2d(), new TopologyOptions(Connectivity.Freudenthal));
        var report = AnalyzeCommand.BuildReport(a);
        Assert.Equal("freudenthal", report.Connectivity);
        Assert.Equal(a.SublevelTree.LeafCount, report.Minima);
        Assert.Equal(a.SaddleMinimumPairs.Count, report.Pairs.Length);
        Assert.Equal(a.Smad, report.Smad);
    }

    [Fact]
    public void Cli_app_lists_analyze_and_bench()
    {
        var root = CliApp.Build();
        Assert.Contains(root.Subcommands, c => c.Name == "analyze");
        Assert.Contains(root.Subcommands, c => c.Name == "bench" && c.Subcommands.Any(s => s.Name == "topology"));
    }
}
