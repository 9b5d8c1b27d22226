using Landscaper.IO;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using static TorchSharp.torch;

namespace Landscaper.Data;

/// <summary>
/// Data batches in a file a researcher can write from anywhere: an <c>.npz</c> archive with the arrays <c>inputs</c>
/// (floating point, shape [N, …], fed to the model as is) and <c>targets</c> (shape [N] of integers for class labels,
/// or floating point of the model's output shape for regression; see <see cref="BatchLoss"/>). In Python:
/// <c>np.savez("data.npz", inputs=x.astype(np.float32), targets=y.astype(np.int64))</c>.
/// </summary>
public static class DataFile
{
    /// <summary>Reads the first <paramref name="samples"/> samples (all when null) as batches of at most
    /// <paramref name="batchSize"/> samples, inputs converted to <paramref name="dtype"/>.</summary>
    /// <exception cref="NpyFormatException">Not an archive, corrupt, or without the two arrays.</exception>
    /// <exception cref="ArgumentException">Inputs not floating point, targets of another length or an unsupported dtype, or
    /// a bad <paramref name="samples"/>/<paramref name="batchSize"/> (the message names the file).</exception>
    public static IReadOnlyList<Batch> Load(string path, int? samples = null, int batchSize = int.MaxValue, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (samples is < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "The number of samples must be ≥ 1.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be ≥ 1.");
        TorchNative.EnsureLoaded();
        string name = Path.GetFileName(path);
        var arrays = Npz.Read(path);
        if (!arrays.TryGetValue("inputs", out var x) || !arrays.TryGetValue("targets", out var y))
            throw new NpyFormatException(name, "a data file needs the arrays 'inputs' and 'targets'", null);
        if (x.Dtype.Kind != NpyDtypeKind.Float) throw new ArgumentException($"{name}: 'inputs' must be floating point, got {x.Dtype.Descr}.", nameof(path));
        if (x.Rank < 1 || y.Rank < 1 || x.Shape[0] != y.Shape[0] || x.Shape[0] == 0)
            throw new ArgumentException($"{name}: 'inputs' {Shape(x)} and 'targets' {Shape(y)} must have the same number of samples (≥ 1) on axis 0.", nameof(path));
        bool labels = y.Dtype.Kind is NpyDtypeKind.SignedInteger or NpyDtypeKind.UnsignedInteger;
        if (labels && y.Rank != 1) throw new ArgumentException($"{name}: integer 'targets' are class labels and must be one-dimensional, got {Shape(y)}.", nameof(path));
        if (!labels && y.Dtype.Kind != NpyDtypeKind.Float) throw new ArgumentException($"{name}: 'targets' must be integers (labels) or floating point, got {y.Dtype.Descr}.", nameof(path));
        if (labels && y.Values.Span.IndexOfAnyExceptInRange(0, double.MaxValue) >= 0)
            throw new ArgumentException($"{name}: class labels must be ≥ 0.", nameof(path));
        long n = Math.Min(x.Shape[0], samples ?? long.MaxValue);
        using var scope = NewDisposeScope();
        var inputs = TensorArrays.ToTensor(x, dtype).narrow(0, 0, n);
        var targets = TensorArrays.ToTensor(y, labels ? ScalarType.Int64 : dtype).narrow(0, 0, n);
        var batches = new List<Batch>();
        for (long start = 0; start < n; start += batchSize)
        {
            long m = Math.Min(batchSize, n - start);
            batches.Add(new Batch(inputs.narrow(0, start, m).contiguous().MoveToOuterDisposeScope(), targets.narrow(0, start, m).contiguous().MoveToOuterDisposeScope()));
        }
        return batches;
    }

    /// <summary>Writes batches' inputs and targets (concatenated) as a data file, atomically.</summary>
    public static void Save(string path, IReadOnlyList<Batch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0) throw new ArgumentException("No batches to save.", nameof(batches));
        using var scope = NewDisposeScope();
        var inputs = cat(batches.Select(b => b.Input.cpu()).ToArray());
        var targets = cat(batches.Select(b => b.Target.cpu()).ToArray());
        Npz.Write(path, new Dictionary<string, NpyArray> { ["inputs"] = TensorArrays.ToArray(inputs), ["targets"] = TensorArrays.ToArray(targets) });
    }

    private static string Shape(NpyArray a) => $"[{string.Join(", ", a.Shape)}]";
}
