using Landscaper.Language.Onnx;

namespace Landscaper.Language.Tests;

public class OnnxReaderTests
{
    // Field numbers from onnx.proto: ModelProto ir_version=1, producer_name=2, graph=7, opset_import=8;
    // GraphProto node=1, name=2, initializer=5, input=11, output=12; NodeProto input=1, output=2, name=3, op_type=4,
    // attribute=5; TensorProto dims=1, data_type=2, float_data=4, int64_data=7, name=8, raw_data=9;
    // AttributeProto name=1, f=2, i=3, s=4, t=5, floats=7, ints=8, type=20; ValueInfoProto name=1, type=2.

    private static ProtoWriter RawTensor(string name, long[] dims, params float[] values) =>
        new ProtoWriter().PackedInts(1, dims).Int(2, 1).String(8, name).Bytes(9, ProtoWriter.FloatsLittleEndian(values));

    private static ProtoWriter ValueInfo(string name, int elemType, params object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var d in dims)
            shape.Message(1, d is string p ? new ProtoWriter().String(2, p) : new ProtoWriter().Int(1, Convert.ToInt64(d)));
        var tensorType = new ProtoWriter().Int(1, elemType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    /// <summary>A small model: graph first (so prefixes that end after it are valid messages), then header fields.</summary>
    internal static byte[] SampleModel()
    {
        var weight = RawTensor("W", [2, 3], 1, 2, 3, 4, 5, 6);
        var bias = new ProtoWriter().Int(1, 3).Int(2, 1).String(8, "b").PackedFloats(4, 0.5f, -0.5f, 1.5f); // unpacked dims, float_data
        var shape = new ProtoWriter().PackedInts(1, 1).Int(2, 7).String(8, "shape").Int(7, -1); // int64_data, unpacked
        var matmul = new ProtoWriter().String(1, "x").String(1, "W").String(2, "y").String(3, "mm").String(4, "MatMul");
        var attrs = new ProtoWriter().String(1, "x2").String(2, "z").String(4, "Softmax")
            .Message(5, new ProtoWriter().String(1, "axis").Int(3, -1).Int(20, 2))
            .Message(5, new ProtoWriter().String(1, "epsilon").Float(2, 1e-12f).Int(20, 1))
            .Message(5, new ProtoWriter().String(1, "perm").PackedInts(8, 0, 2, 1, 3).Int(20, 7))
            .Message(5, new ProtoWriter().String(1, "mode").String(4, "constant").Int(20, 3))
            .Message(5, new ProtoWriter().String(1, "value").Message(5, RawTensor("", [], 2f)).Int(20, 4));
        var graph = new ProtoWriter()
            .Message(1, matmul).Message(1, attrs).String(2, "g")
            .Message(5, weight).Message(5, bias).Message(5, shape)
            .Message(11, ValueInfo("x", 1, "batch", 2)).Message(12, ValueInfo("y", 1, "batch", 3));
        return new ProtoWriter()
            .Message(7, graph)
            .Int(1, 7).String(2, "hand").String(3, "1.0")
            .Message(8, new ProtoWriter().String(1, "").Int(2, 13))
            .ToArray();
    }

    private static int GraphFieldEnd(byte[] model)
    {
        var r = new ProtoReader(model, "test");
        r.ReadKey();
        r.ReadBytes();
        return r.Offset;
    }

    [Fact]
    public void Hand_built_model_is_read_field_by_field()
    {
        var m = OnnxModel.Parse(SampleModel());
        Assert.Equal(7, m.IrVersion);
        Assert.Equal("hand", m.ProducerName);
        Assert.Equal("1.0", m.ProducerVersion);
        Assert.Equal(new OnnxOpset("", 13), Assert.Single(m.Opsets));
        var g = m.Graph;
        Assert.Equal("g", g.Name);
        Assert.Equal(["MatMul", "Softmax"], g.Nodes.Select(n => n.OpType));
        Assert.Equal(["x", "W"], g.Nodes[0].Inputs);
        Assert.Equal(["y"], g.Nodes[0].Outputs);
        Assert.Equal("mm", g.Nodes[0].Name);
        var sm = g.Nodes[1];
        Assert.Equal(OnnxAttributeType.Int, sm.Attribute("axis")!.Type);
        Assert.Equal(-1, sm.Attribute("axis")!.Int);
        Assert.Equal(1e-12f, sm.Attribute("epsilon")!.Float);
        Assert.Equal([0L, 2, 1, 3], sm.Attribute("perm")!.Ints);
        Assert.Equal("constant", sm.Attribute("mode")!.Text);
        Assert.Equal([2f], sm.Attribute("value")!.Tensor!.ToSingles());
        Assert.Empty(sm.Attribute("value")!.Tensor!.Dims);

        var w = g.Initializers[0];
        Assert.Equal(("W", OnnxDataType.Float), (w.Name, w.DataType));
        Assert.Equal([2L, 3], w.Dims);
        Assert.Equal([1f, 2, 3, 4, 5, 6], w.ToSingles());
        Assert.Equal([1d, 2, 3, 4, 5, 6], w.ToDoubles());
        Assert.Equal([0.5f, -0.5f, 1.5f], g.Initializers[1].ToSingles());
        Assert.Equal([3L], g.Initializers[1].Dims);
        Assert.Equal([-1L], g.Initializers[2].ToInt64s());

        Assert.Equal("x", g.Inputs[0].Name);
        Assert.Equal(OnnxDataType.Float, g.Inputs[0].ElementType);
        Assert.Equal([new OnnxDimension(null, "batch"), new OnnxDimension(2, null)], g.Inputs[0].Shape!);
        Assert.Equal("y: Float[batch, 3]", g.Outputs[0].ToString());
    }

    [Fact]
    public void Unknown_fields_of_every_wire_type_are_skipped()
    {
        var graph = new ProtoWriter().String(2, "g").Int(99, 5).Fixed64(98, 7).Float(97, 1f).String(96, "junk")
            .Message(1, new ProtoWriter().String(4, "Relu").Int(50, 1).String(1, "a").String(2, "b"));
        var model = new ProtoWriter().Int(1000, 1).Message(7, graph).Fixed64(1001, 3).ToArray();
        var m = OnnxModel.Parse(model);
        Assert.Equal("g", m.Graph.Name);
        Assert.Equal("Relu", Assert.Single(m.Graph.Nodes).OpType);
    }

    [Fact]
    public void Every_truncation_inside_the_graph_is_a_format_error_and_none_throws_anything_else()
    {
        var model = SampleModel();
        int graphEnd = GraphFieldEnd(model);
        for (int length = 0; length < model.Length; length++)
        {
            var prefix = model.AsMemory(0, length);
            if (length < graphEnd)
                Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(prefix));
            else
            {
                try { OnnxModel.Parse(prefix); }
                catch (OnnxFormatException) { }
            }
        }
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "varint longer than ten bytes", [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
        { "varint overflows", [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02] },
        { "field number 0", [0x00, 0x01] },
        { "wire type 3 (group)", [0x0B] },
        { "wire type 4", [0x0C] },
        { "wire type 6", [0x0E] },
        { "wire type 7", [0x0F] },
        { "length past the end", [0x3A, 0x05, 0x12, 0x01] },
        { "truncated fixed32", [0x3D, 0x00, 0x00] },
        { "truncated fixed64", [0x39, 0x00, 0x00, 0x00] },
        { "ir_version with wire type 2", [0x0A, 0x00] },
        { "graph with wire type 0", [0x38, 0x01] },
        { "invalid UTF-8 in producer name", [0x12, 0x02, 0xC3, 0x28] },
        { "no graph", [0x08, 0x07] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_bytes_raise_a_format_exception_naming_the_problem(string what, byte[] bytes)
    {
        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(bytes));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), what);
    }

