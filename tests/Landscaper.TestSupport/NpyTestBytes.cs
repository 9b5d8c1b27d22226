using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Landscaper.Tests;

/// <summary>Builds .npy / .npz bytes by hand, independently of the library's writer.</summary>
public static class NpyTestBytes
{
    /// <summary>An .npy file with the given header dict text and raw data; the header is padded to 64 bytes like NumPy.</summary>
    public static byte[] Build(string headerDict, byte[] data, int major = 1, bool pad = true, Encoding? encoding = null)
    {
        encoding ??= major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        int lengthSize = major == 1 ? 2 : 4;
        var header = new List<byte>(encoding.GetBytes(headerDict));
        if (pad)
        {
            int total = 6 + 2 + lengthSize + header.Count + 1;
            int padding = (64 - total % 64) % 64;
            header.AddRange(Enumerable.Repeat((byte)' ', padding));
        }
        header.Add((byte)'\n');
        var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        var len = new byte[lengthSize];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Count);
        else BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)header.Count);
        ms.Write(len);
        ms.Write(header.ToArray());
        ms.Write(data);
        return ms.ToArray();
    }

    /// <summary>Header dict text as NumPy writes it.</summary>
    public static string Dict(string descr, bool fortran, string shape) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";

    /// <summary>A float64 little-endian C-order .npy.</summary>
    public static byte[] Float64(double[] values, string shape, int major = 1)
    {
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), values[i]);
        return Build(Dict("<f8", false, shape), data, major);
    }

    /// <summary>Encodes integers as the given dtype (kind f/i/u/b, size, endianness).</summary>
    public static byte[] Encode(string descr, double[] values)
    {
        bool big = descr[0] == '>';
        char kind = descr[1];
        int size = descr[2] - '0';
        var data = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            var s = data.AsSpan(i * size, size);
            double v = values[i];
            switch (kind, size)
            {
                case ('f', 8): if (big) BinaryPrimitives.WriteDoubleBigEndian(s, v); else BinaryPrimitives.WriteDoubleLittleEndian(s, v); break;
                case ('f', 4): if (big) BinaryPrimitives.WriteSingleBigEndian(s, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(s, (float)v); break;
                case ('f', 2): if (big) BinaryPrimitives.WriteHalfBigEndian(s, (Half)v); else BinaryPrimitives.WriteHalfLittleEndian(s, (Half)v); break;
                case ('i', 1): s[0] = unchecked((byte)(sbyte)v); break;
                case ('u', 1): case ('b', 1): s[0] = (byte)v; break;
                case ('i', 2): if (big) BinaryPrimitives.WriteInt16BigEndian(s, (short)v); else BinaryPrimitives.WriteInt16LittleEndian(s, (short)v); break;
                case ('u', 2): if (big) BinaryPrimitives.WriteUInt16BigEndian(s, (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)v); break;
                case ('i', 4): if (big) BinaryPrimitives.WriteInt32BigEndian(s, (int)v); else BinaryPrimitives.WriteInt32LittleEndian(s, (int)v); break;
                case ('u', 4): if (big) BinaryPrimitives.WriteUInt32BigEndian(s, (uint)v); else BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)v); break;
                case ('i', 8): if (big) BinaryPrimitives.WriteInt64BigEndian(s, (long)v); else BinaryPrimitives.WriteInt64LittleEndian(s, (long)v); break;
                case ('u', 8): if (big) BinaryPrimitives.WriteUInt64BigEndian(s, (ulong)v); else BinaryPrimitives.WriteUInt64LittleEndian(s, (ulong)v); break;
                default: throw new ArgumentException(descr);
            }
        }
        return data;
    }

    /// <summary>A zip with the given entries (name → bytes), stored or deflated.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries, bool deflate)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var e = zip.CreateEntry(name, deflate ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var s = e.Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }

}
