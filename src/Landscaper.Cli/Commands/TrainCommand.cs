using System.CommandLine;
using System.Globalization;
using Landscaper.Cli.Options;
using Landscaper.Cli.Output;
using Landscaper.ParameterSpace;
using Landscaper.Training;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper train</c>: trains a built-in model (or your own module type) once and saves its weights, the
/// model artifact every later command (<c>hessian</c>, <c>directions</c>, <c>sample</c>) and every Slurm task loads with
/// <c>--weights</c> instead of retraining.</summary>
public static class TrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new ModelOptions(trainingOnly: true);
        var force = new Option<bool>("--force") { Description = "Replace an existing output written by other settings." };
        var outPath = new Option<string>("--out") { Description = "Weights file to write (.npz); a JSON report goes to NAME.json." };
        var cmd = new Command("train", "Train a model once and save its weights (.npz) for the other commands.");
        model.AddTo(cmd);
        cmd.Options.Add(force);
        cmd.Options.Add(outPath);
        cmd.SetAction(result =>
        {
            try
            {
                var spec = model.Parse(result);
                using var target = OutputTarget.Check(result.GetValue(outPath)).Acquire("train");
                var info = spec.Info();
                if (File.Exists(target.Path) && !result.GetValue(force)) RefuseOtherSettings(target.Path, info);
                var loaded = ModelOptions.Load(spec, line => result.Err().WriteLine(line));
                info["kind"] = "weights";
                info["parameterFingerprint"] = Fingerprints.Parameters(ParameterSelection.All(loaded.Model));
                if (loaded.Train is { } tr) { info["trainLoss"] = ModelStateFile.Exact(tr.Loss); info["trainAccuracy"] = ModelStateFile.Exact(tr.Accuracy); }
                if (loaded.Test is { } te) { info["testLoss"] = ModelStateFile.Exact(te.Loss); info["testAccuracy"] = ModelStateFile.Exact(te.Accuracy); }
                ModelStateFile.Save(target.Path, ModelState.Capture(loaded.Model), info);
                var report = new TrainReport(target.Path, spec.Reference, ParameterSelection.All(loaded.Model).Count, spec.Epochs, spec.Seed,
                    loaded.Train?.Loss, loaded.Train?.Accuracy, loaded.Test?.Loss, loaded.Test?.Accuracy, info["parameterFingerprint"], loaded.TrainSeconds, info);
                Reports.Write(target.ReportPath, report);
                if (result.WantsJson()) result.WriteJson(report);
                else result.Out().WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"trained {report.Model} ({report.Parameters:N0} parameters, {report.Epochs} epochs, seed {report.Seed}): train loss {report.TrainLoss:G4}, accuracy {report.TrainAccuracy:P1}; test loss {report.TestLoss:G4}, accuracy {report.TestAccuracy:P1} → {report.Out}"));
                return CliErrors.Ok;
            }
            catch (Exception ex) { return CliErrors.Report(result, ex); }
        });
        return cmd;
    }

    /// <summary>Refuses to replace a weights file written with other settings.</summary>
    private static void RefuseOtherSettings(string path, IReadOnlyDictionary<string, string> info)
    {
        IReadOnlyDictionary<string, string> existing;
        try { existing = ModelStateFile.Load(path).Info; }
        catch (Exception ex) when (ex is IOException or InvalidDataException) { throw new CliException($"'{path}' exists and is not a weights file; delete it or choose another --out (or --force).", inner: ex); }
        foreach (var (key, value) in info)
            if (existing.GetValueOrDefault(key) != value)
                throw new CliException($"'{path}' holds weights trained with other settings ({key}: '{existing.GetValueOrDefault(key) ?? "unset"}' there, '{value}' now); choose another --out or add --force.");
    }
}

/// <summary>Result of <c>landscaper train</c>.</summary>
/// <param name="Out">The weights file.</param>
/// <param name="Model">The model reference.</param>
/// <param name="Parameters">Number of trainable parameters.</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="Seed">Seed.</param>
/// <param name="TrainLoss">Final training loss.</param>
/// <param name="TrainAccuracy">Final training accuracy.</param>
/// <param name="TestLoss">Test loss (built-in data).</param>
/// <param name="TestAccuracy">Test accuracy (built-in data).</param>
/// <param name="ParameterFingerprint">Fingerprint of the saved parameters.</param>
/// <param name="Seconds">Wall time.</param>
/// <param name="Settings">Every setting recorded in the file.</param>
public sealed record TrainReport(string Out, string Model, long Parameters, int Epochs, int Seed, double? TrainLoss, double? TrainAccuracy,
    double? TestLoss, double? TestAccuracy, string ParameterFingerprint, double Seconds, IReadOnlyDictionary<string, string> Settings);
