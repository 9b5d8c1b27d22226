using System.Diagnostics;
using System.Text.Json;
using Landscaper.Tests.Cli;
using Landscaper.Tests.Sampling;

namespace Landscaper.Tests.Cluster;

/// <summary>
/// The artifact pipeline on a real Slurm cluster (environment/slurm/start-local.sh: a single-node Slurm 22.05 with two CPU
/// slots): a saved digits CNN, its top-4 Hessian directions computed once by a directions job, a 4-D landscape sampled by
/// an 8-task job array (one task killed mid-way with <c>scancel --signal=KILL</c> and requeued, resuming from its
/// checkpoint), merged by a dependent job, then analysed — and the merged file byte-identical to a single-process run.
/// </summary>
/// <remarks>Its own category (<c>Cluster</c>): <c>.ci/run</c> starts the cluster and runs it; on a workstation run
/// <c>bash environment/slurm/start-local.sh</c> first. It fails (never skips) when no cluster answers.</remarks>
[Collection(CliCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class SlurmClusterTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    private static string SlurmConf()
    {
        string conf = Environment.GetEnvironmentVariable("SLURM_CONF")
            ?? Path.Combine(Environment.GetEnvironmentVariable("LANDSCAPER_SLURM_DIR") ?? "/tmp/landscaper-slurm", "etc", "slurm.conf");
        Assert.True(File.Exists(conf), $"no Slurm cluster configuration at {conf}: start the cluster with `bash environment/slurm/start-local.sh`");
        return conf;
    }

    private static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, int timeoutSeconds = 60)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["SLURM_CONF"] = SlurmConf();
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(timeoutSeconds * 1000), $"{file} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        return (p.ExitCode, output, err.GetAwaiter().GetResult());
    }

    private static string Slurm(string command, params string[] args)
    {
        var (code, o, e) = Run(command, args);
        Assert.True(code == 0, $"{command} {string.Join(' ', args)} failed ({code}): {e}");
        return o;
    }

    private static string State(string jobId) =>
        Slurm("scontrol", "show", "job", jobId).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(t => t.StartsWith("JobState=", StringComparison.Ordinal))?["JobState=".Length..] ?? "UNKNOWN";

    private static async Task WaitFor(Func<bool> condition, string what, Stopwatch clock)
    {
        while (!condition())
        {
            Assert.True(clock.Elapsed < Budget, $"gave up waiting for {what} after {clock.Elapsed.TotalSeconds:F0} s\n{Diagnostics()}");
            await Task.Delay(500);
        }
    }

    private static string Diagnostics()
    {
        try { return Slurm("squeue", "-a", "-o", "%i %T %r") + Slurm("sinfo"); }
        catch (Exception ex) { return ex.Message; }
    }

    [Fact]
    public async Task A_4d_landscape_from_saved_artifacts_runs_as_an_array_with_a_killed_and_requeued_shard()
    {
        var clock = Stopwatch.StartNew();
        Slurm("sinfo", "-h");
        string dir = TempFolders.Create("slurm");
        string cli = Path.Combine(AppContext.BaseDirectory, "landscaper.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string landscaper = $"{dotnet} {cli}";

        // 1. The model artifact: a digits CNN trained once, outside the cluster.
        string weights = Path.Combine(dir, "cnn.npz");
        var (tcode, _, terr) = SamplingProcessTests.RunToEnd(["train", "--model", "cnn-digits", "--epochs", "2", "--seed", "5", "--threads", "1", "--out", weights]);
        Assert.True(tcode == 0, terr);

        // 2. The pipeline: directions → 8-task array → merge → analyze.
        string outdir = Path.Combine(dir, "landscape");
        var settings = new Dictionary<string, string>
        {
            ["WEIGHTS"] = weights, ["MODEL"] = "cnn-digits", ["SAMPLES"] = "128", ["KIND"] = "hessian", ["DIMS"] = "4", ["STEPS"] = "11",
            ["DISTANCE"] = "0.05", ["SHARDS"] = "8", ["OUTDIR"] = outdir, ["LANDSCAPER"] = landscaper, ["CHECKPOINT_SECONDS"] = "0.3",
        };
        string script = Path.Combine(RepoPaths.Root, "environment", "slurm", "landscape.sbatch");
        var (scode, sout, serr) = Run("bash", [script], settings);
        Assert.True(scode == 0, serr);
        var ids = sout.Split('\n').Single(l => l.StartsWith("JOBS ", StringComparison.Ordinal))[5..].Split(' ')
            .Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        string array = ids["array"], merge = ids["merge"], analyze = ids["analyze"];

        // 3. Kill one shard mid-way — once it has saved a checkpoint — then requeue it and re-arm the merge dependency.
        const int victim = 5;
        string victimJob = $"{array}_{victim}";
        string checkpoint = Path.Combine(outdir, $"part-{victim}.npz.partial");
        await WaitFor(() => File.Exists(checkpoint) || State(victimJob) is "COMPLETED" or "FAILED", $"shard {victim} to write a checkpoint", clock);
        Assert.True(State(victimJob) == "RUNNING", $"shard {victim} finished before it could be killed ({State(victimJob)}); the test grid is too small");
        Slurm("scancel", "--signal=KILL", victimJob);
        await WaitFor(() => State(victimJob) is "CANCELLED" or "FAILED", $"shard {victim} to die", clock);
        Slurm("scontrol", "requeue", victimJob);
        string all = string.Join(':', Enumerable.Range(0, 8).Select(i => $"{array}_{i}"));
        Slurm("scontrol", "update", $"JobId={merge}", $"Dependency=afterok:{all}");

        // 4. Everything completes; the requeued shard resumed from its checkpoint.
        await WaitFor(() => State(analyze) is "COMPLETED" or "FAILED" or "CANCELLED" || State(merge) is "FAILED" or "CANCELLED", "the merge and analyze jobs", clock);
        Assert.True(State(merge) == "COMPLETED", $"merge: {State(merge)}\n{SafeRead(Path.Combine(outdir, "merge.log"))}");
        Assert.True(State(analyze) == "COMPLETED", $"analyze: {State(analyze)}\n{SafeRead(Path.Combine(outdir, "analyze.log"))}");
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outdir, $"part-{victim}.json"))))
            Assert.True(report.RootElement.GetProperty("pointsResumed").GetInt32() > 0, "the requeued shard did not resume from its checkpoint");
        Assert.Contains("restart 1", SafeRead(Path.Combine(outdir, $"shard-{victim}.log")));

        // 5. sacct: every job and step of the pipeline completed.
        string sacct = Slurm("sacct", "-j", $"{ids["directions"]},{array},{merge},{analyze}", "--format=JobID,State,ExitCode", "--parsable2", "--noheader");
        Console.WriteLine(sacct);
        var lines = sacct.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 11, sacct);
        Assert.All(lines, l => Assert.Contains("|COMPLETED|0:0", l));

        // 6. Byte-identical to a single-process run of the same settings.
        string single = Path.Combine(dir, "single.npz");
        var (code, _, err) = SamplingProcessTests.RunToEnd(["sample", "--model", "cnn-digits", "--weights", weights, "--samples", "128", "--threads", "1",
            "--directions", Path.Combine(outdir, "directions.npz"), "--dims", "4", "--steps", "11", "--distance", "0.05", "--no-progress", "--out", single]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(Path.Combine(outdir, "landscape.npz")));
        using var analysis = JsonDocument.Parse(File.ReadAllText(Path.Combine(outdir, "landscape.analysis.json")));
        Assert.Equal(14641, analysis.RootElement.GetProperty("points").GetInt32());
        Console.WriteLine($"cluster pipeline finished in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static string SafeRead(string path) => File.Exists(path) ? File.ReadAllText(path) : $"({path} missing)";
}
