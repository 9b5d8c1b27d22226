using static TorchSharp.torch;

namespace Landscaper.Models;

/// <summary>Input checks run at the top of <c>forward</c>: libtorch aborts the process on some shape errors, so
/// models reject bad inputs with an <see cref="ArgumentException"/> that states the expected and the actual shape.</summary>
public static class ModelInput
{
    /// <summary>Throws unless <paramref name="input"/> is a [batch ≥ 1, channels, height, width] tensor of
    /// <paramref name="dtype"/>.</summary>
    /// <param name="input">The tensor to check.</param>
    /// <param name="channels">Required channel count.</param>
    /// <param name="height">Required height, or null for any height ≥ 1.</param>
    /// <param name="width">Required width, or null for any width ≥ 1.</param>
    /// <param name="dtype">Required dtype (that of the model's parameters).</param>
    /// <param name="paramName">Argument name reported in the exception.</param>
    /// <exception cref="ArgumentNullException">The input is null.</exception>
    /// <exception cref="ArgumentException">Wrong rank, size or dtype; or a disposed tensor.</exception>
    public static void EnsureImages(Tensor input, long channels, long? height, long? width, ScalarType dtype, string paramName)
    {
        ArgumentNullException.ThrowIfNull(input, paramName);
        if (input.IsInvalid) throw new ArgumentException("The input tensor has been disposed.", paramName);
        string expected = $"[batch, {channels}, {height?.ToString() ?? "height"}, {width?.ToString() ?? "width"}]";
        var s = input.shape;
        if (s.Length != 4 || s[0] < 1 || s[1] != channels || s[2] < 1 || s[3] < 1
            || (height is { } h && s[2] != h) || (width is { } w && s[3] != w))
            throw new ArgumentException($"Expected input {expected}, got [{string.Join(", ", s)}].", paramName);
        if (input.dtype != dtype)
            throw new ArgumentException($"Expected input of dtype {dtype} (the model's parameters), got {input.dtype}.", paramName);
    }
}
