using System.CommandLine;
using System.Globalization;
using Landscaper.Cli.Options;
using Landscaper.Cli.Output;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.ParameterSpace;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper directions</c>: computes the directions of a landscape once (top Hessian or Gauss–Newton
/// eigenvectors, or random / filter-normalised random directions) and saves them as an <c>.npz</c> with eigenvalues,
/// residuals and the fingerprints of the model and data, for <c>landscaper sample --directions FILE</c>.</summary>
public static class DirectionsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions();
        var kind = new Option<string>("--kind") { Description = "hessian (top Lanczos eigenvectors), gauss-newton, random (orthonormal Gaussian) or filter (filter-normalised random).", DefaultValueFactory = _ => "hessian" };
        kind.AcceptOnlyFromAmong("hessian", "gauss-newton", "random", "filter");
        var top = new Option<int>("--top") { Description = "Number of directions (the landscape can use up to this many dimensions).", DefaultValueFactory = _ => 2 };
        var directionSeed = new Option<int?>("--direction-seed") { Description = "Seed of random directions and of the Lanczos start vector (default: --seed)." };
        var tolerance = new Option<double>("--tolerance") { Description = "Lanczos tolerance (relative residual).", DefaultValueFactory = _ => 1e-3 };
        var maxBasis = new Option<int>("--max-basis") { Description = "Lanczos basis size before a thick restart.", DefaultValueFactory = _ => 100 };
        var allow = new Option<bool>("--allow-unconverged") { Description = "Save eigenvectors even when Lanczos did not meet --tolerance (otherwise exit code 3, nothing written)." };
        var force = new Option<bool>("--force") { Description = "Replace an existing output written for another model, data or settings." };
        var outPath = new Option<string>("--out") { Description = "Directions file to write (.npz); a JSON report goes to NAME.json." };
        var cmd = new Command("directions", "Compute directions once (Hessian, Gauss-Newton, random, filter) and save them for `sample --directions FILE`.");
        model.AddTo(cmd);
        foreach (var o in new Option[] { kind, top, directionSeed, tolerance, maxBasis, allow, force, outPath }) cmd.Options.Add(o);
        cmd.SetAction(result =>
        {
            try
            {
                var spec = model.Parse(result);
                int count = result.GetValue(top), basis = result.GetValue(maxBasis);
                double tol = result.GetValue(tolerance);
                if (count < 1) throw new CliException($"--top must be at least 1 (got {count}).");
                if (!(tol > 0) || double.IsInfinity(tol)) throw new CliException($"--tolerance must be a positive number (got {tol.ToString(CultureInfo.InvariantCulture)}).");
                if (basis < 2) throw new CliException($"--max-basis must be at least 2 (got {basis}).");
                var directionKind = DirectionFactory.Parse(result.GetValue(kind)!)!.Value;
                int seed = result.GetValue(directionSeed) ?? spec.Seed;
                using var target = OutputTarget.Check(result.GetValue(outPath)).Acquire("directions");
                var info = spec.Info();
                info["kind"] = DirectionFactory.Name(directionKind);
                info["directionSeed"] = seed.ToString(CultureInfo.InvariantCulture);
                if (File.Exists(target.Path) && !result.GetValue(force)) RefuseOtherSettings(target.Path, info, count);

                var loaded = ModelOptions.Load(spec, line => result.Err().WriteLine(line));
                var selection = ParameterSelection.All(loaded.Model);
                if (count > selection.Count) throw new CliException($"--top {count} exceeds the model's {selection.Count} parameters.");
                var made = DirectionFactory.Make(directionKind, selection, loaded.Batches, count, seed, new LanczosOptions(Tolerance: tol, MaxBasis: basis));
                var eigen = made.Eigen;
                if (eigen is { Converged: false } && !result.GetValue(allow))
                    throw new CliException($"Lanczos did not converge to --tolerance {tol.ToString(CultureInfo.InvariantCulture)} in {eigen.Hvps} products (relative residuals {string.Join(", ", eigen.Eigenvalues.Select((v, i) => eigen.RelativeResidual(i).ToString("E1", CultureInfo.InvariantCulture)))}); nothing was written. Raise --max-basis or --tolerance, or add --allow-unconverged.",
                        CliErrors.Unconverged);
                var header = new DirectionSetHeader(DirectionSetFile.FormatName, 2, made.Directions.Kind, made.Directions.Names, selection.Names, selection.Shapes,
                    eigen?.Eigenvalues, eigen?.Residuals, Fingerprints.Parameters(selection),
                    Fingerprints.Data(loaded.Batches.SelectMany(b => new[] { b.Input, b.Target })), info);
                DirectionSetFile.Save(made.Directions, target.Path, header);
                var report = new DirectionsReport(target.Path, spec.Reference, DirectionFactory.Name(directionKind), count, selection.Count,
                    made.Directions.Names, eigen?.Eigenvalues, eigen?.Residuals, eigen?.Hvps, eigen?.Converged, header.ModelFingerprint!, header.DataFingerprint!,
                    loaded.Train?.Loss, loaded.Test?.Accuracy, loaded.TrainSeconds, eigen?.Seconds, info);
                Reports.Write(target.ReportPath, report);
                if (result.WantsJson()) result.WriteJson(report);
                else
                {
                    var o = result.Out();
                    o.WriteLine($"{count} {report.Kind} directions of {report.Model} ({report.Parameters:N0} parameters) → {report.Out}");
                    if (eigen is not null)
                        for (int i = 0; i < count; i++)
                            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  λ{i + 1} = {eigen.Eigenvalues[i],12:G6}   residual ‖Hv − λv‖ = {eigen.Residuals[i]:E2}"));
                    if (eigen is not null) o.WriteLine($"  {eigen.Hvps} operator products, {(eigen.Converged ? "converged" : "NOT converged (kept because of --allow-unconverged)")}");
                }
                return CliErrors.Ok;
            }
            catch (Exception ex) { return CliErrors.Report(result, ex); }
        });
        return cmd;
    }

    private static void RefuseOtherSettings(string path, IReadOnlyDictionary<string, string> info, int count)
    {
        DirectionSetHeader existing;
        try { existing = DirectionSetFile.ReadHeader(path); }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new CliException($"'{path}' exists and is not a directions file; delete it or choose another --out (or --force).", inner: ex);
        }
        var old = existing.Info ?? new Dictionary<string, string>();
        foreach (var (key, value) in info)
            if (old.GetValueOrDefault(key) != value)
                throw new CliException($"'{path}' holds directions made with other settings ({key}: '{old.GetValueOrDefault(key) ?? "unset"}' there, '{value}' now); choose another --out or add --force.");
        if (existing.Names.Count != count)
            throw new CliException($"'{path}' holds {existing.Names.Count} directions, this run makes {count}; choose another --out or add --force.");
    }
}

