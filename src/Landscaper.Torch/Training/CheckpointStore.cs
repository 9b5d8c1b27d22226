using System.Globalization;
using Landscaper.IO;

namespace Landscaper.Training;

/// <summary>
/// Saves and loads <see cref="Checkpoint"/>s, one file per checkpoint (<c>checkpoint-&lt;step, 9 digits&gt;.npz</c>), so
/// a long run can be analysed later, in another process: each file is a weights file (<see cref="ModelStateFile"/>) whose
/// info records the step, epoch and train/test loss and accuracy. Writes are atomic; reads verify every entry's CRC-32.
/// </summary>
public static class CheckpointStore
{
    /// <summary>File extension of checkpoint files.</summary>
    public const string Extension = ".npz";

    /// <summary>File name of the checkpoint at <paramref name="step"/>.</summary>
    public static string FileName(int step) => string.Create(CultureInfo.InvariantCulture, $"checkpoint-{step:D9}{Extension}");

    /// <summary>Writes <paramref name="checkpoint"/> atomically to <paramref name="directory"/> (created if needed),
    /// replacing a previous file of the same step.</summary>
    /// <returns>The path written.</returns>
    /// <exception cref="NotSupportedException">A tensor has a dtype checkpoints do not store (bfloat16).</exception>
    public static string Save(string directory, Checkpoint checkpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(checkpoint);
        string target = Path.Combine(directory, FileName(checkpoint.Step));
        var info = new Dictionary<string, string>
        {
            ["kind"] = "checkpoint",
            ["step"] = checkpoint.Step.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = ModelStateFile.Exact(checkpoint.Epoch),
            ["trainLoss"] = ModelStateFile.Exact(checkpoint.Train.Loss),
            ["trainAccuracy"] = ModelStateFile.Exact(checkpoint.Train.Accuracy),
            ["testLoss"] = ModelStateFile.Exact(checkpoint.Test.Loss),
            ["testAccuracy"] = ModelStateFile.Exact(checkpoint.Test.Accuracy),
        };
        ModelStateFile.Save(target, checkpoint.State, info);
        return target;
    }

    /// <summary>Reads one checkpoint file.</summary>
    /// <exception cref="NpyFormatException">Not a checkpoint, truncated or corrupt (the message says which).</exception>
    public static Checkpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (state, info) = ModelStateFile.Load(path);
        string name = Path.GetFileName(path);
        double Number(string key) => info.TryGetValue(key, out var v) ? ModelStateFile.ParseExact(v)
            : throw new NpyFormatException(name, $"not a Landscaper checkpoint: the info has no '{key}'", null);
        if (!info.TryGetValue("kind", out var kind) || kind != "checkpoint")
            throw new NpyFormatException(name, "not a Landscaper checkpoint (a weights file without training info)", null);
        return new Checkpoint((int)Number("step"), Number("epoch"), state,
            new Evaluation(Number("trainLoss"), Number("trainAccuracy")), new Evaluation(Number("testLoss"), Number("testAccuracy")));
    }

    /// <summary>Every checkpoint of <paramref name="directory"/>, by step.</summary>
    /// <exception cref="DirectoryNotFoundException">No such folder.</exception>
    public static IReadOnlyList<Checkpoint> LoadAll(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Checkpoint folder '{directory}' does not exist.");
        return Directory.GetFiles(directory, "checkpoint-*" + Extension)
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Select(Load).OrderBy(c => c.Step).ToArray();
    }
}
