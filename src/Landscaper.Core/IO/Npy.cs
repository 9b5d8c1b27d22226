using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Landscaper.IO;

/// <summary>
/// Reads and writes single arrays in NumPy's <c>.npy</c> format (format versions 1.0, 2.0 and 3.0).
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> Magic <c>\x93NUMPY</c>, major and minor version bytes, the header length (little-endian
/// u16 for version 1, u32 for versions 2 and 3), the header (a Python dict literal: latin-1 for versions 1 and 2,
/// UTF-8 for version 3, padded with spaces and ending in a newline), then the raw elements.</para>
/// <para><b>Reading</b> accepts the dtypes of <see cref="NpyDtype"/> in either byte order and C or Fortran order,
/// converts to double and reorders to C order. Hostile input is bounded: the header may be at most
/// <see cref="MaxHeaderLength"/> bytes, the declared data size is checked against the bytes actually available
/// before anything large is allocated, and all problems surface as <see cref="NpyFormatException"/>.</para>
/// <para><b>Writing</b> always produces little-endian float64 (<c>'&lt;f8'</c>), C order, version 1.0 — or 2.0 when
/// the header would not fit in 65,535 bytes — padded exactly as NumPy pads it, so the data starts at a multiple of
/// 64 bytes and files are byte-identical to <c>numpy.save</c>'s.</para>
/// </remarks>
public static class Npy
{
    /// <summary>The six magic bytes every <c>.npy</c> file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Largest header accepted on read (1 MiB); real headers are a few hundred bytes.</summary>
    public const int MaxHeaderLength = 1 << 20;

    private const int ArrayAlign = 64;
    private const int ChunkBytes = 1 << 16;
    private const long DirectAllocationLimit = 1 << 20; // elements allocated up front when the size is not verified

    /// <summary>Reads one array from the current position of <paramref name="stream"/>, leaving it just after the data.</summary>
    /// <param name="stream">A readable stream. When seekable, the declared data size is checked against the remaining length.</param>
    /// <returns>The array, values converted to double in C order.</returns>
    /// <exception cref="NpyFormatException">Truncated data, bad magic, unsupported version or dtype, malformed header, or a shape too large.</exception>
    public static NpyArray Read(Stream stream) => Read(stream, entryName: null);

    /// <summary>Reads one array; <paramref name="entryName"/> names the source in error messages.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="entryName">Name used in error messages (e.g. a file or archive entry name), or null.</param>
    /// <exception cref="NpyFormatException">See <see cref="Read(Stream)"/>.</exception>
    public static NpyArray Read(Stream stream, string? entryName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream is not readable.", nameof(stream));
        long? available = null;
        if (stream.CanSeek)
        {
            try { available = stream.Length - stream.Position; }
            catch (NotSupportedException) { }
        }
        return Read(stream, available, entryName, sizeVerified: available is not null, NpyReadLimits.Default, exact: false);
    }

    /// <summary>Reads one array from a file.</summary>
    /// <param name="path">Path of the <c>.npy</c> file.</param>
    /// <exception cref="NpyFormatException">See <see cref="Read(Stream)"/>; also when the file has bytes after the array.</exception>
    public static NpyArray Read(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        string name = Path.GetFileName(path);
        var array = Read(fs, fs.Length, name, sizeVerified: true, NpyReadLimits.Default, exact: true);
        if (fs.Position != fs.Length)
            throw new NpyFormatException(name, $"{fs.Length - fs.Position} unexpected bytes follow the array data", null);
        return array;
    }

    /// <summary>Core reader. <paramref name="available"/> is the number of bytes the source claims to hold from the
    /// current position, if known; <paramref name="sizeVerified"/> says whether that claim is trustworthy (a file
    /// length is, a zip entry's declared size is not), which decides whether the data array may be allocated up front.
    /// With <paramref name="exact"/>, the data must fill <paramref name="available"/> exactly (checked before allocating).</summary>
    internal static NpyArray Read(Stream stream, long? available, string? entry, bool sizeVerified, NpyReadLimits limits, bool exact)
    {
        Span<byte> preamble = stackalloc byte[12];
        ReadExactly(stream, preamble[..8], entry, "the magic string and version");
        if (!preamble[..6].SequenceEqual(Magic))
            throw Fail(entry, $"not an npy file: bad magic bytes {Convert.ToHexString(preamble[..6])} (expected 934E554D5059, \"\\x93NUMPY\")");
        byte major = preamble[6], minor = preamble[7];
        if (major is < 1 or > 3 || minor != 0)
            throw Fail(entry, $"unsupported npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)");
        long headerLength;
        int prefix;
        if (major == 1)
        {
            ReadExactly(stream, preamble[8..10], entry, "the header length");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..10]);
            prefix = 10;
        }
        else
        {
            ReadExactly(stream, preamble[8..12], entry, "the header length");
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(preamble[8..12]);
            prefix = 12;
        }
        if (headerLength > MaxHeaderLength)
            throw Fail(entry, $"the header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes");
        if (available is long a0 && prefix + headerLength > a0)
            throw Fail(entry, $"truncated: the header declares {headerLength} bytes but only {Math.Max(0, a0 - prefix)} follow the preamble");
        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, entry, "the header");
        string headerText;
        try
        {
            headerText = major == 3
                ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(headerBytes)
                : Encoding.Latin1.GetString(headerBytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new NpyFormatException(entry, "bad npy header: the version 3.0 header is not valid UTF-8", e);
        }
        var header = NpyHeader.Parse(headerText, entry);
        if (!NpyDtype.TryParse(header.Descr, out var dtype))
            throw Fail(entry, $"unsupported dtype '{header.Descr}' (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1, '<' or '>' byte order)");

        long count = 1;
        foreach (var d in header.Shape)
        {
            if (d != 0 && count > Array.MaxLength / d)
                throw Fail(entry, $"the shape {NpyArray.FormatShape(header.Shape)} has more than {Array.MaxLength} elements");
            count *= d;
        }
        if (count > Array.MaxLength)
            throw Fail(entry, $"the shape {NpyArray.FormatShape(header.Shape)} has more than {Array.MaxLength} elements");
        long dataBytes = count * dtype!.ItemSize;
        long remaining = available is long a1 ? a1 - prefix - headerLength : -1;
        if (available is not null && dataBytes > remaining)
            throw Fail(entry, $"truncated: the shape {NpyArray.FormatShape(header.Shape)} of '{dtype.Descr}' needs {dataBytes} data bytes but only {remaining} remain");
        if (exact && available is not null && dataBytes < remaining)
            throw Fail(entry, $"the shape {NpyArray.FormatShape(header.Shape)} of '{dtype.Descr}' needs {dataBytes} data bytes but {remaining} follow the header");
        limits.Check(count, entry, NpyArray.FormatShape(header.Shape));

        var values = ReadData(stream, dtype, (int)count, trusted: sizeVerified, entry, header.Shape);
        if (header.FortranOrder && header.Shape.Length > 1)
            values = FortranToC(values, header.Shape);
        return new NpyArray(dtype, header.Shape, values, header.FortranOrder, validate: false);
    }

    private static double[] ReadData(Stream stream, NpyDtype dtype, int count, bool trusted, string? entry, long[] shape)
    {
        int item = dtype.ItemSize;
        // Allocate the full array only when its size has been verified against the source, or it is small;
        // otherwise grow it as bytes actually arrive so a lying header cannot force a huge allocation.
        var values = new double[trusted || count <= DirectAllocationLimit ? count : DirectAllocationLimit];
        var buffer = new byte[(int)Math.Min(ChunkBytes, Math.Max(item, (long)count * item))];
        int done = 0;
        while (done < count)
        {
            int elements = Math.Min(count - done, buffer.Length / item);
            int bytes = elements * item;
            int got = stream.ReadAtLeast(buffer.AsSpan(0, bytes), bytes, throwOnEndOfStream: false);
            if (got < bytes)
                throw Fail(entry, $"truncated: the shape {NpyArray.FormatShape(shape)} of '{dtype.Descr}' needs {(long)count * item} data bytes but only {(long)done * item + got} are present");
            if (done + elements > values.Length)
                Array.Resize(ref values, (int)Math.Min(count, Math.Max((long)values.Length * 2, done + elements)));
            dtype.Decode(buffer.AsSpan(0, bytes), values.AsSpan(done, elements));
            done += elements;
        }
        return values;
    }

    /// <summary>Reorders Fortran-order (first axis fastest) elements into C order (last axis fastest).</summary>
    private static double[] FortranToC(double[] f, long[] shape)
    {
        int rank = shape.Length;
        var c = new double[f.Length];
        if (f.Length == 0) return c;
        var fStride = new long[rank];
        long s = 1;
        for (int k = 0; k < rank; k++) { fStride[k] = s; s *= shape[k]; }
        var index = new long[rank];
        long fIndex = 0;
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = f[fIndex];
            for (int k = rank - 1; k >= 0; k--) // odometer over C order
            {
                if (++index[k] < shape[k]) { fIndex += fStride[k]; break; }
                fIndex -= (shape[k] - 1) * fStride[k];
                index[k] = 0;
            }
        }
        return c;
    }

    /// <summary>Writes <paramref name="array"/> in its dtype (little-endian), C order. Arrays built from values are float64;
    /// an array read from a file keeps the dtype it was stored with.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="array">The array to write.</param>
    /// <exception cref="ArgumentException">A value the dtype cannot store exactly.</exception>
    public static void Write(Stream stream, NpyArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var dtype = array.Dtype.LittleEndian;
        if (dtype == NpyDtype.Float64) { Write(stream, array.ValuesArray, array.ShapeArray); return; }
        ArgumentNullException.ThrowIfNull(stream);
        var values = array.ValuesArray;
        var bytes = new byte[checked(values.Length * dtype.ItemSize)];
        dtype.Encode(values, bytes);
        stream.Write(FormatPreamble(array.ShapeArray, dtype));
        stream.Write(bytes);
    }

    /// <summary>Writes float64 values with the given shape (little-endian, C order, version 1.0 or 2.0 if needed).</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="values">Elements in C order.</param>
    /// <param name="shape">Dimensions; their product must equal the number of values.</param>
    /// <exception cref="ArgumentException">A negative dimension or a length mismatch.</exception>
    public static void Write(Stream stream, ReadOnlySpan<double> values, ReadOnlySpan<long> shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long count = 1;
        for (int k = 0; k < shape.Length; k++)
        {
            if (shape[k] < 0) throw new ArgumentException($"Dimension {k} is negative ({shape[k]}).", nameof(shape));
            count = count > 0 && shape[k] > long.MaxValue / count ? long.MaxValue : count * shape[k];
        }
        if (count != values.Length)
            throw new ArgumentException($"values has {values.Length} elements but shape {NpyArray.FormatShape(shape)} needs {count}.", nameof(values));

        stream.Write(FormatPreamble(shape.ToArray(), NpyDtype.Float64));
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
        }
        else
        {
            var buffer = new byte[Math.Min(ChunkBytes, values.Length * 8)];
            for (int i = 0; i < values.Length;)
            {
                int n = Math.Min(values.Length - i, buffer.Length / 8);
                for (int j = 0; j < n; j++) BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(j * 8), values[i + j]);
                stream.Write(buffer, 0, n * 8);
                i += n;
            }
        }
    }

    /// <summary>Encodes the array as <c>.npy</c> bytes (see <see cref="Write(Stream, NpyArray)"/>).</summary>
    /// <param name="array">The array to encode.</param>
    public static byte[] ToBytes(NpyArray array)
    {
        using var ms = new MemoryStream();
        Write(ms, array);
        return ms.ToArray();
    }

    /// <summary>Decodes <c>.npy</c> bytes; the bytes must hold exactly one array.</summary>
    /// <param name="bytes">The whole file content.</param>
    /// <exception cref="NpyFormatException">See <see cref="Read(Stream)"/>; also when bytes follow the array.</exception>
    public static NpyArray FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var ms = new MemoryStream(bytes, writable: false);
        var array = Read(ms, bytes.Length, entry: null, sizeVerified: true, NpyReadLimits.Default, exact: true);
        if (ms.Position != bytes.Length)
            throw new NpyFormatException(null, $"{bytes.Length - ms.Position} unexpected bytes follow the array data", null);
        return array;
    }

    /// <summary>Magic, version, header length and padded header for a C-order array, as NumPy writes them.</summary>
    internal static byte[] FormatPreamble(long[] shape, NpyDtype dtype)
    {
        string header = new NpyHeader(dtype.Descr, false, shape).Format();
        byte[] text = Encoding.Latin1.GetBytes(header);
        foreach (var (major, lengthSize) in new[] { (1, 2), (2, 4) })
        {
            int headerLength = text.Length + 1; // + '\n'
            int pad = ArrayAlign - (Magic.Length + 2 + lengthSize + headerLength) % ArrayAlign;
            int total = headerLength + pad;
            if (major == 1 && total > ushort.MaxValue) continue;
            var result = new byte[Magic.Length + 2 + lengthSize + total];
            Magic.CopyTo(result);
            result[6] = (byte)major;
            result[7] = 0;
            if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)total);
            else BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)total);
            int at = Magic.Length + 2 + lengthSize;
            text.CopyTo(result, at);
            result.AsSpan(at + text.Length, pad).Fill((byte)' ');
            result[^1] = (byte)'\n';
            return result;
        }
        throw new InvalidOperationException("unreachable");
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string? entry, string what)
    {
        int got = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (got < buffer.Length)
            throw Fail(entry, $"truncated while reading {what}: needed {buffer.Length} bytes, got {got}");
    }

    private static NpyFormatException Fail(string? entry, string problem) => new(entry, problem, null);
}
