namespace Landscaper.Language.Onnx;

/// <summary>An operator-set import of a model (<c>OperatorSetIdProto</c>).</summary>
/// <param name="Domain">Domain ("" = the default ONNX operators).</param>
/// <param name="Version">Opset version.</param>
public sealed record OnnxOpset(string Domain, long Version);
