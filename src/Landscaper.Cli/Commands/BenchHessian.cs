using Landscaper.Cli.Output;
using System.CommandLine;
using System.Diagnostics;
using Landscaper.Hessian;
using Landscaper.Models;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper bench hessian</c>: products needed by Lanczos vs power iteration for the top eigenpairs, and
/// the cost of one Hessian-vector product relative to one gradient, on the built-in digits models with 1 thread.</summary>
public static class BenchHessian
{
    /// <summary>The models benchmarked: the digits MLP and CNN the Hessian targets are stated for.</summary>
    public static IReadOnlyList<string> BenchModels { get; } = ["mlp-digits", "cnn-digits"];

    /// <summary>Creates the <c>hessian</c> subcommand of <c>bench</c>.</summary>
    public static Command CreateSubcommand()
    {
        var top = new Option<int>("--top") { Description = "Eigenpairs to find.", DefaultValueFactory = _ => 3 };
        var tol = new Option<double>("--tolerance") { Description = "Relative residual ‖Hv − λv‖/|λ| both solvers must reach.", DefaultValueFactory = _ => 1e-3 };
        var reps = new Option<int>("--repetitions") { Description = "Timed repetitions of a gradient / a product.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Seed of training and solvers.", DefaultValueFactory = _ => 0 };
        var dtype = new Option<string>("--dtype") { Description = "Model dtype: float64 (default) or float32.", DefaultValueFactory = _ => "float64" };
        dtype.AcceptOnlyFromAmong("float64", "float32");
        var hessian = new Command("hessian", "HVP counts of Lanczos vs power iteration (top eigenpairs at a relative residual) and HVP cost / gradient cost, 1 thread.");
        foreach (var o in new Option[] { top, tol, reps, seed, dtype }) hessian.Options.Add(o);
        hessian.SetAction(result =>
        {
            var dt = result.GetValue(dtype) == "float32" ? ScalarType.Float32 : ScalarType.Float64;
            var rows = BenchModels.Select(m => Run(m, result.GetValue(top), result.GetValue(tol), result.GetValue(reps), result.GetValue(seed), dt)).ToArray();
            var report = new BenchHessianReport(1, rows);
            if (result.WantsJson()) result.WriteJson(report);
            else
            {
                var o = result.Out();
                o.WriteLine($"dtype {rows[0].Dtype}, 1 thread; times: fastest of {result.GetValue(reps)} (median ratio in brackets)");
                o.WriteLine("model        params  lanczos HVPs  power HVPs  ratio   grad ms  HVP ms  HVP/grad        cached HVP/grad");
                foreach (var r in rows)
                    o.WriteLine($"{r.Model,-12} {r.Parameters,6}  {r.LanczosHvps,12}  {r.PowerHvps,10}  {r.HvpRatio,5:F3}  {r.GradientMs,7:F3}  {r.HvpMs,6:F3}  {r.HvpOverGradient,8:F2} ({r.MedianHvpOverGradient:F2})  {r.CachedHvpOverGradient,15:F2}");
            }
            return 0;
        });
        return hessian;
    }

    /// <summary>Runs the benchmark for one built-in model with torch set to 1 thread (restored afterwards).</summary>
    /// <param name="model">Built-in model name.</param>
    /// <param name="top">Eigenpairs.</param>
    /// <param name="tolerance">Relative residual target for both solvers.</param>
    /// <param name="repetitions">Timed repetitions (medians are reported).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="dtype">Model dtype. Float64 by default: in float32 the CNN's products are not symmetric to 1e-3
    /// (see docs/hessian.md), so no solver can reach the residual target there.</param>
    public static BenchHessianRow Run(string model, int top = 3, double tolerance = 1e-3, int repetitions = 50, int seed = 0, ScalarType dtype = ScalarType.Float64)
    {
        if (repetitions < 1) throw new ArgumentOutOfRangeException(nameof(repetitions), repetitions, "Must be ≥ 1.");
        Native.TorchNative.EnsureLoaded();
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            var trained = BuiltInModel.Create(model, seed, 10, 256, dtype);
            var sel = ParameterSelection.All(trained.Model);
            using var op = new HessianOperator(sel, trained.AnalysisBatches);
            // Lanczos with residuals measured by true products (counted), so both solvers report measured residuals.
            var lz = Lanczos.TopEigenpairs(op, top, new LanczosOptions(Tolerance: tolerance, Seed: seed));
            var pw = PowerIteration.TopEigenpairs(op, top, new PowerIterationOptions(Tolerance: tolerance, MaxIterations: 2000, Rule: PowerStopRule.RelativeResidual, Seed: seed));
            double asymmetry = op.SymmetryError(seed);
            var pwRef = PowerIteration.TopEigenpairs(op, top, new PowerIterationOptions(Seed: seed));

            using var cached = new HessianOperator(sel, trained.AnalysisBatches, null, new HessianOptions(CacheGradients: true));
            var v = FlatRandom(op.Dimension, seed);
            // Gradient, product and cached product are timed interleaved, so that load from other processes affects
            // them alike; ratios use the fastest run of each (least disturbed) and, for comparison, the medians.
            var (grad, hvp, cachedHvp) = (new double[repetitions], new double[repetitions], new double[repetitions]);
            for (int i = -Math.Min(5, repetitions); i < repetitions; i++) // negative i: warm-up
            {
                double g = TimeMs(() => op.Gradient());
                double h = TimeMs(() => op.Apply(v));
                double c = TimeMs(() => cached.Apply(v));
                if (i >= 0) (grad[i], hvp[i], cachedHvp[i]) = (g, h, c);
            }
            return new BenchHessianRow(model, dtype.ToString().ToLowerInvariant(), op.Dimension, top, tolerance, lz.Hvps, lz.Converged, lz.Eigenvalues,
                lz.Residuals.Select((r, i) => r / Math.Abs(lz.Eigenvalues[i])).ToArray(),
                pw.Hvps, pw.Converged, pw.Eigenvalues, pw.Residuals.Select((r, i) => r / Math.Abs(pw.Eigenvalues[i])).ToArray(),
                pwRef.Hvps, (double)lz.Hvps / pw.Hvps, grad.Min(), hvp.Min(), hvp.Min() / grad.Min(), cachedHvp.Min() / grad.Min(),
                Median(grad), Median(hvp), Median(hvp) / Median(grad), asymmetry);
        }
        finally { torch.set_num_threads(threads); }
    }

    private static Tensor FlatRandom(long n, int seed)
    {
        var g = new Generator((ulong)seed);
        var v = randn(new[] { n }, dtype: ScalarType.Float64, generator: g);
        return v / v.norm();
    }

    private static double TimeMs(Action action)
    {
        using var scope = NewDisposeScope();
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalMilliseconds;
    }

    private static double Median(double[] xs)
    {
        var sorted = xs.OrderBy(x => x).ToArray();
        return sorted[sorted.Length / 2];
    }
}

