namespace Landscaper.Language.Onnx;

/// <summary>Kinds of ONNX node attributes (the values of <c>AttributeProto.AttributeType</c>).</summary>
public enum OnnxAttributeType
{
    /// <summary>Not set.</summary>
    Undefined = 0,
    /// <summary>One float.</summary>
    Float = 1,
    /// <summary>One int64.</summary>
    Int = 2,
    /// <summary>One byte string.</summary>
    String = 3,
    /// <summary>One tensor.</summary>
    Tensor = 4,
    /// <summary>One subgraph.</summary>
    Graph = 5,
    /// <summary>A list of floats.</summary>
    Floats = 6,
    /// <summary>A list of int64.</summary>
    Ints = 7,
    /// <summary>A list of byte strings.</summary>
    Strings = 8,
    /// <summary>A list of tensors.</summary>
    Tensors = 9,
    /// <summary>A list of subgraphs.</summary>
    Graphs = 10,
    /// <summary>A sparse tensor (not decoded).</summary>
    SparseTensor = 11,
    /// <summary>Sparse tensors (not decoded).</summary>
    SparseTensors = 12,
    /// <summary>A type (not decoded).</summary>
    TypeProto = 13,
    /// <summary>Types (not decoded).</summary>
    TypeProtos = 14,
}
