using System.Text.Json;
using Landscaper.Cli.Commands;
using Landscaper.Tests.Cli;

namespace Landscaper.Tests.Notebooks;

[Collection(Landscaper.Tests.Cli.CliCollection.Name)]
public class NotebooksCommandTests
{
    [Fact]
    public void Run_json_reports_each_notebook_and_fails_when_one_fails()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-cli-nb-").FullName;
        File.WriteAllText(Path.Combine(dir, "a-good.ipynb"), NotebookFiles.Tiny("Console.WriteLine(40 + 2);"));
        File.WriteAllText(Path.Combine(dir, "b-bad.ipynb"), NotebookFiles.Tiny("# md", "throw new InvalidOperationException(\"boom\");"));
        string output = Path.Combine(dir, "out");

        var (exit, json) = CliTestHost.RunJson("notebooks", "run", dir, "--out", output, "--quick");

        Assert.Equal(1, exit);
        Assert.False(json.GetProperty("ok").GetBoolean());
        var notebooks = json.GetProperty("notebooks").EnumerateArray().ToArray();
        Assert.Equal(2, notebooks.Length);
        Assert.Equal("succeeded", notebooks[0].GetProperty("status").GetString());
        Assert.Equal("failed", notebooks[1].GetProperty("status").GetString());
        Assert.Equal(2, notebooks[1].GetProperty("failedCell").GetInt32());
        Assert.Contains("boom", notebooks[1].GetProperty("error").GetString());
        Assert.True(File.Exists(Path.Combine(output, "a-good.ipynb")));
        Assert.Contains("42", File.ReadAllText(Path.Combine(output, "a-good.ipynb")));
    }

    [Fact]
    public void Run_prints_a_table_and_exits_zero_when_all_succeed()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-cli-nb-").FullName;
        File.WriteAllText(Path.Combine(dir, "ok.ipynb"), NotebookFiles.Tiny("1 + 1"));
        var (exit, stdout, _) = CliTestHost.Run("notebooks", "run", Path.Combine(dir, "ok.ipynb"), "--out", Path.Combine(dir, "out"));
        Assert.Equal(0, exit);
        Assert.Contains("ok.ipynb", stdout);
        Assert.Contains("ok", stdout);
    }

    [Fact]
    public void A_notebook_with_nothing_to_run_exits_non_zero()
    {
        string dir = Directory.CreateTempSubdirectory("landscaper-cli-nb-").FullName;
        File.WriteAllText(Path.Combine(dir, "prose.ipynb"), NotebookFiles.Plain("C#", "# Only prose"));
        var (exit, stdout, _) = CliTestHost.Run("notebooks", "run", Path.Combine(dir, "prose.ipynb"), "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, exit);
        Assert.Contains("FAILED", stdout);
    }

    [Fact]
    public void Missing_paths_exit_with_1()
    {
        var (exit, _, err) = CliTestHost.Run("notebooks", "run", "/nonexistent/x.ipynb");
        Assert.Equal(1, exit);
        Assert.Contains("/nonexistent/x.ipynb", err);
    }

    [Fact]
    public void Default_paths_are_the_repository_notebooks()
    {
        var found = NotebooksCommand.Resolve([], Path.Combine(RepoPaths.Root, "src"));
        Assert.Contains(found, p => p.EndsWith("00-smoke.ipynb", StringComparison.Ordinal));
        Assert.Equal(found.Order(StringComparer.Ordinal), found);
    }
}
