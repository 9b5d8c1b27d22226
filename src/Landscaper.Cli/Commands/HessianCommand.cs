using Landscaper;
using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.Hessian;
using Landscaper.Cli.Options;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper hessian</c>: top Hessian eigenvalues (Lanczos or power iteration) and the trace of a model's
/// loss — a built-in model or your own type with <c>--weights</c>. Every option is checked before any training; a solver
/// that does not converge exits with code 3 unless <c>--allow-unconverged</c>.</summary>
public static class HessianCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions();
        var top = new Option<int>("--top") { Description = "Number of top eigenpairs.", DefaultValueFactory = _ => 3 };
        var method = new Option<string>("--method") { Description = "Eigen solver: lanczos or power.", DefaultValueFactory = _ => "lanczos" };
        method.AcceptOnlyFromAmong("lanczos", "power");
        var tol = new Option<double>("--tolerance") { Description = "Solver tolerance (Lanczos: relative residual; power: relative Rayleigh change).", DefaultValueFactory = _ => 1e-3 };
        var allow = new Option<bool>("--allow-unconverged") { Description = "Exit 0 even when the solver did not meet --tolerance (otherwise exit code 3)." };
        var cmd = new Command("hessian", "Top Hessian eigenvalues (Lanczos or power iteration) and the Hutchinson trace of a model's loss.");
        model.AddTo(cmd);
        foreach (var o in new Option[] { top, method, tol, allow }) cmd.Options.Add(o);
        cmd.SetAction(result =>
        {
            try
            {
                var spec = model.Parse(result);
                int k = result.GetValue(top);
                double tolerance = result.GetValue(tol);
                if (k < 1) throw new CliException($"--top must be at least 1 (got {k}).");
                if (!(tolerance > 0) || double.IsInfinity(tolerance))
                    throw new CliException($"--tolerance must be a positive number (got {tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
                var report = Run(spec, k, result.GetValue(method)!, tolerance, msg => result.Err().WriteLine(msg));
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
                if (!report.Converged && !result.GetValue(allow))
                {
                    result.Err().WriteLine($"error: the {report.Method} solver did not converge to --tolerance {tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)}; the values above are not certified (add --allow-unconverged to accept them).");
                    return CliErrors.Unconverged;
                }
                return CliErrors.Ok;
            }
            catch (Exception ex) { return CliErrors.Report(result, ex); }
        });
        return cmd;
    }

    /// <summary>Loads (or trains) the model and analyses its Hessian on the analysis batch.</summary>
    /// <param name="spec">Model, data and precision.</param>
    /// <param name="top">Number of eigenpairs.</param>
    /// <param name="method">"lanczos" or "power".</param>
    /// <param name="tolerance">Solver tolerance.</param>
    /// <param name="notice">Receives notices (training, the eval-mode switch).</param>
    public static HessianReport Run(ModelSpec spec, int top, string method, double tolerance = 1e-3, Action<string>? notice = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var loaded = ModelOptions.Load(spec, notice);
        var selection = Landscaper.ParameterSpace.ParameterSelection.All(loaded.Model);
        if (top > selection.Count) throw new CliException($"--top {top} exceeds the model's {selection.Count} parameters.");
        using var op = new HessianOperator(selection, loaded.Batches, null,
            new HessianOptions(Progress: notice is null ? null : new SynchronousProgress<string>(notice)));
        var eig = method == "lanczos"
            ? Lanczos.TopEigenpairs(op, top, new LanczosOptions(Tolerance: tolerance, Seed: spec.Seed))
            : PowerIteration.TopEigenpairs(op, top, new PowerIterationOptions(Tolerance: tolerance, Seed: spec.Seed));
        var trace = TraceEstimator.Hutchinson(op, seed: spec.Seed);
        return new HessianReport(spec.Reference, method, op.Dimension, loaded.Batches.Sum(b => (int)b.Size), op.Loss(), eig.Eigenvalues, eig.Residuals,
            eig.Hvps, eig.Seconds, eig.Converged, new HessianTraceReport(trace.Value, trace.StandardError, trace.Probes, trace.Hvps, trace.Seconds));
    }
}

/// <summary>Result of <c>landscaper hessian</c> (JSON contract, camelCase).</summary>
/// <param name="Model">Model reference (built-in name or type).</param>
/// <param name="Method">Eigen solver.</param>
/// <param name="Parameters">Number of parameters (Hessian dimension).</param>
/// <param name="Samples">Samples the loss is averaged over.</param>
/// <param name="Loss">Mean loss on those samples.</param>
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
