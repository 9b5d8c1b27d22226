using System.Buffers.Binary;
using System.Text;

namespace Landscaper.Language.Onnx;

/// <summary>
/// A forward-only, bounds-checked reader of the protocol-buffer wire format over a slice of memory. Every read either
/// succeeds or throws <see cref="OnnxFormatException"/> naming <see cref="Context"/> and the absolute byte offset;
/// no other exception escapes for any input.
/// </summary>
/// <remarks>Length-delimited payloads are returned as slices of the underlying memory (no copy), so tensors of a
/// large model are not duplicated while parsing.</remarks>
public struct ProtoReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    /// <param name="data">The encoded message.</param>
    /// <param name="context">What is being read (used in error messages), e.g. <c>ModelProto</c>.</param>
    /// <param name="baseOffset">Offset of <paramref name="data"/> in the outermost buffer (for error messages).</param>
    public ProtoReader(ReadOnlyMemory<byte> data, string context, int baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
        Context = context;
    }

    /// <summary>What is being read, for error messages.</summary>
    public string Context { get; }

    /// <summary>True when all bytes have been consumed.</summary>
    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Absolute offset of the next byte in the outermost buffer.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>Reads the next field key.</summary>
    /// <returns>The field number (≥ 1) and its wire type.</returns>
    /// <exception cref="OnnxFormatException">Truncated key, field number 0 or out of range, or an unsupported wire type.</exception>
    public (int Field, WireType Type) ReadKey()
    {
        int at = Offset;
        ulong key = ReadVarint();
        if (key > uint.MaxValue) throw Error($"field key {key} does not fit 32 bits", at);
        int field = (int)(key >> 3);
        int type = (int)(key & 7);
        if (field == 0) throw Error("field number 0 is invalid", at);
        if (type is not (0 or 1 or 2 or 5))
            throw Error($"field {field} has wire type {type}, which is not supported (groups or an invalid type)", at);
        return (field, (WireType)type);
    }

    /// <summary>Reads a base-128 varint (at most ten bytes).</summary>
    /// <exception cref="OnnxFormatException">Truncated or longer than ten bytes / 64 bits.</exception>
    public ulong ReadVarint()
    {
        int at = Offset;
        var span = _data.Span;
        ulong result = 0;
        for (int i = 0; i < 10; i++)
        {
            if (_position >= span.Length) throw Error("truncated varint", at);
            byte b = span[_position++];
            if (i == 9 && b > 1) throw Error("varint overflows 64 bits", at);
            result |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) return result;
        }
        throw Error("varint longer than ten bytes", at);
    }

    /// <summary>Reads a varint as a (two's complement) int64.</summary>
    public long ReadInt64() => unchecked((long)ReadVarint());

    /// <summary>Reads a varint as an int32 (protobuf encodes negative int32 as ten-byte int64).</summary>
    /// <exception cref="OnnxFormatException">The value does not fit 32 bits.</exception>
    public int ReadInt32()
    {
        int at = Offset;
        long v = ReadInt64();
        if (v < int.MinValue || v > int.MaxValue) throw Error($"value {v} does not fit an int32", at);
        return (int)v;
    }

    /// <summary>Reads four little-endian bytes as a float.</summary>
    public float ReadFixed32Single() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "fixed32").Span);

    /// <summary>Reads eight little-endian bytes as a double.</summary>
    public double ReadFixed64Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "fixed64").Span);

    /// <summary>Reads a length-delimited payload as a slice of the underlying memory.</summary>
    /// <exception cref="OnnxFormatException">The length runs past the end of the message.</exception>
    public ReadOnlyMemory<byte> ReadBytes()
    {
        int at = Offset;
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
            throw Error($"length {length} runs past the end of the message ({_data.Length - _position} bytes left)", at);
        return Take((int)length, "bytes");
    }

    /// <summary>Reads a length-delimited UTF-8 string.</summary>
    /// <exception cref="OnnxFormatException">Truncated, or not valid UTF-8.</exception>
    public string ReadString()
    {
        int at = Offset;
        var bytes = ReadBytes();
        try { return StrictUtf8.GetString(bytes.Span); }
        catch (DecoderFallbackException) { throw Error("string is not valid UTF-8", at); }
    }

    /// <summary>Reads a length-delimited embedded message and returns a reader over it.</summary>
    /// <param name="context">Name of the embedded message type, for errors.</param>
    public ProtoReader ReadMessage(string context)
    {
        var bytes = ReadBytes();
        return new ProtoReader(bytes, context, Offset - bytes.Length);
    }

    /// <summary>Skips the value of a field of the given wire type (unknown fields).</summary>
    public void Skip(WireType type)
    {
        switch (type)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: Take(8, "fixed64"); break;
            case WireType.Fixed32: Take(4, "fixed32"); break;
            case WireType.LengthDelimited: ReadBytes(); break;
            default: throw Error($"cannot skip wire type {(int)type}", Offset);
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    /// <param name="field">Field being read (name for the message).</param>
    /// <param name="actual">Wire type found.</param>
    /// <param name="expected">Wire type the schema requires.</param>
    public readonly void Expect(string field, WireType actual, WireType expected)
    {
        if (actual != expected)
            throw Error($"field '{field}' has wire type {actual}, expected {expected}", Offset);
    }

    /// <summary>Reads a repeated int64 field occurrence, packed (length-delimited) or not (varint), appending to <paramref name="into"/>.</summary>
    public void ReadRepeatedInt64(WireType type, List<long> into, string field)
    {
        if (type == WireType.Varint) { into.Add(ReadInt64()); return; }
        Expect(field, type, WireType.LengthDelimited);
        var packed = ReadMessage($"{Context}.{field}");
        while (!packed.AtEnd) into.Add(packed.ReadInt64());
    }

    /// <summary>Reads a repeated float field occurrence, packed or not, appending to <paramref name="into"/>.</summary>
    public void ReadRepeatedSingle(WireType type, List<float> into, string field)
    {
        if (type == WireType.Fixed32) { into.Add(ReadFixed32Single()); return; }
        Expect(field, type, WireType.LengthDelimited);
        var packed = ReadMessage($"{Context}.{field}");
        if (packed._data.Length % 4 != 0) throw Error($"packed float field '{field}' has {packed._data.Length} bytes, not a multiple of 4", packed.Offset);
        while (!packed.AtEnd) into.Add(packed.ReadFixed32Single());
    }

    /// <summary>Reads a repeated double field occurrence, packed or not, appending to <paramref name="into"/>.</summary>
    public void ReadRepeatedDouble(WireType type, List<double> into, string field)
    {
        if (type == WireType.Fixed64) { into.Add(ReadFixed64Double()); return; }
        Expect(field, type, WireType.LengthDelimited);
        var packed = ReadMessage($"{Context}.{field}");
        if (packed._data.Length % 8 != 0) throw Error($"packed double field '{field}' has {packed._data.Length} bytes, not a multiple of 8", packed.Offset);
        while (!packed.AtEnd) into.Add(packed.ReadFixed64Double());
    }

    /// <summary>An <see cref="OnnxFormatException"/> naming the context and offset.</summary>
    public readonly OnnxFormatException Error(string what, int offset) => new($"Invalid ONNX {Context} at byte {offset}: {what}.");

    private ReadOnlyMemory<byte> Take(int count, string what)
    {
        if (count < 0 || count > _data.Length - _position)
            throw Error($"truncated {what} ({count} bytes needed, {_data.Length - _position} left)", Offset);
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
