using System.Buffers.Binary;

namespace Landscaper.IO;

/// <summary>
/// Structural checks of a zip archive beyond what <see cref="System.IO.Compression.ZipArchive"/> enforces, so that an
/// archive is accepted only when Python's <c>zipfile</c> (and hence <c>numpy.load</c>) would accept it too: the end
/// record points exactly at a central directory made of well-formed records; every entry's local header carries the
/// same name; no entry is encrypted or uses a method other than stored (0) or deflate (8); entries do not overlap each
/// other or the directory (the usual shape of a zip bomb).
/// </summary>
/// <remarks>Zip64 archives (an end record with 0xFFFF/0xFFFFFFFF fields) are left to <c>ZipArchive</c>'s own checks; the
/// <c>.npz</c> files this workbench writes and reads are far below 4 GiB.</remarks>
internal static class ZipStructure
{
    private const uint EndSignature = 0x06054b50, CentralSignature = 0x02014b50, LocalSignature = 0x04034b50;
    private const int EndSize = 22, CentralSize = 46, LocalSize = 30, MaxVersion = 63;

    /// <summary>Validates the archive held in <paramref name="stream"/> (seekable; position restored).</summary>
    /// <exception cref="NpyFormatException">Names the first structural problem.</exception>
    public static void Validate(Stream stream, string source)
    {
        long start = stream.Position, length = stream.Length - start;
        try
        {
            if (length < EndSize) throw Fail(source, "not a valid zip archive: too short for an end-of-central-directory record");
            // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
            int tail = (int)Math.Min(length, EndSize + ushort.MaxValue);
            var buffer = ReadAt(stream, start + length - tail, tail);
            int end = -1;
            for (int i = tail - EndSize; i >= 0; i--)
                if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i)) == EndSignature
                    && i + EndSize + BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(i + 20)) == tail) { end = i; break; }
            if (end < 0) throw Fail(source, "not a valid zip archive: no end-of-central-directory record");
            var eocd = buffer.AsSpan(end, EndSize);
            ushort entries = BinaryPrimitives.ReadUInt16LittleEndian(eocd[10..]);
            uint cdSize = BinaryPrimitives.ReadUInt32LittleEndian(eocd[12..]);
            uint cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(eocd[16..]);
            if (entries == 0xFFFF || cdSize == uint.MaxValue || cdOffset == uint.MaxValue) return; // zip64: ZipArchive checks
            long endPosition = length - tail + end;
            if (cdOffset + (long)cdSize != endPosition)
                throw Fail(source, $"corrupt zip archive: the central directory ({cdSize} bytes at {cdOffset}) does not end where the end record starts ({endPosition})");
            var cd = ReadAt(stream, start + cdOffset, (int)cdSize);
            var spans = new List<(long From, long To, string Name)>();
            int at = 0;
            for (int e = 0; e < entries; e++)
            {
                if (at + CentralSize > cd.Length) throw Fail(source, "corrupt zip archive: the central directory is truncated");
                var r = cd.AsSpan(at);
                if (BinaryPrimitives.ReadUInt32LittleEndian(r) != CentralSignature)
                    throw Fail(source, $"corrupt zip archive: central directory record {e} has a bad signature");
                ushort needed = BinaryPrimitives.ReadUInt16LittleEndian(r[6..]);
                ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(r[8..]);
                ushort method = BinaryPrimitives.ReadUInt16LittleEndian(r[10..]);
                uint compressed = BinaryPrimitives.ReadUInt32LittleEndian(r[20..]);
                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(r[28..]);
                int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(r[30..]);
                int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(r[32..]);
                uint localOffset = BinaryPrimitives.ReadUInt32LittleEndian(r[42..]);
                if (at + CentralSize + nameLength + extraLength + commentLength > cd.Length)
                    throw Fail(source, "corrupt zip archive: the central directory is truncated");
                var name = cd.AsSpan(at + CentralSize, nameLength).ToArray();
                string shown = System.Text.Encoding.UTF8.GetString(name);
                if ((needed & 0xFF) > MaxVersion) throw Fail(source, $"zip entry '{shown}' needs zip version {(needed & 0xFF) / 10.0:F1}, which is not supported");
                if ((flags & 0x41) != 0) throw Fail(source, $"zip entry '{shown}' is encrypted");
                if (method is not (0 or 8)) throw Fail(source, $"zip entry '{shown}' uses compression method {method} (supported: stored, deflate)");
                if (compressed == uint.MaxValue || localOffset == uint.MaxValue) return; // zip64 entry: ZipArchive checks
                if (localOffset + (long)LocalSize > cdOffset) throw Fail(source, $"corrupt zip archive: entry '{shown}' starts inside the central directory");
                var local = ReadAt(stream, start + localOffset, LocalSize);
                if (BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalSignature)
                    throw Fail(source, $"corrupt zip archive: entry '{shown}' has no local header at offset {localOffset}");
                int localName = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26));
                int localExtra = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
                if (localOffset + (long)LocalSize + localName > cdOffset || !ReadAt(stream, start + localOffset + LocalSize, localName).AsSpan().SequenceEqual(name))
                    throw Fail(source, $"corrupt zip archive: the local header of entry '{shown}' names a different file");
                spans.Add((localOffset, localOffset + (long)LocalSize + localName + localExtra + compressed, shown));
                at += CentralSize + nameLength + extraLength + commentLength;
            }
            if (at != cd.Length) throw Fail(source, "corrupt zip archive: the central directory has bytes after its last record");
            spans.Sort((a, b) => a.From.CompareTo(b.From));
            for (int i = 0; i < spans.Count; i++)
            {
                long limit = i + 1 < spans.Count ? spans[i + 1].From : cdOffset;
                if (spans[i].To > limit) throw Fail(source, $"corrupt zip archive: entry '{spans[i].Name}' overlaps the next entry or the directory (possible zip bomb)");
            }
        }
        finally { stream.Position = start; }
    }

    private static byte[] ReadAt(Stream stream, long position, int count)
    {
        var bytes = new byte[count];
        stream.Position = position;
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static NpyFormatException Fail(string source, string problem) => new(source, problem, new InvalidDataException(problem));
}
