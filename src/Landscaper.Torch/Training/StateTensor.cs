using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Training;

/// <summary>One named tensor of a <see cref="ModelState"/>, held as raw bytes in managed memory (so it survives any
/// dispose scope, needs no disposal, and round-trips every dtype bit for bit).</summary>
/// <param name="Name">Qualified name in the module (e.g. <c>blocks.0.conv1.weight</c>).</param>
/// <param name="IsBuffer">True for a buffer (e.g. running statistics), false for a parameter.</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Tensor shape.</param>
/// <param name="Data">Contiguous C-order elements in the machine's byte order; length = numel × element size. Treat as read-only.</param>
public sealed record StateTensor(string Name, bool IsBuffer, ScalarType DType, long[] Shape, byte[] Data)
{
    /// <summary>Number of elements (product of <see cref="Shape"/>).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Copies a tensor's current values (detached, moved to the CPU).</summary>
    /// <param name="name">Qualified name.</param>
    /// <param name="isBuffer">Whether the tensor is a buffer.</param>
    /// <param name="tensor">The tensor to copy.</param>
    public static StateTensor From(string name, bool isBuffer, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tensor);
        TorchNative.EnsureLoaded();
        using var _ = no_grad();
        using var cpuCopy = tensor.detach().cpu().contiguous().clone();
        return new StateTensor(name, isBuffer, tensor.dtype, tensor.shape, cpuCopy.bytes.ToArray());
    }

    /// <summary>A new CPU tensor holding these values (the caller owns it).</summary>
    /// <exception cref="InvalidOperationException"><see cref="Data"/> does not match the shape and dtype.</exception>
    public Tensor ToTensor()
    {
        TorchNative.EnsureLoaded();
        var t = empty(Shape, DType);
        if (t.bytes.Length != Data.Length)
        {
            long expected = t.bytes.Length;
            t.Dispose();
            throw new InvalidOperationException($"State tensor '{Name}' holds {Data.Length} bytes but shape [{string.Join(", ", Shape)}] of {DType} needs {expected}.");
        }
        t.bytes = Data;
        return t;
    }

    /// <summary>Size in bytes of one element of <paramref name="dtype"/>.</summary>
    /// <exception cref="NotSupportedException">A dtype checkpoints do not store (complex, quantised).</exception>
    public static int ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new NotSupportedException($"Tensors of dtype {dtype} cannot be stored in a checkpoint."),
    };
}
