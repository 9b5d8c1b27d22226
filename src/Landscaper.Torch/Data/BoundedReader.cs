namespace Landscaper.Data;

/// <summary>Reads binary data set files without trusting their headers: a declared size is checked against what the
/// stream can actually deliver before (seekable streams) or while (compressed streams) it is read, so a hostile header
/// never causes a huge allocation.</summary>
internal static class BoundedReader
{
    /// <summary>Largest chunk allocated ahead of data actually read from a non-seekable stream.</summary>
    private const int GrowthChunk = 1 << 22;

    /// <summary>Reads exactly <paramref name="count"/> bytes, or throws <see cref="InvalidDataException"/> naming
    /// <paramref name="source"/> and <paramref name="what"/> if the stream ends first.</summary>
    public static byte[] ReadExactly(Stream stream, long count, string source, string what)
    {
        if (count < 0 || count > Array.MaxLength)
            throw new InvalidDataException($"{source}: {what} would need {count:N0} bytes, more than one array can hold; the header is corrupt.");
        if (stream.CanSeek)
        {
            long available = stream.Length - stream.Position;
            if (available < count)
                throw new InvalidDataException($"{source}: truncated — {what} needs {count:N0} bytes but only {available:N0} remain.");
            var exact = new byte[count];
            stream.ReadExactly(exact);
            return exact;
        }
        // Non-seekable (e.g. gzip): grow the buffer only as data arrives.
        var buffer = new byte[Math.Min(count, GrowthChunk)];
        long filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(count, Math.Max((long)buffer.Length * 2, buffer.Length + (long)GrowthChunk)));
            int read = stream.Read(buffer, (int)filled, (int)(buffer.Length - filled));
            if (read == 0)
                throw new InvalidDataException($"{source}: truncated — {what} needs {count:N0} bytes but the data ends after {filled:N0}.");
            filled += read;
        }
        return buffer;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> if <paramref name="stream"/> has bytes left.</summary>
    public static void EnsureAtEnd(Stream stream, string source)
    {
        if (stream.CanSeek)
        {
            long extra = stream.Length - stream.Position;
            if (extra > 0) throw new InvalidDataException($"{source}: {extra:N0} unexpected bytes after the last record.");
            return;
        }
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) != 0) throw new InvalidDataException($"{source}: unexpected bytes after the last record.");
    }

    /// <summary>Reads a big-endian 32-bit integer, or throws if the stream ends.</summary>
    public static int ReadInt32BigEndian(Stream stream, string source, string what)
    {
        Span<byte> b = stackalloc byte[4];
        int filled = 0;
        while (filled < 4)
        {
            int read = stream.Read(b[filled..]);
            if (read == 0) throw new InvalidDataException($"{source}: truncated — the file ends inside the header ({what}).");
            filled += read;
        }
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(b);
    }
}
