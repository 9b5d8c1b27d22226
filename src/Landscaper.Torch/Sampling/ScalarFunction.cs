using Landscaper.Data;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Sampling;

/// <summary>A named scalar function of a model on a set of batches (the quantity a landscape records).</summary>
/// <param name="Name">Quantity name recorded in the landscape metadata (e.g. "loss").</param>
/// <param name="Evaluate">Computes the scalar for the model's current parameters. Called under <c>no_grad</c>, inside a
/// dispose scope (tensors it creates are freed after each point).</param>
public sealed record ScalarFunction(string Name, Func<nn.Module, IReadOnlyList<Batch>, double> Evaluate)
{
    /// <summary>The mean loss over all samples, Σ_b L_b·n_b / Σ_b n_b (float64 accumulation of the per-batch means), with the
    /// loss each batch implies (<see cref="BatchLoss"/>): cross-entropy for class labels (a fast managed path for CPU
    /// float32/float64 logits), mean squared error for real-valued targets.</summary>
    public static ScalarFunction Loss { get; } = new("loss", CrossEntropy);

    /// <summary>Fraction of samples whose arg-max logit equals the target.</summary>
    public static ScalarFunction Accuracy { get; } = new("accuracy", ClassificationAccuracy);

    /// <summary>A custom scalar function.</summary>
    /// <param name="name">Quantity name.</param>
    /// <param name="evaluate">The function.</param>
    public static ScalarFunction Custom(string name, Func<nn.Module, IReadOnlyList<Batch>, double> evaluate) => new(name, evaluate);

    private static nn.Module<Tensor, Tensor> Callable(nn.Module model) =>
        model as nn.Module<Tensor, Tensor>
        ?? throw new ArgumentException($"The model ({model.GetType().Name}) is not an nn.Module<Tensor, Tensor>; use a custom ScalarFunction.", nameof(model));

    private static double CrossEntropy(nn.Module model, IReadOnlyList<Batch> batches)
    {
        var m = Callable(model);
        double sum = 0;
        long n = 0;
        foreach (var b in batches)
        {
            using var logits = m.call(b.Input);
            if (TrySumCrossEntropy(logits, b.Target, out double batchSum)) sum += batchSum;
            else
            {
                using var loss = BatchLoss.Of(logits, b.Target);
                sum += loss.ToDouble() * b.Size;
            }
            n += b.Size;
        }
        return sum / n;
    }

    /// <summary>Σ_i (logsumexp(z_i) − z_i[y_i]) in float64 on the host for small CPU logits [n, C] (libtorch's log_softmax on
    /// narrow rows costs more than the whole MLP forward pass); false when the layout does not allow it.</summary>
    private static bool TrySumCrossEntropy(Tensor logits, Tensor target, out double sum)
    {
        sum = 0;
        if (logits.device_type != DeviceType.CPU || target.device_type != DeviceType.CPU || logits.dim() != 2 || target.dim() != 1
            || !logits.is_contiguous() || !target.is_contiguous() || target.dtype != ScalarType.Int64 || target.shape[0] != logits.shape[0]
            || logits.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            return false;
        int rows = (int)logits.shape[0], cols = (int)logits.shape[1];
        var y = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(target.bytes);
        if (logits.dtype == ScalarType.Float32)
            sum = SumFloat(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(logits.bytes), y, rows, cols);
        else
        {
            var z = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(logits.bytes);
            for (int i = 0; i < rows; i++) sum += RowLoss(z.Slice(i * cols, cols), y[i]);
        }
        return true;
    }

    [ThreadStatic] private static float[]? _scratch;

    /// <summary>Float32 logits: row maxima, then exp(z − max) vectorised over the whole buffer, summed per row in float64.</summary>
    private static double SumFloat(ReadOnlySpan<float> z, ReadOnlySpan<long> y, int rows, int cols)
    {
        int n = rows * cols;
        var buf = _scratch is { } b && b.Length >= n ? b : (_scratch = new float[n]);
        Span<float> maxima = rows <= 1024 ? stackalloc float[rows] : new float[rows];
        bool allFinite = true;
        for (int i = 0; i < rows; i++)
        {
            var row = z.Slice(i * cols, cols);
            if ((ulong)y[i] >= (ulong)cols) throw new ArgumentException($"Target {y[i]} is outside [0, {cols}).", "batches");
            float max = float.NegativeInfinity;
            bool nan = false;
            foreach (var v in row) { if (v > max) max = v; nan |= float.IsNaN(v); }
            if (nan) max = float.NaN;
            maxima[i] = max;
            if (!float.IsFinite(max)) allFinite = false;
            for (int j = 0; j < cols; j++) buf[i * cols + j] = row[j] - max;
        }
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; k <= n - 8; k += 8)
                Vector256.Exp(Vector256.Create(buf, k)).CopyTo(buf.AsSpan(k));
        for (; k < n; k++) buf[k] = MathF.Exp(buf[k]);
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            if (!allFinite && !float.IsFinite(maxima[i])) { sum += RowLoss(z.Slice(i * cols, cols), y[i]); continue; }
            double acc = 0;
            for (int j = 0; j < cols; j++) acc += buf[i * cols + j];
            sum += maxima[i] + Math.Log(acc) - z[i * cols + (int)y[i]];
        }
        return sum;
    }

    private static double RowLoss<T>(ReadOnlySpan<T> row, long label) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        if ((ulong)label >= (ulong)row.Length)
            throw new ArgumentException($"Target {label} is outside [0, {row.Length}).", "batches");
        double max = double.NegativeInfinity;
        foreach (var v in row) { double d = double.CreateTruncating(v); if (d > max) max = d; }
        if (double.IsNaN(max) || double.IsInfinity(max))
        {
            // Let non-finite logits produce the same non-finite loss libtorch would (NaN or ±∞).
            double s = 0;
            foreach (var v in row) s += Math.Exp(double.CreateTruncating(v));
            return Math.Log(s) - double.CreateTruncating(row[(int)label]);
        }
        double acc = 0;
        foreach (var v in row) acc += Math.Exp(double.CreateTruncating(v) - max);
        return max + Math.Log(acc) - double.CreateTruncating(row[(int)label]);
    }

    private static double ClassificationAccuracy(nn.Module model, IReadOnlyList<Batch> batches)
    {
        var m = Callable(model);
        long correct = 0, n = 0;
        foreach (var b in batches)
        {
            if (!BatchLoss.IsClassification(b))
                throw new ArgumentException("Accuracy needs class labels; these batches have real-valued targets (use the loss).", nameof(batches));
            using var hits = m.call(b.Input).argmax(1).eq(b.Target).sum();
            correct += hits.ToInt64();
            n += b.Size;
        }
        return (double)correct / n;
    }
}
