namespace Landscaper.Language.Bert;

/// <summary>One parameter of <see cref="BertEncoder"/> and the ONNX initializer that supplies it.</summary>
/// <param name="Parameter">Parameter name, e.g. <c>encoder.layer.0.attention.self.query.weight</c>.</param>
/// <param name="Initializer">ONNX initializer name (often an anonymous number for MatMul weights).</param>
/// <param name="OnnxShape">Shape of the initializer.</param>
/// <param name="Transpose">True for MatMul weights stored [in, out], which the parameter holds as [out, in].</param>
public sealed record BertWeightBinding(string Parameter, string Initializer, IReadOnlyList<long> OnnxShape, bool Transpose)
{
    /// <summary>Shape the parameter must have.</summary>
    public long[] ParameterShape => Transpose ? [OnnxShape[1], OnnxShape[0]] : OnnxShape.ToArray();
}
