using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.Hessian;
using Landscaper.Models;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper hessian</c>: top Hessian eigenvalues and the trace of a built-in model.</summary>
public static class HessianCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = $"Built-in model: {string.Join(", ", BuiltInModel.Names)}.", DefaultValueFactory = _ => "mlp-digits" };
        var top = new Option<int>("--top") { Description = "Number of top eigenpairs.", DefaultValueFactory = _ => 3 };
        var method = new Option<string>("--method") { Description = "Eigen solver: lanczos or power.", DefaultValueFactory = _ => "lanczos" };
        method.AcceptOnlyFromAmong("lanczos", "power");
        var seed = new Option<int>("--seed") { Description = "Seed of training and of the solvers.", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs of the built-in model.", DefaultValueFactory = _ => 10 };
        var samples = new Option<int>("--samples") { Description = "Training samples the Hessian is computed on.", DefaultValueFactory = _ => 256 };
        var tol = new Option<double>("--tolerance") { Description = "Solver tolerance (Lanczos: relative residual; power: relative Rayleigh change).", DefaultValueFactory = _ => 1e-3 };
        var cmd = new Command("hessian", "Top Hessian eigenvalues (Lanczos or power iteration) and the Hutchinson trace of a built-in model's loss.");
        foreach (var o in new Option[] { model, top, method, seed, epochs, samples, tol }) cmd.Options.Add(o);
        cmd.SetAction(result =>
        {
            try
            {
                var report = Run(result.GetValue(model)!, result.GetValue(top), result.GetValue(method)!, result.GetValue(seed),
                    result.GetValue(epochs), result.GetValue(samples), result.GetValue(tol), msg => result.Err().WriteLine(msg));
                if (result.WantsJson()) result.WriteJson(report);
                else
                {
                    var o = result.Out();
                    o.WriteLine($"model        {report.Model} ({report.Parameters:N0} parameters, {report.Samples} samples, loss {report.Loss:G6})");
                    o.WriteLine($"method       {report.Method} ({(report.Converged ? "converged" : "NOT converged")})");
                    for (int i = 0; i < report.Eigenvalues.Count; i++)
                        o.WriteLine($"λ{i + 1,-11} {report.Eigenvalues[i],14:G8}   residual {report.Residuals[i]:E2}");
                    o.WriteLine($"trace        {report.Trace.Value:G6} ± {report.Trace.Stderr:G3} (Hutchinson, {report.Trace.Probes} probes)");
                    o.WriteLine($"HVPs         {report.Hvps} for the eigenpairs, {report.Trace.Hvps} for the trace");
                    o.WriteLine($"time         {report.Seconds:F3} s");
                }
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or HessianException)
            {
                result.Err().WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        return cmd;
    }

    /// <summary>Trains the built-in model and analyses its Hessian on the analysis batch.</summary>
    /// <param name="model">Built-in model name.</param>
    /// <param name="top">Number of eigenpairs.</param>
    /// <param name="method">"lanczos" or "power".</param>
    /// <param name="seed">Seed of training and solvers.</param>
    /// <param name="epochs">Training epochs.</param>
    /// <param name="samples">Analysis samples.</param>
    /// <param name="tolerance">Solver tolerance.</param>
    /// <param name="notice">Receives notices (e.g. the eval-mode switch).</param>
    /// <exception cref="ArgumentException">Unknown model or method, or out-of-range numbers.</exception>
    public static HessianReport Run(string model, int top, string method, int seed = 0, int epochs = 10, int samples = 256, double tolerance = 1e-3,
        Action<string>? notice = null)
    {
        if (method is not ("lanczos" or "power")) throw new ArgumentException($"Unknown method '{method}' (use lanczos or power).", nameof(method));
        var trained = BuiltInModel.Create(model, seed, epochs, samples);
        using var op = new HessianOperator(Landscaper.ParameterSpace.ParameterSelection.All(trained.Model), trained.AnalysisBatches, null,
            new HessianOptions(Progress: notice is null ? null : new SyncProgress(notice)));
        var eig = method == "lanczos"
            ? Lanczos.TopEigenpairs(op, top, new LanczosOptions(Tolerance: tolerance, Seed: seed))
            : PowerIteration.TopEigenpairs(op, top, new PowerIterationOptions(Tolerance: tolerance, Seed: seed));
        var trace = TraceEstimator.Hutchinson(op, seed: seed);
        return new HessianReport(model, method, op.Dimension, trained.AnalysisBatches.Sum(b => (int)b.Size), op.Loss(), eig.Eigenvalues, eig.Residuals,
            eig.Hvps, eig.Seconds, eig.Converged, new HessianTraceReport(trace.Value, trace.StandardError, trace.Probes, trace.Hvps, trace.Seconds));
    }

    /// <summary>Reports synchronously (System.Progress posts to the thread pool, which would reorder output).</summary>
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

/// <summary>Result of <c>landscaper hessian</c> (JSON contract, camelCase).</summary>
/// <param name="Model">Built-in model name.</param>
/// <param name="Method">Eigen solver.</param>
/// <param name="Parameters">Number of parameters (Hessian dimension).</param>
/// <param name="Samples">Samples the loss is averaged over.</param>
/// <param name="Loss">Mean cross-entropy on those samples.</param>
/// <param name="Eigenvalues">Top eigenvalues.</param>
/// <param name="Residuals">‖Hv − λv‖ per pair.</param>
/// <param name="Hvps">Hessian-vector products of the eigen solver.</param>
/// <param name="Seconds">Wall time of the eigen solver.</param>
/// <param name="Converged">Whether the solver met its tolerance.</param>
/// <param name="Trace">Hutchinson trace estimate.</param>
public sealed record HessianReport(string Model, string Method, long Parameters, int Samples, double Loss, IReadOnlyList<double> Eigenvalues,
    IReadOnlyList<double> Residuals, long Hvps, double Seconds, bool Converged, HessianTraceReport Trace);

/// <summary>Trace part of <see cref="HessianReport"/>.</summary>
/// <param name="Value">Estimate of tr(H).</param>
/// <param name="Stderr">Standard error of the estimate.</param>
/// <param name="Probes">Rademacher probes used.</param>
/// <param name="Hvps">Hessian-vector products used.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record HessianTraceReport(double Value, double Stderr, int Probes, long Hvps, double Seconds);
