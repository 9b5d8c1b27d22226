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
    public async Task Notebook_executes_through_nbconvert_with_the_landscaper_kernel(string name)
    {
        string work = Directory.CreateTempSubdirectory("landscaper-jupyter-").FullName;
        // Same notebook, with the first cell's #r paths pointing at this test's build output (which holds every
        // dependency and TorchSharp's natives) instead of src/Landscaper.Notebooks/bin/Release.
        string source = File.ReadAllText(Path.Combine(RepoPaths.NotebooksFolder, name));
        string binary = AppContext.BaseDirectory.TrimEnd('/') + "/";
        string notebook = Path.Combine(work, name);
        File.WriteAllText(notebook, source.Replace("../src/Landscaper.Notebooks/bin/Release/net10.0/", binary, StringComparison.Ordinal));
        Assert.Contains(binary, File.ReadAllText(notebook));

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
            Assert.True(process.ExitCode == 0,
                $"nbconvert exited {process.ExitCode}.{(err.Contains("No such kernel", StringComparison.Ordinal) ? " Run `bash environment/jupyter/setup-kernel.sh`." : "")}\n{output}\n{err}");
        }

        string executed = File.ReadAllText(Path.Combine(work, "out", name));
        using var doc = JsonDocument.Parse(executed);
        var outputs = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToArray();
        Assert.DoesNotContain(outputs, o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains("ready: TorchSharp", executed);      // Setup.Initialize ran: natives loaded
        Assert.Contains("plotly", executed);                 // charts rendered as charts
        if (name != "00-smoke.ipynb") return;
        Assert.Contains("landscaper-landscape", executed);   // our formatter, registered in the kernel
        Assert.Contains("landscaper-frame", executed);       // Deedle (FSharp.Core 10.1) works
        Assert.True(File.Exists(Path.Combine(work, "figures", "00-smoke-heatmap.html")));
    }
}
