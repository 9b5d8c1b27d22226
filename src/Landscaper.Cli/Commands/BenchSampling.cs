using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using Landscaper.Sampling;
using TorchSharp;
using Landscaper.ParameterSpace;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper bench sampling</c>: time per sampled point against one bare forward pass, on the built-in digits
/// MLP and CNN, for 41² and 21³ grids.</summary>
public static class BenchSampling
{
    /// <summary>The Python package's measured cost per point (4,810-parameter MLP, 256 samples, 1 thread), in seconds.</summary>
    public const double PythonSecondsPerPoint = 0.83e-3;

    /// <summary>Creates the <c>sampling</c> sub-command (to be placed under <c>bench</c>).</summary>
    public static Command Create()
    {
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 1 };
        var models = new Option<string>("--models") { Description = "Comma-separated built-in models.", DefaultValueFactory = _ => "mlp-digits,cnn-digits" };
        var grids = new Option<string>("--grids") { Description = "Comma-separated grids as steps^dims, e.g. 41^2,21^3.", DefaultValueFactory = _ => "41^2,21^3" };
        var repeats = new Option<int>("--repeats") { Description = "Runs per case; the fastest run and the fastest forward timing are reported (robust to load from other processes).", DefaultValueFactory = _ => 3 };
        var cmd = new Command("sampling", "Benchmark the sampling engine: time per point / bare forward pass, points per second.");
        cmd.Options.Add(threads);
        cmd.Options.Add(models);
        cmd.Options.Add(grids);
        cmd.Options.Add(repeats);
        cmd.SetAction(result =>
        {
            var report = Run(result.GetValue(threads), result.GetValue(models)!.Split(','), result.GetValue(grids)!.Split(','), result.GetValue(repeats), result.Err());
            if (result.WantsJson()) result.WriteJson(report);
            else
            {
                var o = result.Out();
                o.WriteLine($"threads {report.Threads}, cores {report.Cores}");
                o.WriteLine($"{"model",-11} {"grid",-6} {"points",7} {"ms/point",9} {"fwd ms",8} {"overhead",8} {"points/s",9} {"vs Python",9} {"cpu ms/pt",9} {"cpu fwd",8} {"cpu ovh",8} {"vs loss",8}");
                foreach (var c in report.Cases)
                    o.WriteLine($"{c.Model,-11} {c.Grid,-6} {c.Points,7} {c.SecondsPerPoint * 1e3,9:F4} {c.ForwardSeconds * 1e3,8:F4} {c.Overhead,8:F3} {c.PointsPerSecond,9:F0} {c.SpeedupVsPython,8:F2}× {c.CpuSecondsPerPoint * 1e3,9:F4} {c.ForwardCpuSeconds * 1e3,8:F4} {c.CpuOverhead,8:F3} {c.MachineryOverhead,8:F3}");
            }
            return 0;
        });
        return cmd;
    }

    /// <summary>Runs the benchmark.</summary>
    /// <param name="threads">libtorch threads.</param>
    /// <param name="models">Built-in model names.</param>
    /// <param name="grids">Grids as "steps^dims".</param>
    /// <param name="repeats">Runs per case (≥ 1); the fastest run and the fastest forward timing (measured between runs) are kept.</param>
    /// <param name="log">Progress lines, or null.</param>
    public static BenchSamplingReport Run(int threads, IReadOnlyList<string> models, IReadOnlyList<string> grids, int repeats = 3, TextWriter? log = null)
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(threads);
        var cases = new List<BenchSamplingCase>();
        foreach (var name in models)
        {
            var trained = BuiltInModel.Create(name.Trim(), seed: 0, epochs: 5, analysisSamples: 256);
            var selection = ParameterSelection.All(trained.Model);
            foreach (var g in grids)
            {
                var parts = g.Trim().Split('^');
                int steps = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                int dims = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                DirectionSet dirs = RandomDirections.Orthonormal(selection, dims, seed: 1);
                var sampler = new LandscapeSampler(dirs, trained.AnalysisBatches, new SamplingOptions(SamplingGrid.Symmetric(dims, steps, 0.01)) { ModelName = name });
                double fwd = LandscapeSampler.ForwardSeconds(trained.Model, trained.AnalysisBatches, 200);
                double fwdCpu = ForwardCpuSeconds(trained, 200);
                double fnCpu = FunctionCpuSeconds(trained, 200);
                SamplingResult? run = null;
                double cpuPerPoint = double.PositiveInfinity;
                for (int r = 0; r < Math.Max(repeats, 1); r++)
                {
                    double c0 = ThreadCpuSeconds();
                    var next = sampler.Run();
                    // CPU time of this thread (libtorch runs on it with 1 thread); the 1 + 5 preflight evaluations are included.
                    cpuPerPoint = Math.Min(cpuPerPoint, (ThreadCpuSeconds() - c0) / (next.PointsEvaluated + 6));
                    if (run is null || next.Seconds < run.Seconds) run = next;
                    fwd = Math.Min(fwd, LandscapeSampler.ForwardSeconds(trained.Model, trained.AnalysisBatches, 200));
                    fwdCpu = Math.Min(fwdCpu, ForwardCpuSeconds(trained, 200));
                    fnCpu = Math.Min(fnCpu, FunctionCpuSeconds(trained, 200));
                }
                ArgumentNullException.ThrowIfNull(run);
                var c = new BenchSamplingCase(name, g.Trim(), run.PointsEvaluated, selection.Count, trained.AnalysisBatches.Sum(b => (int)b.Size),
                    run.Seconds, run.SecondsPerPoint, fwd, run.SecondsPerPoint / fwd, run.PointsEvaluated / run.Seconds,
                    PythonSecondsPerPoint / run.SecondsPerPoint, cpuPerPoint, fwdCpu, cpuPerPoint / fwdCpu, fnCpu, cpuPerPoint / fnCpu);
                log?.WriteLine($"{c.Model} {c.Grid}: {c.SecondsPerPoint * 1e3:F4} ms/point, forward {c.ForwardSeconds * 1e3:F4} ms, overhead {c.Overhead:F3}; thread CPU {c.CpuSecondsPerPoint * 1e3:F4} ms/point, forward {c.ForwardCpuSeconds * 1e3:F4} ms, overhead {c.CpuOverhead:F3}; loss alone {c.FunctionCpuSeconds * 1e3:F4} ms → machinery {c.MachineryOverhead:F3}");
                cases.Add(c);
            }
        }
        return new BenchSamplingReport(threads, Environment.ProcessorCount, cases);
    }

    /// <summary>Thread CPU time in seconds (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; wall time elsewhere).</summary>
    public static double ThreadCpuSeconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(3, out var ts) == 0) return ts.Seconds + ts.Nanoseconds * 1e-9;
        return System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
    }

    private static double ForwardCpuSeconds(TrainedModel trained, int repeats)
    {
        LandscapeSampler.ForwardSeconds(trained.Model, trained.AnalysisBatches, 3);
        var times = new double[5];
        for (int r = 0; r < times.Length; r++)
        {
            double c0 = ThreadCpuSeconds();
            LandscapeSampler.ForwardSeconds(trained.Model, trained.AnalysisBatches, repeats);
            times[r] = (ThreadCpuSeconds() - c0) / (repeats + 3);
        }
        return times.Min();
    }

    private static double FunctionCpuSeconds(TrainedModel trained, int repeats)
    {
        using var _ = torch.no_grad();
        trained.Model.eval();
        var times = new double[5];
        for (int r = 0; r < times.Length; r++)
        {
            double c0 = ThreadCpuSeconds();
            for (int i = 0; i < repeats; i++)
                using (torch.NewDisposeScope()) ScalarFunction.Loss.Evaluate(trained.Model, trained.AnalysisBatches);
            times[r] = (ThreadCpuSeconds() - c0) / repeats;
        }
        return times.Min();
    }

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}

