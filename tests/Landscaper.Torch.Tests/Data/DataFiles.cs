using System.Buffers.Binary;
using System.IO.Compression;

namespace Landscaper.Tests.Data;

/// <summary>Writes tiny CIFAR-10 and IDX files for the reader tests, and removes them afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "landscaper-data-" + Guid.NewGuid().ToString("N"));
    public TempDir() => Directory.CreateDirectory(Path);
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } }
}

internal static class DataFiles
{
    /// <summary>Deterministic pixel value of sample i at flat position j.</summary>
    public static byte Pixel(int i, int j) => (byte)((i * 31 + j * 7) % 256);

    public static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] MnistImages(int count, int rows, int cols) =>
        Idx(0x803, [count, rows, cols], Enumerable.Range(0, count * rows * cols).Select(k => Pixel(k / (rows * cols), k % (rows * cols))).ToArray());

    public static byte[] MnistLabels(int[] labels) => Idx(0x801, [labels.Length], labels.Select(l => (byte)l).ToArray());

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    /// <summary>CIFAR-10 records for samples first..first+labels.Length-1.</summary>
    public static byte[] CifarRecords(int first, int[] labels)
    {
        var bytes = new byte[labels.Length * 3073];
        for (int r = 0; r < labels.Length; r++)
        {
            bytes[r * 3073] = (byte)labels[r];
            for (int j = 0; j < 3072; j++) bytes[r * 3073 + 1 + j] = Pixel(first + r, j);
        }
        return bytes;
    }
}
