using System.Diagnostics;
using System.Text.Json;
using Landscaper.Notebooks;

namespace Landscaper.Tests.Notebooks;

/// <summary>The Jupyter path: <c>jupyter nbconvert --execute</c> with the "Landscaper (C#)" kernel made by
/// environment/jupyter/setup-kernel.sh (run by environment/setup.sh, hence by .ci/run).</summary>
[Collection(NotebookCollection.Name)]
[Trait("Category", "Jupyter")]
public class JupyterKernelTests
{
    private const string KernelName = "landscaper-csharp";

    [Theory]
    [InlineData("00-smoke.ipynb")]
    [InlineData("01-loss-landscapes-and-topology.ipynb")]
    [InlineData("03-language-model-fine-tuning.ipynb")]
    [InlineData("04-molecular-ood.ipynb")]
    [InlineData("05-your-own-model.ipynb")]
    [InlineData("06-prototype-a-metric.ipynb")]
    public async Task Notebook_executes_through_nbconvert_with_the_landscaper_kernel(string name)
    {
        RequireCurrentFeed();
        string kernelErrors;
        // The notebook as a researcher would use it: copied to a folder outside the repository. Its first cell
        // (`#r "nuget: Landscaper.Notebooks, 0.3.0-*"`) resolves the packages environment/setup.sh put in the local feed,
        // and Setup.RepositoryRoot finds data/ through the kernel's LANDSCAPER_REPOSITORY.
        string work = Directory.CreateTempSubdirectory("landscaper-jupyter-").FullName;
        string notebook = Path.Combine(work, name);
        File.Copy(Path.Combine(RepoPaths.NotebooksFolder, name), notebook);
        using (var original = JsonDocument.Parse(File.ReadAllText(notebook)))
        {
            string firstCode = string.Concat(original.RootElement.GetProperty("cells").EnumerateArray()
                .First(c => c.GetProperty("cell_type").GetString() == "code").GetProperty("source").EnumerateArray().Select(l => l.GetString()));
            Assert.StartsWith(Setup.FirstCell.Split('\n')[0], firstCode, StringComparison.Ordinal);
        }

        var psi = new ProcessStartInfo("jupyter")
        {
            ArgumentList =
            {
                "nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={KernelName}",
                "--ExecutePreprocessor.timeout=600", "--output-dir", Path.Combine(work, "out"), notebook,
            },
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment[NotebookMode.EnvironmentVariable] = NotebookMode.Quick;
        psi.Environment[Figures.DirectoryVariable] = Path.Combine(work, "figures");
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"`jupyter` is not installed ({ex.Message}); run `bash environment/setup.sh`.");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try { await process.WaitForExitAsync(limit.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException("nbconvert did not finish within 10 minutes.");
            }
            string err = await stderr, output = await stdout;
            kernelErrors = err;
            Assert.True(process.ExitCode == 0,
                $"nbconvert exited {process.ExitCode}.{(err.Contains("No such kernel", StringComparison.Ordinal) ? " Run `bash environment/jupyter/setup-kernel.sh`." : "")}\n{output}\n{err}");
        }

        string executed = File.ReadAllText(Path.Combine(work, "out", name));
        using var doc = JsonDocument.Parse(executed);
        var outputs = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToArray();
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        // A quiet kernel: no telemetry banner or hosting log lines in printed outputs or on nbconvert's stderr.
        string printed = string.Concat(outputs.Where(o => o.GetProperty("output_type").GetString() == "stream")
            .SelectMany(o => o.GetProperty("text").EnumerateArray()).Select(t => t.GetString())) + kernelErrors;
        Assert.DoesNotContain("telemetry", printed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Microsoft.Hosting", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", printed, StringComparison.Ordinal);
        Assert.Contains("ready: TorchSharp", executed);      // Setup.Initialize ran: natives loaded
        Assert.Contains("plotly", executed);                 // charts rendered as charts
        if (name != "00-smoke.ipynb") return;
        Assert.Contains("landscaper-landscape", executed);   // our formatter, registered in the kernel
        Assert.Contains("landscaper-frame", executed);       // Deedle (FSharp.Core 10.1) works
        Assert.True(File.Exists(Path.Combine(work, "figures", "00-smoke-heatmap.html")));
    }

    /// <summary>The local feed must hold packages built from the current sources, else Jupyter would run older code.</summary>
    private static void RequireCurrentFeed()
    {
        string feed = Path.Combine(RepoPaths.Root, ".landscaper-cache", "feed");
        var package = Directory.Exists(feed)
            ? new DirectoryInfo(feed).GetFiles("Landscaper.Notebooks.*.nupkg").MaxBy(f => f.LastWriteTimeUtc)
            : null;
        if (package is null)
            throw new Xunit.Sdk.XunitException($"No Landscaper.Notebooks package in {feed}: run `bash environment/setup.sh`.");
        var newest = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => new FileInfo(f)).MaxBy(f => f.LastWriteTimeUtc)!;
        if (newest.LastWriteTimeUtc > package.LastWriteTimeUtc)
            throw new Xunit.Sdk.XunitException(
                $"{package.Name} is older than {Path.GetRelativePath(RepoPaths.Root, newest.FullName)}: run `bash environment/setup.sh` so that Jupyter sees the current sources.");
    }
}
