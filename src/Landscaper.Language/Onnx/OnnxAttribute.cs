using System.Text;

namespace Landscaper.Language.Onnx;

/// <summary>An ONNX node attribute (<c>AttributeProto</c>). Only the field matching <see cref="Type"/> is meaningful.</summary>
/// <param name="Name">Attribute name, e.g. <c>axis</c> or <c>epsilon</c>.</param>
/// <param name="Type">Which value field is set.</param>
/// <param name="Float">Value of a <see cref="OnnxAttributeType.Float"/> attribute.</param>
/// <param name="Int">Value of an <see cref="OnnxAttributeType.Int"/> attribute.</param>
/// <param name="Bytes">Value of a <see cref="OnnxAttributeType.String"/> attribute (raw bytes).</param>
/// <param name="Tensor">Value of a <see cref="OnnxAttributeType.Tensor"/> attribute, or null.</param>
/// <param name="Graph">Value of a <see cref="OnnxAttributeType.Graph"/> attribute, or null.</param>
/// <param name="Floats">Values of a <see cref="OnnxAttributeType.Floats"/> attribute.</param>
/// <param name="Ints">Values of an <see cref="OnnxAttributeType.Ints"/> attribute.</param>
/// <param name="Strings">Values of a <see cref="OnnxAttributeType.Strings"/> attribute.</param>
/// <param name="Tensors">Values of a <see cref="OnnxAttributeType.Tensors"/> attribute.</param>
/// <param name="Graphs">Values of a <see cref="OnnxAttributeType.Graphs"/> attribute.</param>
public sealed record OnnxAttribute(
    string Name,
    OnnxAttributeType Type,
    float Float,
    long Int,
    ReadOnlyMemory<byte> Bytes,
    OnnxTensor? Tensor,
    OnnxGraph? Graph,
    IReadOnlyList<float> Floats,
    IReadOnlyList<long> Ints,
    IReadOnlyList<ReadOnlyMemory<byte>> Strings,
    IReadOnlyList<OnnxTensor> Tensors,
    IReadOnlyList<OnnxGraph> Graphs)
{
    /// <summary>A <see cref="OnnxAttributeType.String"/> value decoded as UTF-8 (invalid bytes replaced).</summary>
    public string Text => Encoding.UTF8.GetString(Bytes.Span);

    internal static OnnxAttribute Read(ProtoReader r, int depth)
    {
        string name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        ReadOnlyMemory<byte> s = default;
        OnnxTensor? t = null;
        OnnxGraph? g = null;
        var floats = new List<float>();
        var ints = new List<long>();
        var strings = new List<ReadOnlyMemory<byte>>();
        var tensors = new List<OnnxTensor>();
        var graphs = new List<OnnxGraph>();
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadKey();
            switch (field)
            {
                case 1: r.Expect("name", wire, WireType.LengthDelimited); name = r.ReadString(); break;
                case 2: r.Expect("f", wire, WireType.Fixed32); f = r.ReadFixed32Single(); break;
                case 3: r.Expect("i", wire, WireType.Varint); i = r.ReadInt64(); break;
                case 4: r.Expect("s", wire, WireType.LengthDelimited); s = r.ReadBytes(); break;
                case 5: r.Expect("t", wire, WireType.LengthDelimited); t = OnnxTensor.Read(r.ReadMessage("TensorProto")); break;
                case 6: r.Expect("g", wire, WireType.LengthDelimited); g = OnnxGraph.Read(r.ReadMessage("GraphProto"), depth + 1); break;
                case 7: r.ReadRepeatedSingle(wire, floats, "floats"); break;
                case 8: r.ReadRepeatedInt64(wire, ints, "ints"); break;
                case 9: r.Expect("strings", wire, WireType.LengthDelimited); strings.Add(r.ReadBytes()); break;
                case 10: r.Expect("tensors", wire, WireType.LengthDelimited); tensors.Add(OnnxTensor.Read(r.ReadMessage("TensorProto"))); break;
                case 11: r.Expect("graphs", wire, WireType.LengthDelimited); graphs.Add(OnnxGraph.Read(r.ReadMessage("GraphProto"), depth + 1)); break;
                case 20: r.Expect("type", wire, WireType.Varint); type = r.ReadInt32(); break;
                default: r.Skip(wire); break;
            }
        }
        if (!Enum.IsDefined(typeof(OnnxAttributeType), type))
            throw new OnnxFormatException($"Attribute '{name}' has unknown type {type}.");
        return new OnnxAttribute(name, (OnnxAttributeType)type, f, i, s, t, g, floats.ToArray(), ints.ToArray(), strings.ToArray(),
            tensors.ToArray(), graphs.ToArray());
    }
}
