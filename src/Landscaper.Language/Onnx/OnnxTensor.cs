using System.Buffers.Binary;

namespace Landscaper.Language.Onnx;

/// <summary>
/// An ONNX <c>TensorProto</c>: a named constant (initializer or attribute value) with its shape, element type and
/// data, which is either <see cref="RawData"/> (little-endian bytes) or one of the typed repeated fields.
/// </summary>
/// <param name="Name">Tensor name ("" when unnamed).</param>
/// <param name="Dims">Shape (empty for a scalar).</param>
/// <param name="DataType">Element type.</param>
/// <param name="RawData">Little-endian element bytes (a slice of the model buffer), or empty.</param>
/// <param name="FloatData">Values of <c>float_data</c> (also used by ONNX for float16/bfloat16 bit patterns), or empty.</param>
/// <param name="DoubleData">Values of <c>double_data</c>, or empty.</param>
/// <param name="Int64Data">Values of <c>int64_data</c>, or empty.</param>
/// <param name="Int32Data">Values of <c>int32_data</c> (int32, int16, int8, uint8, bool...), or empty.</param>
/// <param name="IsExternal">True when the data lives in an external file (<c>data_location = EXTERNAL</c>), which is not supported.</param>
public sealed record OnnxTensor(
    string Name,
    IReadOnlyList<long> Dims,
    OnnxDataType DataType,
    ReadOnlyMemory<byte> RawData,
    IReadOnlyList<float> FloatData,
    IReadOnlyList<double> DoubleData,
    IReadOnlyList<long> Int64Data,
    IReadOnlyList<int> Int32Data,
    bool IsExternal)
{
    /// <summary>Number of elements (product of <see cref="Dims"/>; 1 for a scalar).</summary>
    /// <exception cref="OnnxFormatException">A negative dimension or an element count beyond 2^31.</exception>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Dims)
            {
                if (d < 0) throw new OnnxFormatException($"Tensor '{Name}' has a negative dimension ({ShapeText}).");
                if (d != 0 && n > int.MaxValue / d) throw new OnnxFormatException($"Tensor '{Name}' is too large ({ShapeText}).");
                n *= d;
            }
            return n;
        }
    }

    /// <summary>The shape as text, e.g. <c>[384, 1536]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Dims) + "]";

    /// <summary>The values as float32 (from float or double data).</summary>
    /// <exception cref="OnnxFormatException">Another element type, external data, or a data length that does not
    /// match the shape.</exception>
    public float[] ToSingles()
    {
        if (DataType == OnnxDataType.Double) return Array.ConvertAll(ToDoubles(), d => (float)d);
        Require(OnnxDataType.Float);
        int n = checked((int)ElementCount);
        if (!RawData.IsEmpty)
        {
            CheckRawLength(n, 4);
            var result = new float[n];
            var span = RawData.Span;
            for (int i = 0; i < n; i++) result[i] = BinaryPrimitives.ReadSingleLittleEndian(span.Slice(4 * i, 4));
            return result;
        }
        CheckCount(FloatData.Count, n, "float_data");
        return FloatData.ToArray();
    }

    /// <summary>The values as float64 (from double or float data).</summary>
    /// <exception cref="OnnxFormatException">Another element type, external data, or a length mismatch.</exception>
    public double[] ToDoubles()
    {
        if (DataType == OnnxDataType.Float) return Array.ConvertAll(ToSingles(), f => (double)f);
        Require(OnnxDataType.Double);
        int n = checked((int)ElementCount);
        if (!RawData.IsEmpty)
        {
            CheckRawLength(n, 8);
            var result = new double[n];
            var span = RawData.Span;
            for (int i = 0; i < n; i++) result[i] = BinaryPrimitives.ReadDoubleLittleEndian(span.Slice(8 * i, 8));
            return result;
        }
        CheckCount(DoubleData.Count, n, "double_data");
        return DoubleData.ToArray();
    }

    /// <summary>The values as int64 (from int64 or int32 tensors).</summary>
    /// <exception cref="OnnxFormatException">Another element type, external data, or a length mismatch.</exception>
    public long[] ToInt64s()
    {
        if (DataType == OnnxDataType.Int32)
        {
            int m = checked((int)ElementCount);
            if (!RawData.IsEmpty)
            {
                CheckRawLength(m, 4);
                var r = new long[m];
                for (int i = 0; i < m; i++) r[i] = BinaryPrimitives.ReadInt32LittleEndian(RawData.Span.Slice(4 * i, 4));
                return r;
            }
            CheckCount(Int32Data.Count, m, "int32_data");
            return Int32Data.Select(v => (long)v).ToArray();
        }
        Require(OnnxDataType.Int64);
        int n = checked((int)ElementCount);
        if (!RawData.IsEmpty)
        {
            CheckRawLength(n, 8);
            var result = new long[n];
            var span = RawData.Span;
            for (int i = 0; i < n; i++) result[i] = BinaryPrimitives.ReadInt64LittleEndian(span.Slice(8 * i, 8));
            return result;
        }
        CheckCount(Int64Data.Count, n, "int64_data");
        return Int64Data.ToArray();
    }

    private void Require(OnnxDataType type)
    {
        if (IsExternal) throw new OnnxFormatException($"Tensor '{Name}' stores its data in an external file, which is not supported; embed the weights in the .onnx file.");
        if (DataType != type) throw new OnnxFormatException($"Tensor '{Name}' has element type {DataType}, expected {type}.");
    }

    private void CheckRawLength(int n, int size)
    {
        if ((long)n * size != RawData.Length)
            throw new OnnxFormatException($"Tensor '{Name}' {ShapeText} of {DataType} needs {(long)n * size} raw bytes but has {RawData.Length}.");
    }

    private void CheckCount(int count, int n, string field)
    {
        if (count != n) throw new OnnxFormatException($"Tensor '{Name}' {ShapeText} needs {n} values but {field} has {count}.");
    }

    internal static OnnxTensor Read(ProtoReader r)
    {
        string name = "";
        var dims = new List<long>();
        int dataType = 0;
        ReadOnlyMemory<byte> raw = default;
        var floats = new List<float>();
        var doubles = new List<double>();
        var int64s = new List<long>();
        var int32s = new List<long>();
        bool external = false;
        while (!r.AtEnd)
        {
            var (field, type) = r.ReadKey();
            switch (field)
            {
                case 1: r.ReadRepeatedInt64(type, dims, "dims"); break;
                case 2: r.Expect("data_type", type, WireType.Varint); dataType = r.ReadInt32(); break;
                case 4: r.ReadRepeatedSingle(type, floats, "float_data"); break;
                case 5: r.ReadRepeatedInt64(type, int32s, "int32_data"); break;
                case 7: r.ReadRepeatedInt64(type, int64s, "int64_data"); break;
                case 8: r.Expect("name", type, WireType.LengthDelimited); name = r.ReadString(); break;
                case 9: r.Expect("raw_data", type, WireType.LengthDelimited); raw = r.ReadBytes(); break;
                case 10: r.ReadRepeatedDouble(type, doubles, "double_data"); break;
                case 13: r.Expect("external_data", type, WireType.LengthDelimited); r.ReadBytes(); external = true; break;
                case 14: r.Expect("data_location", type, WireType.Varint); external |= r.ReadInt64() == 1; break;
                default: r.Skip(type); break;
            }
        }
        if (!Enum.IsDefined(typeof(OnnxDataType), dataType))
            throw new OnnxFormatException($"Tensor '{name}' has unknown data_type {dataType}.");
        foreach (long d in dims)
            if (d < 0) throw new OnnxFormatException($"Tensor '{name}' has a negative dimension [{string.Join(", ", dims)}].");
        var narrowed = int32s.Select(v => unchecked((int)v)).ToArray();
        return new OnnxTensor(name, dims.ToArray(), (OnnxDataType)dataType, raw, floats.ToArray(), doubles.ToArray(), int64s.ToArray(), narrowed, external);
    }
}