    [Fact]
    public void Tensor_errors_name_the_tensor()
    {
        // raw data of 5 bytes for a [2] float tensor
        var bad = new ProtoWriter().PackedInts(1, 2).Int(2, 1).String(8, "short").Bytes(9, [1, 2, 3, 4, 5]);
        var negative = new ProtoWriter().PackedInts(1, -3).Int(2, 1).String(8, "neg");
        var unknownType = new ProtoWriter().PackedInts(1, 1).Int(2, 77).String(8, "odd");
        var external = new ProtoWriter().PackedInts(1, 1).Int(2, 1).String(8, "ext").Int(14, 1);
        byte[] Wrap(ProtoWriter t) => new ProtoWriter().Message(7, new ProtoWriter().Message(5, t)).ToArray();

        var shortTensor = OnnxModel.Parse(Wrap(bad)).Graph.Initializers[0];
        Assert.Contains("'short'", Assert.Throws<OnnxFormatException>(() => shortTensor.ToSingles()).Message);
        Assert.Contains("'neg'", Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(Wrap(negative))).Message);
        Assert.Contains("77", Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(Wrap(unknownType))).Message);
        var ext = OnnxModel.Parse(Wrap(external)).Graph.Initializers[0];
        Assert.Contains("external", Assert.Throws<OnnxFormatException>(() => ext.ToSingles()).Message);
        Assert.Throws<OnnxFormatException>(() => shortTensor.ToInt64s());
    }

    [Fact]
    public void Subgraph_nesting_is_bounded()
    {
        var graph = new ProtoWriter().String(2, "leaf");
        for (int i = 0; i < OnnxGraph.MaxDepth + 2; i++)
        {
            var attr = new ProtoWriter().String(1, "then_branch").Message(6, graph).Int(20, 5);
            var node = new ProtoWriter().String(4, "If").Message(5, attr);
            graph = new ProtoWriter().Message(1, node);
        }
        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(new ProtoWriter().Message(7, graph).ToArray()));
        Assert.Contains("nested", ex.Message);
    }

    [Fact]
    public void Random_corruptions_only_ever_raise_the_format_exception()
    {
        var valid = SampleModel();
        var rng = new Random(12345);
        int parsed = 0, rejected = 0;
        for (int iteration = 0; iteration < 4000; iteration++)
        {
            var bytes = valid.ToList();
            int edits = 1 + rng.Next(4);
            for (int e = 0; e < edits; e++)
            {
                int kind = rng.Next(4);
                int at = rng.Next(bytes.Count);
                if (kind == 0) bytes[at] = (byte)rng.Next(256);
                else if (kind == 1) bytes[at] ^= (byte)(1 << rng.Next(8));
                else if (kind == 2) bytes.Insert(at, (byte)rng.Next(256));
                else if (bytes.Count > 1) bytes.RemoveAt(at);
            }
            if (iteration % 10 == 0) bytes = Enumerable.Range(0, rng.Next(64)).Select(_ => (byte)rng.Next(256)).ToList();
            try
            {
                var m = OnnxModel.Parse(bytes.ToArray());
                foreach (var t in m.Graph.Initializers)
                {
                    try { _ = t.ElementCount; _ = t.DataType == OnnxDataType.Int64 ? t.ToInt64s().Length : t.ToSingles().Length; }
                    catch (OnnxFormatException) { }
                }
                parsed++;
            }
            catch (OnnxFormatException) { rejected++; }
        }
        Assert.True(parsed > 0 && rejected > 0, $"parsed {parsed}, rejected {rejected}");
    }
}
