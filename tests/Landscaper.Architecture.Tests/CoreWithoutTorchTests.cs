using System.Diagnostics;
using System.Text.Json;

namespace Landscaper.Tests.Architecture;

/// <summary>A console program that references only the core layer analyses an .npz with no libtorch, TorchSharp,
/// Plotly.NET or Deedle in its process.</summary>
public class CoreWithoutTorchTests
{
    [Fact]
    public async Task The_core_probe_analyses_an_npz_without_libtorch_in_the_process()
    {
        string probe = Path.Combine(AppContext.BaseDirectory, "Landscaper.Core.Probe.dll");
        Assert.True(File.Exists(probe), $"{probe} was not built");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(probe);
        psi.ArgumentList.Add(RepoPaths.TestData("rosenbrock_2d.npz"));
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "the probe did not finish in 60 s");
        Assert.True(p.ExitCode == 0, await err);

        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        // rosenbrock_2d (10 × 10): SMAD 3.68915 (6 significant digits) and persistence_range 403.567749 in the Python
        // package's reference (docs/topology.md); the probe's numbers come from the core alone.
        Assert.Equal(100, root.GetProperty("points").GetInt32());
        Assert.InRange(root.GetProperty("smad").GetDouble(), 3.68915 * (1 - 1e-5), 3.68915 * (1 + 1e-5));
        Assert.InRange(root.GetProperty("persistenceRange").GetDouble(), 403.567749 - 1e-4, 403.567749 + 1e-4);
        var assemblies = root.GetProperty("assemblies").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains("Landscaper.Core", assemblies);
        foreach (var a in assemblies) Assert.DoesNotMatch("(?i)torch|plotly|deedle|puppeteer|fsharp", a);
        var natives = root.GetProperty("natives").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains(natives, n => n.Contains("libcoreclr", StringComparison.Ordinal)); // the maps were really read
        foreach (var n in natives) Assert.DoesNotMatch("(?i)torch|libc10|gomp|dnnl", Path.GetFileName(n));
    }
}
