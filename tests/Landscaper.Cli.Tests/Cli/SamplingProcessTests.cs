using System.Diagnostics;
using Landscaper.IO;
using Landscaper.Sampling;

namespace Landscaper.Tests.Sampling;

/// <summary>Runs the built CLI (<c>landscaper.dll</c> in the test output folder) as child processes: kill -9 at random
/// moments then resume, shards merged, concurrent runs to one output.</summary>
[Collection(Landscaper.Tests.Cli.CliCollection.Name)]
[Trait("Category", "Process")] // child processes: kill/resume and shards; part of the default run (~40 s)
public sealed class SamplingProcessTests
{
    private static readonly string[] Common =
        ["sample", "--model", "mlp-digits", "--epochs", "2", "--samples", "128", "--dims", "2", "--steps", "201", "--distance", "0.02",
         "--seed", "3", "--threads", "1", "--checkpoint-every", "150", "--checkpoint-seconds", "0.2"];

    internal static ProcessStartInfo Cli(IEnumerable<string> args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "landscaper.dll");
        Assert.True(File.Exists(dll), $"{dll} not found");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        psi.Environment["OMP_NUM_THREADS"] = "1";
        return psi;
    }

    internal static (int Code, string Out, string Err) RunToEnd(IEnumerable<string> args)
    {
        using var p = Process.Start(Cli(args))!;
        var err = p.StandardError.ReadToEndAsync();
        string o = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(300_000), "child did not finish in 5 minutes");
        return (p.ExitCode, o, err.GetAwaiter().GetResult());
    }

    private static string Reference(string dir)
    {
        var outPath = Path.Combine(dir, "reference.npz");
        var (code, _, err) = RunToEnd([.. Common, "--out", outPath]);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(dir, "reference.json")));
        Assert.False(File.Exists(outPath + ".partial"));
        return outPath;
    }

    [Fact]
    public async Task KilledAtRandomMomentsThenResumedIsByteIdentical()
    {
        var dir = TempFolders.Create("sampling");
        var reference = Reference(dir);
        var outPath = Path.Combine(dir, "killed.npz");
        var rng = new Random(20240611);
        int kills = 0, attempts = 0;
        while (kills < 4 && attempts < 10 && !File.Exists(outPath))
        {
            attempts++;
            var args = attempts == 1 ? [.. Common, "--out", outPath] : (string[])[.. Common, "--out", outPath, "--resume"];
            using var p = Process.Start(Cli(args))!;
            var started = new TaskCompletionSource();
            p.ErrorDataReceived += (_, e) => { if (e.Data?.StartsWith("progress", StringComparison.Ordinal) == true) started.TrySetResult(); };
            p.BeginErrorReadLine();
            _ = p.StandardOutput.ReadToEndAsync();
            await Task.WhenAny(started.Task, p.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
            // A random moment while sampling (possibly during a checkpoint write): the 201² grid takes several seconds at
            // ~10,000 points/s, so each kill leaves work for the next attempt.
            await Task.Delay(rng.Next(0, 300));
            if (!p.HasExited) { p.Kill(entireProcessTree: true); kills++; }
            await p.WaitForExitAsync();
        }
        Assert.True(kills >= 2, $"only {kills} kills landed");
        if (!File.Exists(outPath))
        {
            var (code, _, err) = RunToEnd([.. Common, "--out", outPath, "--resume"]);
            Assert.True(code == 0, err);
        }
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(outPath));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.False(File.Exists(outPath + ".partial"));
    }

    [Fact]
    public void ShardProcessesMergeByteIdenticallyToOneRun()
    {
        var dir = TempFolders.Create("sampling");
        var reference = Reference(dir);
        var parts = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var part = Path.Combine(dir, $"part-{i}.npz");
            var (code, _, err) = RunToEnd([.. Common, "--shard", $"{i}/3", "--out", part]);
            Assert.True(code == 0, err);
            parts.Add(part);
        }
        var merged = Path.Combine(dir, "merged.npz");
        var (mcode, mout, merr) = RunToEnd(["merge", .. parts, "--out", merged, "--json"]);
        Assert.True(mcode == 0, merr);
        Assert.Contains("\"points\": 40401", mout);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(merged));

        // An incomplete set is refused with exit code 1 and a message that names the missing shard.
        var (bad, _, badErr) = RunToEnd(["merge", parts[0], parts[2], "--out", Path.Combine(dir, "bad.npz")]);
        Assert.Equal(1, bad);
        Assert.Contains("missing: 1/3", badErr);
        Assert.False(File.Exists(Path.Combine(dir, "bad.npz")));
    }

    [Fact]
    public async Task A_second_run_to_the_same_output_fails_fast_and_the_first_result_is_intact()
    {
        var dir = TempFolders.Create("sampling");
        var outPath = Path.Combine(dir, "shared.npz");
        using var first = Process.Start(Cli([.. Common, "--out", outPath]))!;
        var started = new TaskCompletionSource();
        first.ErrorDataReceived += (_, e) => { if (e.Data?.StartsWith("progress", StringComparison.Ordinal) == true) started.TrySetResult(); };
        first.BeginErrorReadLine();
        _ = first.StandardOutput.ReadToEndAsync();
        await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.False(first.HasExited, "the first run ended before the second could start");
        var sw = Stopwatch.StartNew();
        var (code, _, err) = RunToEnd([.. Common.Select(a => a == "3" ? "4" : a), "--out", outPath]);
        sw.Stop();
        Assert.Equal(1, code);
        Assert.Contains("is being written by landscaper sample (pid", err);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(15), $"the refusal took {sw.Elapsed.TotalSeconds:F1} s (it should come before training)");
        await first.WaitForExitAsync();
        Assert.Equal(0, first.ExitCode);
        var header = SampleMerge.ReadHeader(outPath)!;
        Assert.Equal("3", header.Info!["seed"]);
        Assert.Equal(40401, Npz.ReadLandscape(outPath).Count);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void JsonOutputHasTimingsAndStdoutIsCleanJson()
    {
        var dir = TempFolders.Create("sampling");
        var outPath = Path.Combine(dir, "small.npz");
        var (code, o, err) = RunToEnd(["sample", "--epochs", "1", "--steps", "11", "--out", outPath, "--json"]);
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(o);
        var root = doc.RootElement;
        Assert.Equal(121, root.GetProperty("points").GetInt32());
        foreach (var name in new[] { "seconds", "secondsPerPoint", "forwardSeconds", "overhead" })
            Assert.True(root.GetProperty(name).GetDouble() > 0, name);
        Assert.Equal(Path.GetFullPath(outPath), root.GetProperty("out").GetString());
        Assert.Equal(64, root.GetProperty("modelFingerprint").GetString()!.Length);
        Assert.Contains("progress", err);

        var (dry, dout, _) = RunToEnd(["sample", "--epochs", "1", "--steps", "11", "--dry-run", "--out", Path.Combine(dir, "dry.npz"), "--json"]);
        Assert.Equal(0, dry);
        using var ddoc = System.Text.Json.JsonDocument.Parse(dout);
        Assert.True(ddoc.RootElement.GetProperty("estimate").GetProperty("estimatedSeconds").GetDouble() > 0);
        Assert.False(File.Exists(Path.Combine(dir, "dry.npz")));

        var (badCode, _, badErr) = RunToEnd(["sample", "--steps", "1", "--out", Path.Combine(dir, "bad.npz")]);
        Assert.Equal(1, badCode);
        Assert.Contains("--steps", badErr);
    }
}
