namespace Landscaper.Language.Bert;

/// <summary>An ONNX graph does not match the BERT encoder (a pattern is missing, a shape or constant disagrees, or an
/// initializer is left unmapped). The message names the node, initializer or parameter concerned.</summary>
public sealed class BertMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BertMappingException(string message) : base(message) { }
}
