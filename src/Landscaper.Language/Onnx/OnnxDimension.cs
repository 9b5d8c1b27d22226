namespace Landscaper.Language.Onnx;

/// <summary>One dimension of a graph input/output shape: a fixed size, a symbolic name, or unknown.</summary>
/// <param name="Value">Fixed size, or null.</param>
/// <param name="Param">Symbolic name (e.g. <c>batch_size</c>), or null.</param>
public sealed record OnnxDimension(long? Value, string? Param)
{
    /// <inheritdoc />
    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Param ?? "?";
}