/// <summary>Result of <c>landscaper bench hessian</c>.</summary>
/// <param name="Threads">Torch threads used.</param>
/// <param name="Models">One row per model.</param>
public sealed record BenchHessianReport(int Threads, IReadOnlyList<BenchHessianRow> Models);

/// <summary>One model's benchmark numbers.</summary>
/// <param name="Model">Built-in model.</param>
/// <param name="Dtype">Model dtype.</param>
/// <param name="Parameters">Hessian dimension.</param>
/// <param name="Top">Eigenpairs.</param>
/// <param name="Tolerance">Relative-residual target.</param>
/// <param name="LanczosHvps">Products used by Lanczos (including the residual checks).</param>
/// <param name="LanczosConverged">Whether Lanczos met the target.</param>
/// <param name="LanczosEigenvalues">Lanczos eigenvalues.</param>
/// <param name="LanczosRelativeResiduals">Measured ‖Hv − λv‖/|λ| per Lanczos pair.</param>
/// <param name="PowerHvps">Products used by power iteration with deflation stopping on the same relative residual.</param>
/// <param name="PowerConverged">Whether power iteration met the target within 2,000 products per pair.</param>
/// <param name="PowerEigenvalues">Power-iteration eigenvalues.</param>
/// <param name="PowerRelativeResiduals">Relative residuals per power pair.</param>
/// <param name="PowerReferenceRuleHvps">Products of power iteration with the reference rule (Rayleigh change &lt; 1e-3, ≤ 100 per pair).</param>
/// <param name="HvpRatio">LanczosHvps / PowerHvps (target ≤ 1/3).</param>
/// <param name="GradientMs">Fastest time of one gradient (forward + backward), ms.</param>
/// <param name="HvpMs">Fastest time of one uncached product (forward + backward with graph + second backward), ms.</param>
/// <param name="HvpOverGradient">HvpMs / GradientMs (target ≤ 3).</param>
/// <param name="CachedHvpOverGradient">Fastest product with cached gradient graphs / GradientMs.</param>
/// <param name="GradientMedianMs">Median time of one gradient, ms (sensitive to load from other processes).</param>
/// <param name="HvpMedianMs">Median time of one uncached product, ms.</param>
/// <param name="MedianHvpOverGradient">HvpMedianMs / GradientMedianMs.</param>
/// <param name="SymmetryError">|uᵀHw − wᵀHu| / max(‖Hu‖, ‖Hw‖) for random unit u, w (<see cref="HessianOperator.SymmetryError"/>).</param>
public sealed record BenchHessianRow(string Model, string Dtype, long Parameters, int Top, double Tolerance, long LanczosHvps, bool LanczosConverged,
    IReadOnlyList<double> LanczosEigenvalues, IReadOnlyList<double> LanczosRelativeResiduals, long PowerHvps, bool PowerConverged,
    IReadOnlyList<double> PowerEigenvalues, IReadOnlyList<double> PowerRelativeResiduals, long PowerReferenceRuleHvps, double HvpRatio,
    double GradientMs, double HvpMs, double HvpOverGradient, double CachedHvpOverGradient, double GradientMedianMs, double HvpMedianMs,
    double MedianHvpOverGradient, double SymmetryError);
