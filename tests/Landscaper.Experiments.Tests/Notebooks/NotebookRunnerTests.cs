using System.Text.RegularExpressions;
using System.Text.Json;
using Landscaper.Notebooks;

namespace Landscaper.Tests.Notebooks;

[Collection(NotebookCollection.Name)]
public class NotebookRunnerTests
{
    // Every repository notebook runs in quick mode in tests/Landscaper.Cli.Tests/Cli/ReproduceCommandTests.cs (one run
    // that also checks the report); the tests here cover the runner itself.

    [Fact]
    public async Task Smoke_notebook_outputs_formatted_values_and_saves_its_figure()
    {
        string output = Directory.CreateTempSubdirectory("landscaper-nb-").FullName;
        var runner = new NotebookRunner(new NotebookRunOptions { OutputDirectory = output, Quick = true });
        var result = await runner.RunAsync(Path.Combine(RepoPaths.NotebooksFolder, "00-smoke.ipynb"));
        Assert.True(result.Succeeded, result.Error);

        string json = File.ReadAllText(result.OutputPath!);
        Assert.Contains("landscaper-landscape", json);       // Landscape formatter (HTML summary)
        Assert.Contains("21 × 21", json);                    // quick mode grid
        Assert.Contains("landscaper-frame", json);           // compact Deedle table
        Assert.Contains("Plotly.newPlot", json);             // Plotly.NET.Interactive HTML
        Assert.Contains("mode quick", json);                 // Setup.Initialize status line
        Assert.True(File.Exists(Path.Combine(output, "figures", "00-smoke-heatmap.html")));
        // plotly.js is embedded once (by the first chart output, for offline viewing); everything else stays small.
        Assert.Single(Regex.Matches(json, Regex.Escape($"plotly.js v{Landscaper.Visualization.PlotlyJs.Version}")));
        Assert.DoesNotContain("src=\\\"https://cdn.plot.ly", json);
        long rest = JsonDocument.Parse(json).RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(o => o.GetRawText()).Where(t => !t.Contains("plotly.js v", StringComparison.Ordinal)).Sum(t => (long)t.Length);
        Assert.True(rest < 500_000, $"outputs other than the one carrying plotly.js are {rest} characters");
    }