/// <summary>Result of <c>landscaper bench sampling</c>.</summary>
/// <param name="Threads">libtorch threads.</param>
/// <param name="Cores">Logical processors of the machine.</param>
/// <param name="Cases">One entry per model and grid.</param>
public sealed record BenchSamplingReport(int Threads, int Cores, IReadOnlyList<BenchSamplingCase> Cases);

/// <summary>One benchmark case.</summary>
/// <param name="Model">Built-in model.</param>
/// <param name="Grid">"steps^dims".</param>
/// <param name="Points">Points sampled.</param>
/// <param name="Parameters">Number of parameters.</param>
/// <param name="Samples">Samples in the batches.</param>
/// <param name="Seconds">Wall time of the evaluation loop (fastest run).</param>
/// <param name="SecondsPerPoint">Seconds per point (fastest run).</param>
/// <param name="ForwardSeconds">Bare forward pass (median of 200, the lowest of the timings before and between runs).</param>
/// <param name="Overhead">SecondsPerPoint / ForwardSeconds.</param>
/// <param name="PointsPerSecond">Points per second.</param>
/// <param name="SpeedupVsPython">Python's 0.83 ms/point divided by SecondsPerPoint (meaningful for the MLP only).</param>
/// <param name="CpuSecondsPerPoint">Thread CPU seconds per point (insensitive to other processes' load; includes the preflight).</param>
/// <param name="ForwardCpuSeconds">Thread CPU seconds of one bare forward pass.</param>
/// <param name="CpuOverhead">CpuSecondsPerPoint / ForwardCpuSeconds.</param>
/// <param name="FunctionCpuSeconds">Thread CPU seconds of the loss (forward + cross-entropy) alone at θ0.</param>
/// <param name="MachineryOverhead">CpuSecondsPerPoint / FunctionCpuSeconds: what the sampler adds to the scalar function.</param>
public sealed record BenchSamplingCase(string Model, string Grid, int Points, long Parameters, int Samples, double Seconds, double SecondsPerPoint,
    double ForwardSeconds, double Overhead, double PointsPerSecond, double SpeedupVsPython, double CpuSecondsPerPoint, double ForwardCpuSeconds,
    double CpuOverhead, double FunctionCpuSeconds, double MachineryOverhead);
