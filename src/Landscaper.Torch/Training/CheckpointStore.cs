using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace Landscaper.Training;

/// <summary>
/// Saves and loads <see cref="Checkpoint"/>s, one file per checkpoint (<c>checkpoint-&lt;step, 9 digits&gt;.lsckpt</c>),
/// so a long run can be analysed later, in another process.
/// </summary>
/// <remarks>
/// <para>Format (little-endian): the 8 bytes <c>LSCKPT</c> 0x00 0x01; int32 step; float64 epoch, train loss, train
/// accuracy, test loss, test accuracy; int32 entry count; per entry: name (7-bit-length-prefixed UTF-8), bool
/// is-buffer, int32 dtype (TorchSharp <see cref="ScalarType"/> code), int32 rank, rank × int64 dims, int64 byte
/// count, the raw bytes; finally the SHA-256 of everything before it. Loading verifies the checksum and every size
/// against the file before allocating.</para>
/// <para>Writes are atomic: the file is written under a temporary name in the same folder, flushed to disk, then
/// renamed over the target, so a reader never sees half a checkpoint.</para>
/// </remarks>
public static class CheckpointStore
{
    /// <summary>File extension of checkpoint files.</summary>
    public const string Extension = ".lsckpt";
    private static readonly byte[] Magic = "LSCKPT\0\u0001"u8.ToArray();
    private const int HashBytes = 32;

    /// <summary>File name of the checkpoint at <paramref name="step"/>.</summary>
    public static string FileName(int step) => $"checkpoint-{step:D9}{Extension}";

    /// <summary>Writes <paramref name="checkpoint"/> atomically to <paramref name="directory"/> (created if needed),
    /// replacing a previous file of the same step.</summary>
    /// <returns>The path written.</returns>
    /// <exception cref="NotSupportedException">A tensor has a dtype checkpoints do not store.</exception>
    public static string Save(string directory, Checkpoint checkpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(directory);
        byte[] body = Serialize(checkpoint);
        string target = Path.Combine(directory, FileName(checkpoint.Step));
        string temp = Path.Combine(directory, $".{FileName(checkpoint.Step)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(body);
                fs.Write(SHA256.HashData(body));
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
        return target;
    }

    /// <summary>Reads one checkpoint file.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint file, a wrong checksum (corrupt or truncated), or
    /// inconsistent sizes (the message names the file).</exception>
    public static Checkpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] all = File.ReadAllBytes(path);
        string src = Path.GetFileName(path);
        if (all.Length < Magic.Length + HashBytes || !all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{src}: not a Landscaper checkpoint (bad magic or too short).");
        var body = all.AsSpan(0, all.Length - HashBytes);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(all.AsSpan(all.Length - HashBytes)))
            throw new InvalidDataException($"{src}: checksum mismatch — the file is truncated or corrupt.");
        try
        {
            return Deserialize(all, body.Length, src);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{src}: truncated record.", ex);
        }
    }

    /// <summary>Every checkpoint in <paramref name="directory"/>, in step order (temporary files are ignored).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A checkpoint file is corrupt.</exception>
    public static IReadOnlyList<Checkpoint> LoadAll(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Checkpoint folder '{directory}' does not exist.");
        return Directory.GetFiles(directory, "checkpoint-*" + Extension)
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Select(Load).OrderBy(c => c.Step).ToArray();
    }

    private static byte[] Serialize(Checkpoint c)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(c.Step);
            w.Write(c.Epoch);
            w.Write(c.Train.Loss); w.Write(c.Train.Accuracy);
            w.Write(c.Test.Loss); w.Write(c.Test.Accuracy);
            w.Write(c.State.Entries.Count);
            foreach (var e in c.State.Entries)
            {
                long expected = e.ElementCount * StateTensor.ElementSize(e.DType);
                if (expected != e.Data.Length)
                    throw new ArgumentException($"State tensor '{e.Name}' holds {e.Data.Length} bytes, expected {expected}.", nameof(c));
                w.Write(e.Name);
                w.Write(e.IsBuffer);
                w.Write((int)e.DType);
                w.Write(e.Shape.Length);
                foreach (long d in e.Shape) w.Write(d);
                w.Write((long)e.Data.Length);
                w.Write(e.Data);
            }
        }
        return ms.ToArray();
    }

    private static Checkpoint Deserialize(byte[] all, int bodyLength, string src)
    {
        using var ms = new MemoryStream(all, 0, bodyLength, writable: false);
        using var r = new BinaryReader(ms, Encoding.UTF8);
        r.ReadBytes(Magic.Length);
        int step = r.ReadInt32();
        double epoch = r.ReadDouble();
        var train = new Evaluation(r.ReadDouble(), r.ReadDouble());
        var test = new Evaluation(r.ReadDouble(), r.ReadDouble());
        int count = r.ReadInt32();
        if (step < 0) throw new InvalidDataException($"{src}: negative step {step}.");
        if (count < 0 || count > bodyLength - ms.Position)
            throw new InvalidDataException($"{src}: implausible entry count {count}.");
        var entries = new StateTensor[count];
        for (int i = 0; i < count; i++)
        {
            string name = r.ReadString();
            bool isBuffer = r.ReadBoolean();
            var dtype = (ScalarType)r.ReadInt32();
            int elementSize;
            try { elementSize = StateTensor.ElementSize(dtype); }
            catch (NotSupportedException ex) { throw new InvalidDataException($"{src}: entry '{name}' has unsupported dtype code {(int)dtype}.", ex); }
            int rank = r.ReadInt32();
            if (rank < 0 || rank > 16) throw new InvalidDataException($"{src}: entry '{name}' has implausible rank {rank}.");
            var shape = new long[rank];
            long numel = 1;
            for (int d = 0; d < rank; d++)
            {
                shape[d] = r.ReadInt64();
                if (shape[d] < 0 || shape[d] > Array.MaxLength) throw new InvalidDataException($"{src}: entry '{name}' has invalid dimension {shape[d]}.");
                numel *= shape[d];
                if (numel > Array.MaxLength) throw new InvalidDataException($"{src}: entry '{name}' is too large.");
            }
            long bytes = r.ReadInt64();
            if (bytes != numel * elementSize)
                throw new InvalidDataException($"{src}: entry '{name}' declares {bytes} bytes but [{string.Join(", ", shape)}] {dtype} needs {numel * elementSize}.");
            if (bytes > bodyLength - ms.Position)
                throw new InvalidDataException($"{src}: entry '{name}' needs {bytes} bytes but only {bodyLength - ms.Position} remain.");
            entries[i] = new StateTensor(name, isBuffer, dtype, shape, r.ReadBytes((int)bytes));
        }
        if (ms.Position != bodyLength) throw new InvalidDataException($"{src}: {bodyLength - ms.Position} unexpected bytes after the last entry.");
        return new Checkpoint(step, epoch, new ModelState(entries), train, test);
    }
}