    [Fact]
    public async Task A_plain_jupyter_notebook_without_polyglot_metadata_runs_every_code_cell()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-nb-").FullName;
        string nb = Path.Combine(dir, "plain.ipynb");
        File.WriteAllText(nb, NotebookFiles.Plain("C#", "# Plain", "var a = 20;", "# more", "Console.WriteLine($\"answer {a + 22}\");", "a * 2"));
        var result = await new NotebookRunner(new NotebookRunOptions { OutputDirectory = Path.Combine(dir, "out") }).RunAsync(nb);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, result.Cells.Count);
        string executed = File.ReadAllText(result.OutputPath!);
        Assert.Contains("answer 42", executed);
        Assert.Contains("40", executed);
    }

    [Theory]
    [InlineData("markdown only")]
    [InlineData("no cells")]
    public async Task A_notebook_that_executes_nothing_fails(string kind)
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-nb-").FullName;
        string nb = Path.Combine(dir, "empty.ipynb");
        File.WriteAllText(nb, kind == "no cells" ? NotebookFiles.Plain("C#") : NotebookFiles.Plain("C#", "# Only prose", "# and more prose"));
        var result = await new NotebookRunner(new NotebookRunOptions { OutputDirectory = Path.Combine(dir, "out") }).RunAsync(nb);

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Contains("no C# code cell", result.Error);
    }

    [Fact]
    public async Task A_notebook_in_another_language_is_refused_before_anything_runs()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-nb-").FullName;
        string nb = Path.Combine(dir, "py.ipynb");
        File.WriteAllText(nb, NotebookFiles.Plain("python", "print('hi')"));
        var ex = await Assert.ThrowsAsync<NotebookFormatException>(() =>
            new NotebookRunner(new NotebookRunOptions { OutputDirectory = Path.Combine(dir, "out") }).RunAsync(nb));
        Assert.Contains("python notebook", ex.Message);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_is_reported_with_its_number()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-nb-").FullName;
        string nb = Path.Combine(dir, "bad.ipynb");
        File.WriteAllText(nb, NotebookFiles.Tiny("# title", "var x = 1 + 1;\nx", "undefinedName + 1", "Console.WriteLine(\"never\");"));
        var result = await new NotebookRunner(new NotebookRunOptions { OutputDirectory = Path.Combine(dir, "out") }).RunAsync(nb);

        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(3, result.FailedCell);
        Assert.Contains("CS0103", result.Error);
        Assert.Equal(2, result.Cells.Count);
        Assert.True(result.Cells[0].Succeeded);
        Assert.False(result.Cells[1].Succeeded);
        string executed = File.ReadAllText(result.OutputPath!);
        Assert.Contains("\"output_type\": \"error\"", executed);
        Assert.DoesNotContain("never\\n\"", executed);
    }

    [Fact]
    public async Task Parameters_and_working_directory_reach_the_notebook_and_are_restored()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-nb-").FullName;
        string nb = Path.Combine(dir, "params.ipynb");
        File.WriteAllText(nb, NotebookFiles.Tiny(
            "Console.WriteLine(Environment.GetEnvironmentVariable(\"MY_PARAM\"));",
            "Console.WriteLine(System.IO.Directory.GetCurrentDirectory());",
            "Console.WriteLine(Environment.GetEnvironmentVariable(\"LANDSCAPER_NOTEBOOK_MODE\"));"));
        string before = Environment.CurrentDirectory;
        var progress = new List<string>();
        var result = await new NotebookRunner(new NotebookRunOptions
        {
            OutputDirectory = Path.Combine(dir, "out"),
            Quick = true,
            Parameters = new Dictionary<string, string> { ["MY_PARAM"] = "hello-param" },
        }).RunAsync(nb, new Collector(progress));

        Assert.True(result.Succeeded, result.Error);
        string executed = File.ReadAllText(result.OutputPath!);
        Assert.Contains("hello-param", executed);
        Assert.Contains(JsonSerializer.Serialize(dir).Trim('"'), executed);
        Assert.Contains("quick", executed);
        Assert.Equal(before, Environment.CurrentDirectory);
        Assert.Null(Environment.GetEnvironmentVariable("MY_PARAM"));
        Assert.Contains(progress, l => l.Contains("cell 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_stops_the_run()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-nb-").FullName;
        string nb = Path.Combine(dir, "slow.ipynb");
        File.WriteAllText(nb, NotebookFiles.Tiny("1", "await System.Threading.Tasks.Task.Delay(60_000, Microsoft.DotNet.Interactive.KernelInvocationContext.Current.CancellationToken);"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var result = await new NotebookRunner(new NotebookRunOptions { OutputDirectory = Path.Combine(dir, "out") }).RunAsync(nb, null, cts.Token);
        Assert.Equal(NotebookStatus.Cancelled, result.Status);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(55), $"took {sw.Elapsed}");
    }

    [Fact]
    public void First_cell_references_are_skipped_by_the_runner_and_others_kept()
    {
        string code = Setup.FirstCell + "\n#r \"../other/Some.Other.dll\"";
        string skipped = NotebookRunner.SkipPreloadedReferences(code);
        Assert.DoesNotContain("\n#r \"../src", "\n" + skipped);
        Assert.Contains("#r \"../other/Some.Other.dll\"", skipped);
        Assert.Contains("Landscaper.Notebooks.Setup.Initialize()", skipped);
    }

    [Fact]
    public void Every_repository_notebook_starts_with_the_documented_first_cell()
    {
        foreach (var path in RepoPaths.Notebooks())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var first = doc.RootElement.GetProperty("cells").EnumerateArray().First(c => c.GetProperty("cell_type").GetString() == "code");
            string source = string.Concat(first.GetProperty("source").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(Setup.FirstCell, source.Replace("\r\n", "\n").TrimEnd());
        }
    }

    private sealed class Collector(List<string> lines) : IProgress<string>
    {
        public void Report(string value) { lock (lines) lines.Add(value); }
    }
}
