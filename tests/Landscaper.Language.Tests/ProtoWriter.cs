using System.Buffers.Binary;
using System.Text;

namespace Landscaper.Language.Tests;

/// <summary>A minimal protocol-buffer encoder for building test inputs by hand (independent of the reader under test).</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => _bytes.ToArray();

    public ProtoWriter Key(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    public ProtoWriter Varint(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            _bytes.Add(b);
        } while (value != 0);
        return this;
    }

    public ProtoWriter Int(int field, long value) => Key(field, 0).Varint(unchecked((ulong)value));

    public ProtoWriter Bytes(int field, byte[] payload)
    {
        Key(field, 2).Varint((ulong)payload.Length);
        _bytes.AddRange(payload);
        return this;
    }

    public ProtoWriter String(int field, string text) => Bytes(field, Encoding.UTF8.GetBytes(text));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Float(int field, float value)
    {
        Key(field, 5);
        var buf = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(buf, value);
        _bytes.AddRange(buf);
        return this;
    }

    public ProtoWriter Fixed64(int field, ulong value)
    {
        Key(field, 1);
        var buf = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(buf, value);
        _bytes.AddRange(buf);
        return this;
    }

    public ProtoWriter PackedInts(int field, params long[] values)
    {
        var inner = new ProtoWriter();
        foreach (var v in values) inner.Varint(unchecked((ulong)v));
        return Bytes(field, inner.ToArray());
    }

    public ProtoWriter PackedFloats(int field, params float[] values)
    {
        var buf = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buf.AsSpan(4 * i), values[i]);
        return Bytes(field, buf);
    }

    public ProtoWriter Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public static byte[] FloatsLittleEndian(params float[] values)
    {
        var buf = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buf.AsSpan(4 * i), values[i]);
        return buf;
    }
}
