namespace Landscaper.Language.Onnx;

/// <summary>The bytes are not a well-formed ONNX (protobuf) model, or a field has a value the reader cannot use.
/// The message names the message type, the field and the byte offset where reading failed.</summary>
public sealed class OnnxFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public OnnxFormatException(string message) : base(message) { }
}
