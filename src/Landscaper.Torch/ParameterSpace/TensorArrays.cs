using Landscaper.IO;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.ParameterSpace;

/// <summary>Converts between TorchSharp tensors and <see cref="NpyArray"/>s (the workbench's file format for tensors:
/// weights, directions, samples), keeping the dtype: float64/32/16, int64/32/16/8, uint8 and bool. bfloat16 has no NumPy
/// dtype and is refused.</summary>
public static class TensorArrays
{
    /// <summary>The NumPy dtype of a tensor dtype.</summary>
    /// <exception cref="NotSupportedException">bfloat16, complex and other dtypes without a NumPy counterpart.</exception>
    public static NpyDtype DtypeOf(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => NpyDtype.Float64,
        ScalarType.Float32 => NpyDtype.Float32,
        ScalarType.Float16 => new NpyDtype(NpyDtypeKind.Float, 2),
        ScalarType.Int64 => NpyDtype.Int64,
        ScalarType.Int32 => new NpyDtype(NpyDtypeKind.SignedInteger, 4),
        ScalarType.Int16 => new NpyDtype(NpyDtypeKind.SignedInteger, 2),
        ScalarType.Int8 => new NpyDtype(NpyDtypeKind.SignedInteger, 1),
        ScalarType.Byte => NpyDtype.UInt8,
        ScalarType.Bool => new NpyDtype(NpyDtypeKind.Boolean, 1),
        _ => throw new NotSupportedException($"Tensors of dtype {dtype} cannot be stored in .npy files (convert to float32 first)."),
    };

    /// <summary>The tensor dtype of a NumPy dtype.</summary>
    /// <exception cref="NotSupportedException">Unsigned 16/32/64-bit integers (no TorchSharp counterpart).</exception>
    public static ScalarType ScalarTypeOf(NpyDtype dtype) => (dtype.Kind, dtype.ItemSize) switch
    {
        (NpyDtypeKind.Float, 8) => ScalarType.Float64,
        (NpyDtypeKind.Float, 4) => ScalarType.Float32,
        (NpyDtypeKind.Float, 2) => ScalarType.Float16,
        (NpyDtypeKind.SignedInteger, 8) => ScalarType.Int64,
        (NpyDtypeKind.SignedInteger, 4) => ScalarType.Int32,
        (NpyDtypeKind.SignedInteger, 2) => ScalarType.Int16,
        (NpyDtypeKind.SignedInteger, 1) => ScalarType.Int8,
        (NpyDtypeKind.UnsignedInteger, 1) => ScalarType.Byte,
        (NpyDtypeKind.Boolean, 1) => ScalarType.Bool,
        _ => throw new NotSupportedException($"NumPy dtype {dtype.Descr} has no tensor dtype."),
    };

    /// <summary>A copy of <paramref name="tensor"/> as an array of the same dtype and shape (C order).</summary>
    /// <exception cref="NotSupportedException">The dtype has no NumPy counterpart.</exception>
    public static NpyArray ToArray(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        TorchNative.EnsureLoaded();
        var dtype = DtypeOf(tensor.dtype);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var values = tensor.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        return new NpyArray(dtype, tensor.shape, values, fortranOrder: false);
    }

    /// <summary>A new CPU tensor holding <paramref name="array"/>, in the array's dtype unless <paramref name="dtype"/> is given.</summary>
    /// <exception cref="NotSupportedException">The array's dtype has no tensor counterpart.</exception>
    public static Tensor ToTensor(NpyArray array, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        TorchNative.EnsureLoaded();
        var target = dtype ?? ScalarTypeOf(array.Dtype);
        using var scope = NewDisposeScope();
        var t = tensor(array.Values.ToArray(), array.Shape.ToArray(), dtype: ScalarType.Float64).to_type(target);
        return t.MoveToOuterDisposeScope();
    }
}
