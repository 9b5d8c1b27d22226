namespace Landscaper.Language.Onnx;

/// <summary>
/// An ONNX model (<c>ModelProto</c>) read with the workbench's own protocol-buffer reader: version information,
/// operator sets and the main graph. Unknown fields are skipped; malformed input raises
/// <see cref="OnnxFormatException"/> and nothing else.
/// </summary>
/// <param name="IrVersion">ONNX IR version.</param>
/// <param name="ProducerName">Exporter name.</param>
/// <param name="ProducerVersion">Exporter version.</param>
/// <param name="Opsets">Operator-set imports.</param>
/// <param name="Graph">The main graph.</param>
public sealed record OnnxModel(long IrVersion, string ProducerName, string ProducerVersion, IReadOnlyList<OnnxOpset> Opsets, OnnxGraph Graph)
{
    /// <summary>Parses an encoded ModelProto. Tensor data is referenced, not copied: keep <paramref name="bytes"/> unchanged.</summary>
    /// <exception cref="OnnxFormatException">Truncated or malformed bytes, or no graph.</exception>
    public static OnnxModel Parse(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty) throw new OnnxFormatException("Invalid ONNX ModelProto: the input is empty.");
        var r = new ProtoReader(bytes, "ModelProto");
        long ir = 0;
        string producer = "", version = "";
        var opsets = new List<OnnxOpset>();
        OnnxGraph? graph = null;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadKey();
            switch (field)
            {
                case 1: r.Expect("ir_version", wire, WireType.Varint); ir = r.ReadInt64(); break;
                case 2: r.Expect("producer_name", wire, WireType.LengthDelimited); producer = r.ReadString(); break;
                case 3: r.Expect("producer_version", wire, WireType.LengthDelimited); version = r.ReadString(); break;
                case 7: r.Expect("graph", wire, WireType.LengthDelimited); graph = OnnxGraph.Read(r.ReadMessage("GraphProto"), 0); break;
                case 8: r.Expect("opset_import", wire, WireType.LengthDelimited); opsets.Add(ReadOpset(r.ReadMessage("OperatorSetIdProto"))); break;
                default: r.Skip(wire); break;
            }
        }
        if (graph is null) throw new OnnxFormatException("Invalid ONNX ModelProto: no graph (field 7) was found.");
        return new OnnxModel(ir, producer, version, opsets.ToArray(), graph);
    }

    private static OnnxOpset ReadOpset(ProtoReader r)
    {
        string domain = "";
        long version = 0;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadKey();
            if (field == 1) { r.Expect("domain", wire, WireType.LengthDelimited); domain = r.ReadString(); }
            else if (field == 2) { r.Expect("version", wire, WireType.Varint); version = r.ReadInt64(); }
            else r.Skip(wire);
        }
        return new OnnxOpset(domain, version);
    }
}
