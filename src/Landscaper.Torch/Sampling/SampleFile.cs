using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Landscaper.Sampling;

/// <summary>
/// The sampler's own file format for checkpoints, shards and merged results (<c>.lsamp</c>): a header identifying the run
/// and the raw (policy-free) values of the shard's flat range, of which the first <see cref="Done"/> are valid.
/// </summary>
/// <remarks>
/// Layout (little-endian): the 8 ASCII bytes <c>LSAMPLE1</c>; int32 header length; the header as UTF-8 JSON; int32 done;
/// float64 × (End − Start) values (NaN beyond done); SHA-256 of everything before it. Files are written atomically
/// (temporary file in the same folder, flushed, then renamed), so a reader sees either the old or the new file; a torn or
/// corrupted file fails the checksum.
/// </remarks>
/// <param name="Header">Identity and placement of the shard.</param>
/// <param name="Values">One value per point of the shard's range (C order); entries at positions ≥ Done are NaN.</param>
/// <param name="Done">Number of valid leading values.</param>
public sealed record SampleFile(SampleFileHeader Header, double[] Values, int Done)
{
    private static readonly byte[] Magic = "LSAMPLE1"u8.ToArray();

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>True when every point of the shard has been evaluated.</summary>
    public bool IsComplete => Done == Header.ShardPoints;

    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException">Values length or done count inconsistent with the header.</exception>
    public static void Write(string path, SampleFile file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(file);
        if (file.Values.Length != file.Header.ShardPoints)
            throw new ArgumentException($"The shard has {file.Header.ShardPoints} points but {file.Values.Length} values were given.", nameof(file));
        if (file.Done < 0 || file.Done > file.Values.Length)
            throw new ArgumentException($"Done = {file.Done} is outside [0, {file.Values.Length}].", nameof(file));
        var header = JsonSerializer.SerializeToUtf8Bytes(file.Header, JsonOptions);
        using var ms = new MemoryStream(16 + header.Length + 8 * file.Values.Length + 32);
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(header.Length);
            w.Write(header);
            w.Write(file.Done);
            for (int i = 0; i < file.Values.Length; i++) w.Write(i < file.Done ? file.Values[i] : double.NaN);
        }
        var body = ms.GetBuffer().AsSpan(0, (int)ms.Length);
        var hash = SHA256.HashData(body);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(body);
                fs.Write(hash);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Deletes temporary files a killed writer of <paramref name="path"/> left behind (<c>.NAME.PID.GUID.tmp</c> in the same
    /// folder). Call only when no other process writes <paramref name="path"/>.</summary>
    /// <returns>How many were deleted.</returns>
    public static int DeleteStaleTemporaries(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) return 0;
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(dir, $".{Path.GetFileName(full)}.*.tmp"))
        {
            try { File.Delete(f); n++; }
            catch (IOException) { }
        }
        return n;
    }

    /// <summary>Reads and verifies a sample file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a sample file, truncated, or the checksum does not match.</exception>
    public static SampleFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] all = File.ReadAllBytes(path);
        if (all.Length < Magic.Length + 4 + 4 + 32 || !all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a Landscaper sample file (missing LSAMPLE1 signature).");
        var body = all.AsSpan(0, all.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(all.AsSpan(all.Length - 32)))
            throw new InvalidDataException($"'{path}' is corrupted or truncated (checksum mismatch).");
        using var r = new BinaryReader(new MemoryStream(all, 0, all.Length - 32));
        r.ReadBytes(Magic.Length);
        int headerLength = r.ReadInt32();
        if (headerLength <= 0 || headerLength > body.Length) throw new InvalidDataException($"'{path}' has an invalid header length {headerLength}.");
        var header = JsonSerializer.Deserialize<SampleFileHeader>(r.ReadBytes(headerLength), JsonOptions)
                     ?? throw new InvalidDataException($"'{path}' has an empty header.");
        int done = r.ReadInt32();
        int n = header.ShardPoints;
        if (n < 0 || done < 0 || done > n || r.BaseStream.Length - r.BaseStream.Position != 8L * n)
            throw new InvalidDataException($"'{path}' is inconsistent: {n} points, done = {done}, {r.BaseStream.Length - r.BaseStream.Position} value bytes.");
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = r.ReadDouble();
        return new SampleFile(header, values, done);
    }
}
