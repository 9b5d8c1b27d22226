namespace Landscaper.IO;

/// <summary>A read-only view of a zip entry's decompressed bytes that computes their CRC-32 and counts them, and refuses
/// to deliver more bytes than the entry declares (so a lying size cannot make a reader consume a decompression bomb).</summary>
internal sealed class CheckedEntryStream(Stream inner, long declaredLength) : Stream
{
    /// <summary>CRC-32 of the bytes read so far.</summary>
    public uint Crc { get; private set; }

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>True when the inner stream had more bytes than declared.</summary>
    public bool Overrun { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        long left = declaredLength - BytesRead;
        if (left <= 0)
        {
            // Probe one byte: anything beyond the declared length is an error the caller reports.
            Span<byte> probe = stackalloc byte[1];
            if (inner.Read(probe) > 0) Overrun = true;
            return 0;
        }
        int n = inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
        Crc = Crc32.Append(Crc, buffer[..n]);
        BytesRead += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => declaredLength;
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
