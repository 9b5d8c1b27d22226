using System.Text.Json;
using Landscaper.Visualization;

namespace Landscaper.Tests.Cli;

/// <summary><c>landscaper reproduce</c>: every repository notebook in quick mode, and the offline report it writes. This
/// is the test suite's one run of the repository notebooks (each failure names the notebook, the cell and the error).</summary>
[Collection(CliCollection.Name)]
public class ReproduceCommandTests
{
    private const long MaxQuickReportBytes = 20_000_000;

    [Fact]
    public async Task Every_notebook_runs_in_quick_mode_and_the_report_renders_offline_and_small()
    {
        string folder = Path.Combine(Directory.CreateTempSubdirectory("landscaper-reproduce-").FullName, "report");
        var (exit, stdout, stderr) = CliTestHost.Run("reproduce", "--quick", "--out", folder);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        var notebooks = summary.RootElement.GetProperty("notebooks").EnumerateArray().ToArray();
        var failures = notebooks.Where(n => n.GetProperty("status").GetString() != "succeeded")
            .Select(n => $"{n.GetProperty("notebook").GetString()}: {n.GetProperty("error").GetString()}").ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures) + "\n" + stderr);
        Assert.Equal(0, exit);
        Assert.Equal(RepoPaths.Notebooks().Count(), notebooks.Length);
        Assert.All(notebooks, n => Assert.Equal(n.GetProperty("codeCells").GetInt32(), n.GetProperty("cellsRun").GetInt32()));
        Assert.Contains("report:", stdout);

        long bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.True(bytes <= MaxQuickReportBytes, $"the quick report is {bytes / 1e6:F1} MB (limit {MaxQuickReportBytes / 1e6:F0} MB)");
        Assert.Single(Directory.GetFiles(folder, "*.js", SearchOption.AllDirectories));   // one plotly.js for every page

        // The index, opened from disk by headless Chromium with the network blocked, draws every figure.
        int figures = Directory.GetFiles(Path.Combine(folder, "figures"), "*.json").Length;
        Assert.True(figures >= notebooks.Length, $"only {figures} figures for {notebooks.Length} notebooks");
        var index = await PageSnapshot.CaptureAsync(Path.Combine(folder, "index.html"), 1200, 900, TimeSpan.FromMinutes(3));
        Assert.Empty(index.BlockedRequests);
        Assert.Empty(index.ScriptErrors);
        Assert.Equal(figures, index.PlotsDrawn);
        Assert.Contains($"{notebooks.Length} of {notebooks.Length} notebooks succeeded", index.Text);
        Assert.DoesNotContain("plotly.js was not found", index.Text);

        // A notebook page draws its chart outputs with the shared plotly.js, offline too.
        var page = await PageSnapshot.CaptureAsync(Path.Combine(folder, "notebooks", "05-your-own-model.html"), 1000, 800, TimeSpan.FromMinutes(2));
        Assert.Empty(page.BlockedRequests);
        Assert.Empty(page.ScriptErrors);
        Assert.True(page.PlotsDrawn >= 4, $"the notebook page drew {page.PlotsDrawn} charts");
        Assert.Contains("✓", page.Text);
    }

    [Fact]
    public void A_report_folder_that_is_not_empty_is_refused_and_left_alone()
    {
        string folder = Directory.CreateTempSubdirectory("landscaper-reproduce-").FullName;
        File.WriteAllText(Path.Combine(folder, "index.html"), "earlier report");
        var (exit, _, stderr) = CliTestHost.Run("reproduce", Path.Combine(RepoPaths.NotebooksFolder, "00-smoke.ipynb"), "--out", folder);
        Assert.Equal(1, exit);
        Assert.Contains("not empty", stderr);
        Assert.Equal("earlier report", File.ReadAllText(Path.Combine(folder, "index.html")));
        Assert.Single(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_failing_notebook_fails_the_run_and_the_report_says_where()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-reproduce-").FullName;
        string nb = Path.Combine(dir, "01-bad.ipynb");
        File.WriteAllText(nb, NotebookFiles.Tiny("# A bad notebook\n\nIt fails.", "Landscaper.Notebooks.Claim.That(1 + 1 == 3, \"arithmetic is broken\");"));
        string folder = Path.Combine(dir, "report");
        var (exit, _, _) = CliTestHost.Run("reproduce", nb, "--out", folder);
        Assert.Equal(1, exit);
        string index = File.ReadAllText(Path.Combine(folder, "index.html"));
        Assert.Contains("0 of 1 notebooks succeeded", index);
        Assert.Contains("arithmetic is broken", index);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json")));
        Assert.False(summary.RootElement.GetProperty("ok").GetBoolean());
    }
}
