using System.Diagnostics;
using Landscaper.Sampling;

namespace Landscaper.Tests.Sampling;

/// <summary>Runs the built CLI (<c>Landscaper.Cli.dll</c> in the test output folder) as child processes.</summary>
[Collection("Sampling")]
[Trait("Category", "Process")] // child processes: kill/resume and shards; part of the default run (~30 s)
public sealed class SamplingProcessTests
{
    private static readonly string[] Common =
        ["sample", "--model", "mlp-digits", "--epochs", "2", "--samples", "128", "--dims", "2", "--steps", "201", "--distance", "0.02",
         "--seed", "3", "--threads", "1", "--checkpoint-every", "150", "--checkpoint-seconds", "0.2"];

    private static ProcessStartInfo Cli(IEnumerable<string> args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Landscaper.Cli.dll");
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

    private static (int Code, string Out, string Err) RunToEnd(IEnumerable<string> args)
    {
        using var p = Process.Start(Cli(args))!;
        var err = p.StandardError.ReadToEndAsync();
        string o = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(300_000), "child did not finish in 5 minutes");
        return (p.ExitCode, o, err.Result);
    }

    private static SampleFile Reference(string dir)
    {
        var outPath = Path.Combine(dir, "reference.lsamp");
        var (code, _, err) = RunToEnd([.. Common, "--out", outPath]);
        Assert.True(code == 0, err);
        var f = SampleFile.Read(outPath);
        Assert.True(f.IsComplete);
        Assert.True(File.Exists(Path.Combine(dir, "reference.json")));
        Assert.False(File.Exists(outPath + ".partial"));
        return f;
    }

    [Fact]
    public async Task KilledAtRandomMomentsThenResumedIsBitIdentical()
    {
        var dir = TempFolders.Create("sampling");
        var reference = Reference(dir);
        var outPath = Path.Combine(dir, "killed.lsamp");
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
        var resumed = SampleFile.Read(outPath);
        Assert.Null(resumed.Header.FirstDifference(reference.Header));
        Assert.True(resumed.IsComplete);
        BitAssert.SameBits(reference.Values, resumed.Values);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void ShardProcessesMergeBitIdenticallyToOneRun()
    {
        var dir = TempFolders.Create("sampling");
        var reference = Reference(dir);
        var parts = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var part = Path.Combine(dir, $"part-{i}.lsamp");
            var (code, _, err) = RunToEnd([.. Common, "--shard", $"{i}/3", "--out", part]);
            Assert.True(code == 0, err);
            parts.Add(part);
        }
        var merged = Path.Combine(dir, "merged.lsamp");
        var (mcode, mout, merr) = RunToEnd(["merge", .. parts, "--out", merged, "--json"]);
        Assert.True(mcode == 0, merr);
        Assert.Contains("\"points\": 40401", mout);
        var m = SampleFile.Read(merged);
        Assert.Null(m.Header.FirstDifference(reference.Header));
        BitAssert.SameBits(reference.Values, m.Values);

        // An incomplete set is refused with a non-zero exit code and a message on stderr.
        var (bad, _, badErr) = RunToEnd(["merge", parts[0], parts[2], "--out", Path.Combine(dir, "bad.lsamp")]);
        Assert.Equal(1, bad);
        Assert.Contains("missing", badErr);
    }

    [Fact]
    public void JsonOutputHasTimingsAndStdoutIsCleanJson()
    {
        var dir = TempFolders.Create("sampling");
        var outPath = Path.Combine(dir, "small.lsamp");
        var (code, o, err) = RunToEnd(["sample", "--epochs", "1", "--steps", "11", "--out", outPath, "--json"]);
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(o);
        var root = doc.RootElement;
        Assert.Equal(121, root.GetProperty("points").GetInt32());
        foreach (var name in new[] { "seconds", "secondsPerPoint", "forwardSeconds", "overhead" })
            Assert.True(root.GetProperty(name).GetDouble() > 0, name);
        Assert.Equal(Path.GetFullPath(outPath), root.GetProperty("out").GetString());
        Assert.Contains("progress", err);

        var (dry, dout, _) = RunToEnd(["sample", "--epochs", "1", "--steps", "11", "--dry-run", "--out", Path.Combine(dir, "dry.lsamp"), "--json"]);
        Assert.Equal(0, dry);
        using var ddoc = System.Text.Json.JsonDocument.Parse(dout);
        Assert.True(ddoc.RootElement.GetProperty("estimate").GetProperty("estimatedSeconds").GetDouble() > 0);
        Assert.False(File.Exists(Path.Combine(dir, "dry.lsamp")));

        var (badCode, _, badErr) = RunToEnd(["sample", "--steps", "1", "--out", Path.Combine(dir, "bad.lsamp")]);
        Assert.Equal(1, badCode);
        Assert.Contains("steps", badErr);
    }
}
