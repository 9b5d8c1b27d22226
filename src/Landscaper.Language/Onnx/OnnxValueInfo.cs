namespace Landscaper.Language.Onnx;

/// <summary>A typed graph input or output (<c>ValueInfoProto</c> with a tensor type).</summary>
/// <param name="Name">Value name.</param>
/// <param name="ElementType">Tensor element type (<see cref="OnnxDataType.Undefined"/> for non-tensor types).</param>
/// <param name="Shape">Dimensions, or null when the shape is not given.</param>
public sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, IReadOnlyList<OnnxDimension>? Shape)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {ElementType}[{(Shape is null ? "?" : string.Join(", ", Shape))}]";

    internal static OnnxValueInfo Read(ProtoReader r)
    {
        string name = "";
        int elem = 0;
        List<OnnxDimension>? shape = null;
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadKey();
            if (field == 1) { r.Expect("name", wire, WireType.LengthDelimited); name = r.ReadString(); }
            else if (field == 2)
            {
                r.Expect("type", wire, WireType.LengthDelimited);
                var type = r.ReadMessage("TypeProto");
                while (!type.AtEnd)
                {
                    var (tf, tw) = type.ReadKey();
                    if (tf != 1) { type.Skip(tw); continue; } // only tensor_type
                    type.Expect("tensor_type", tw, WireType.LengthDelimited);
                    var tensor = type.ReadMessage("TypeProto.Tensor");
                    while (!tensor.AtEnd)
                    {
                        var (nf, nw) = tensor.ReadKey();
                        if (nf == 1) { tensor.Expect("elem_type", nw, WireType.Varint); elem = tensor.ReadInt32(); }
                        else if (nf == 2) { tensor.Expect("shape", nw, WireType.LengthDelimited); shape = ReadShape(tensor.ReadMessage("TensorShapeProto")); }
                        else tensor.Skip(nw);
                    }
                }
            }
            else r.Skip(wire);
        }
        if (!Enum.IsDefined(typeof(OnnxDataType), elem))
            throw new OnnxFormatException($"Value '{name}' has unknown element type {elem}.");
        return new OnnxValueInfo(name, (OnnxDataType)elem, shape);
    }

    private static List<OnnxDimension> ReadShape(ProtoReader r)
    {
        var dims = new List<OnnxDimension>();
        while (!r.AtEnd)
        {
            var (field, wire) = r.ReadKey();
            if (field != 1) { r.Skip(wire); continue; }
            r.Expect("dim", wire, WireType.LengthDelimited);
            var d = r.ReadMessage("TensorShapeProto.Dimension");
            long? value = null;
            string? param = null;
            while (!d.AtEnd)
            {
                var (df, dw) = d.ReadKey();
                if (df == 1) { d.Expect("dim_value", dw, WireType.Varint); value = d.ReadInt64(); }
                else if (df == 2) { d.Expect("dim_param", dw, WireType.LengthDelimited); param = d.ReadString(); }
                else d.Skip(dw);
            }
            dims.Add(new OnnxDimension(value, param));
        }
        return dims;
    }
}