/// <summary>Result of <c>landscaper directions</c>.</summary>
/// <param name="Out">The directions file.</param>
/// <param name="Model">Model reference.</param>
/// <param name="Kind">Direction kind.</param>
/// <param name="Count">Number of directions.</param>
/// <param name="Parameters">Parameters of the model.</param>
/// <param name="Names">Direction names.</param>
/// <param name="Eigenvalues">Eigenvalues (curvature kinds).</param>
/// <param name="Residuals">‖Hv − λv‖ per pair (curvature kinds).</param>
/// <param name="Products">Operator products (curvature kinds).</param>
/// <param name="Converged">Whether Lanczos converged (curvature kinds).</param>
/// <param name="ModelFingerprint">Fingerprint of θ0.</param>
/// <param name="DataFingerprint">Fingerprint of the data.</param>
/// <param name="TrainLoss">Training loss when the model was trained by this command.</param>
/// <param name="TestAccuracy">Test accuracy when the model was trained by this command.</param>
/// <param name="ModelSeconds">Time to build/train/load the model.</param>
/// <param name="SolverSeconds">Eigen solver time.</param>
/// <param name="Settings">Every setting recorded in the file.</param>
public sealed record DirectionsReport(string Out, string Model, string Kind, int Count, long Parameters, IReadOnlyList<string> Names,
    IReadOnlyList<double>? Eigenvalues, IReadOnlyList<double>? Residuals, long? Products, bool? Converged, string ModelFingerprint,
    string DataFingerprint, double? TrainLoss, double? TestAccuracy, double ModelSeconds, double? SolverSeconds, IReadOnlyDictionary<string, string> Settings);
