namespace Landscaper.Language.Onnx;

/// <summary>One operator of an ONNX graph (<c>NodeProto</c>). Inputs and outputs are value names; an empty input
/// name means an omitted optional input.</summary>
/// <param name="Name">Node name ("" when unnamed).</param>
/// <param name="OpType">Operator, e.g. <c>MatMul</c>.</param>
/// <param name="Domain">Operator domain ("" for the default ONNX domain).</param>
/// <param name="Inputs">Input value names, in operator order.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">Attributes, in file order.</param>
public sealed record OnnxNode(
    string Name,
    string OpType,
    string Domain,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes)
{
    /// <summary>The attribute named <paramref name="name"/>, or null.</summary>
    public OnnxAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    /// <inheritdoc />
    public override string ToString() =>
        $"{OpType}{(Name.Length > 0 ? " '" + Name + "'" : "")}({string.Join(", ", Inputs)}) -> {string.Join(", ", Outputs)}";

    internal static OnnxNode Read(ProtoReader r, int depth)
    {
        string name = "", op = "", domain = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadKey();
            switch (field)
            {
                case 1: r.Expect("input", wire, WireType.LengthDelimited); inputs.Add(r.ReadString()); break;
                case 2: r.Expect("output", wire, WireType.LengthDelimited); outputs.Add(r.ReadString()); break;
                case 3: r.Expect("name", wire, WireType.LengthDelimited); name = r.ReadString(); break;
                case 4: r.Expect("op_type", wire, WireType.LengthDelimited); op = r.ReadString(); break;
                case 5: r.Expect("attribute", wire, WireType.LengthDelimited); attributes.Add(OnnxAttribute.Read(r.ReadMessage("AttributeProto"), depth)); break;
                case 7: r.Expect("domain", wire, WireType.LengthDelimited); domain = r.ReadString(); break;
                default: r.Skip(wire); break;
            }
        }
        if (op.Length == 0) throw new OnnxFormatException($"Node '{name}' has no op_type.");
        return new OnnxNode(name, op, domain, inputs.ToArray(), outputs.ToArray(), attributes.ToArray());
    }
}
