namespace Landscaper.Language.Onnx;

/// <summary>An ONNX computation graph (<c>GraphProto</c>): nodes in topological order, constant initializers and the
/// typed inputs/outputs.</summary>
/// <param name="Name">Graph name.</param>
/// <param name="Nodes">Operators, in file order (topological for valid models).</param>
/// <param name="Initializers">Named constant tensors (the weights).</param>
/// <param name="Inputs">Graph inputs (may also list initializers in old models).</param>
/// <param name="Outputs">Graph outputs.</param>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs)
{
    /// <summary>Maximum nesting of subgraphs (attributes of If/Loop nodes) accepted, to bound recursion on hostile input.</summary>
    public const int MaxDepth = 32;

    internal static OnnxGraph Read(ProtoReader r, int depth)
    {
        if (depth > MaxDepth) throw r.Error($"subgraphs nested deeper than {MaxDepth}", r.Offset);
        string name = "";
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadKey();
            switch (field)
            {
                case 1: r.Expect("node", wire, WireType.LengthDelimited); nodes.Add(OnnxNode.Read(r.ReadMessage("NodeProto"), depth)); break;
                case 2: r.Expect("name", wire, WireType.LengthDelimited); name = r.ReadString(); break;
                case 5: r.Expect("initializer", wire, WireType.LengthDelimited); initializers.Add(OnnxTensor.Read(r.ReadMessage("TensorProto"))); break;
                case 11: r.Expect("input", wire, WireType.LengthDelimited); inputs.Add(OnnxValueInfo.Read(r.ReadMessage("ValueInfoProto"))); break;
                case 12: r.Expect("output", wire, WireType.LengthDelimited); outputs.Add(OnnxValueInfo.Read(r.ReadMessage("ValueInfoProto"))); break;
                default: r.Skip(wire); break;
            }
        }
        return new OnnxGraph(name, nodes.ToArray(), initializers.ToArray(), inputs.ToArray(), outputs.ToArray());
    }
}
