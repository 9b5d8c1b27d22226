using System.Text.Json;
using Landscaper.Notebooks;

namespace Landscaper.Tests.Notebooks;

/// <summary>Notebook 04 (issue 14) in quick mode through the in-process runner: every cell runs, every stated result is a passed
/// <c>Claim.That</c>, and the tables and findings it writes are there.</summary>
[Collection(NotebookCollection.Name)]
public class MolecularOodNotebookTests
{
    [Fact]
    public async Task Notebook_04_runs_in_quick_mode_and_checks_its_findings()
    {
        string output = Directory.CreateTempSubdirectory("landscaper-nb04-").FullName;
        var runner = new NotebookRunner(new NotebookRunOptions { OutputDirectory = output, Quick = true, CellTimeout = TimeSpan.FromMinutes(10) });
        var result = await runner.RunAsync(Path.Combine(RepoPaths.NotebooksFolder, "04-molecular-ood.ipynb"));
        Assert.True(result.Succeeded, $"{result.Status} at cell {result.FailedCell}: {result.Error}");

        using var executed = JsonDocument.Parse(File.ReadAllText(result.OutputPath!));
        var code = executed.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToArray();
        Assert.All(code, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("execution_count").ValueKind));
        string text = string.Concat(code.SelectMany(c => c.GetProperty("outputs").EnumerateArray()).Select(o => o.GetRawText()));
        Assert.DoesNotContain("\"output_type\": \"error\"", text);
        Assert.Contains("✓ Answer for homo_lumo_gap_ev", System.Text.RegularExpressions.Regex.Unescape(text));
        Assert.Contains("generated findings were checked", System.Text.RegularExpressions.Regex.Unescape(text));

        string findings = File.ReadAllText(Path.Combine(output, "04-findings.txt"));
        Assert.Contains("Answer for logp", findings);
        var csv = File.ReadAllLines(Path.Combine(output, "04-molecular-ood.csv"));
        Assert.Equal(1 + 24, csv.Length);   // quick preset: 2 labels × 3 splits × 4 models
        Assert.StartsWith("label,split,architecture,config,", csv[0]);
        Assert.True(File.Exists(Path.Combine(output, "04-associations.csv")));
    }
}
