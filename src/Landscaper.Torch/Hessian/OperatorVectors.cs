using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>Validation of the vectors handed to <see cref="ISymmetricOperator.Apply"/> (one home for the message).</summary>
internal static class OperatorVectors
{
    /// <summary>Throws unless <paramref name="vector"/> is a live one-dimensional float64 tensor of length
    /// <paramref name="n"/> on <paramref name="device"/>.</summary>
    public static void Check(Tensor vector, long n, Device device, string paramName)
    {
        ArgumentNullException.ThrowIfNull(vector, paramName);
        if (vector.IsInvalid) throw new ArgumentException("The vector tensor is disposed.", paramName);
        if (vector.dim() != 1 || vector.shape[0] != n)
            throw new ArgumentException($"Expected a flat vector of length {n}, got shape [{string.Join(", ", vector.shape)}].", paramName);
        if (vector.dtype != ScalarType.Float64)
            throw new ArgumentException($"Operator vectors are float64, got {vector.dtype}.", paramName);
        if (vector.device_type != device.type)
            throw new ArgumentException($"The vector is on {vector.device_type}, the operator on {device.type}.", paramName);
    }
}
