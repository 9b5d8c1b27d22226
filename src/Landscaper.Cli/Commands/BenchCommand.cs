using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.Topology;
using Landscaper.Metrics;
using Landscaper.Synthetic;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper bench topology [--runs N] [--json]</c>: times the full topology analysis on seeded smooth
/// random fields (sums of Gaussians) of several sizes.</summary>
public static class BenchCommand
{
    /// <summary>The benchmark cases: (dimensions, steps per axis).</summary>
    public static IReadOnlyList<(int Dims, int Steps)> TopologyCases { get; } = [(2, 41), (3, 21), (4, 11), (3, 101), (4, 41)];

    /// <summary>Extra worst-case rows on white noise (many extrema): (dimensions, steps per axis).</summary>
    public static IReadOnlyList<(int Dims, int Steps)> NoiseCases { get; } = [(2, 41), (3, 101)];

    /// <summary>Creates <c>bench</c> with its <c>topology</c> subcommand.</summary>
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs per case (the median is reported).", DefaultValueFactory = _ => 5 };
        var topology = new Command("topology", "Time LandscapeTopology.Analyze (both merge trees, basins, pairs, SMAD) single-threaded.");
        topology.Options.Add(runs);
        topology.SetAction(result =>
        {
            int n = result.GetValue(runs);
            if (n < 1) { result.Err().WriteLine("bench topology: --runs must be ≥ 1."); return 1; }
            var rows = TopologyCases.Select(c => RunCase(c.Dims, c.Steps, n, noise: false))
                .Concat(NoiseCases.Select(c => RunCase(c.Dims, c.Steps, n, noise: true))).ToArray();
            var report = new TopologyBenchReport(Environment.ProcessorCount, Environment.Version.ToString(), n, rows);
            if (result.WantsJson()) { result.WriteJson(report); return 0; }
            var o = result.Out();
            o.WriteLine($"Topology analysis, median of {n} runs, {Environment.ProcessorCount} cores visible (analysis is single-threaded), .NET {Environment.Version}");
            o.WriteLine($"{"case",-14} {"points",10} {"mergeTree ms",13} {"basins ms",10} {"total ms",10} {"alloc MB",9} {"B/point",8} {"minima",7} {"maxima",7}");
            foreach (var r in rows)
                o.WriteLine($"{r.Case,-14} {r.Points,10} {r.MergeTreeMs,13:F2} {r.BasinsMs,10:F2} {r.TotalMs,10:F2} {r.AllocatedBytes / 1e6,9:F1} {r.AllocatedBytesPerPoint,8:F1} {r.Minima,7} {r.Maxima,7}");
            return 0;
        });
        var bench = new Command("bench", "Micro-benchmarks of the engine.");
        bench.Subcommands.Add(topology);
        bench.Subcommands.Add(BenchHessian.CreateSubcommand());
        bench.Subcommands.Add(BenchSampling.Create());
        return bench;
    }

    /// <summary>Times one case (smooth Gaussian bumps, or white noise when <paramref name="noise"/>): a warm-up run, then <paramref name="runs"/> timed runs; reports medians and the bytes
    /// allocated by one analysis on this thread (the landscape values themselves are allocated before timing).</summary>
    public static TopologyBenchRow RunCase(int dims, int steps, int runs, bool noise = false)
    {
        var landscape = noise ? SyntheticLandscapes.WhiteNoise(dims, steps, seed: 7) : SyntheticLandscapes.GaussianBumps(dims, steps, seed: 7);
        var analysis = LandscapeTopology.Analyze(landscape); // warm-up (JIT)
        var merge = new double[runs];
        var basins = new double[runs];
        var total = new double[runs];
        long allocated = long.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            long before = GC.GetAllocatedBytesForCurrentThread();
            analysis = LandscapeTopology.Analyze(landscape);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            (merge[i], basins[i], total[i]) = (analysis.Timings.MergeTree, analysis.Timings.Basins, analysis.Timings.Total);
        }
        return new TopologyBenchRow(noise ? $"noise {steps}^{dims}" : $"{steps}^{dims}", landscape.Count, Median(merge) * 1e3, Median(basins) * 1e3, Median(total) * 1e3,
            allocated, (double)allocated / landscape.Count, analysis.SublevelTree.LeafCount, analysis.SuperlevelTree.LeafCount);
    }

    private static double Median(double[] xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}

/// <summary><c>bench topology --json</c> document.</summary>
/// <param name="ProcessorCount">Logical cores visible.</param>
/// <param name="Runtime">.NET runtime version.</param>
/// <param name="Runs">Timed runs per case.</param>
/// <param name="Cases">One row per case.</param>
public sealed record TopologyBenchReport(int ProcessorCount, string Runtime, int Runs, TopologyBenchRow[] Cases);

/// <summary>One benchmark case.</summary>
/// <param name="Case">steps^dims.</param>
/// <param name="Points">Grid points.</param>
/// <param name="MergeTreeMs">Median ms: sort and both merge trees.</param>
/// <param name="BasinsMs">Median ms: both basin labellings.</param>
/// <param name="TotalMs">Median ms: the whole analysis.</param>
/// <param name="AllocatedBytes">Bytes allocated by one analysis (minimum over runs).</param>
/// <param name="AllocatedBytesPerPoint">AllocatedBytes / Points.</param>
/// <param name="Minima">Minima found.</param>
/// <param name="Maxima">Maxima found.</param>
public sealed record TopologyBenchRow(string Case, int Points, double MergeTreeMs, double BasinsMs, double TotalMs,
    long AllocatedBytes, double AllocatedBytesPerPoint, int Minima, int Maxima);
