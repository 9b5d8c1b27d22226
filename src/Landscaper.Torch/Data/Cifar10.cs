namespace Landscaper.Data;

/// <summary>
/// Reads CIFAR-10 in its standard binary format: files <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> (training)
/// and <c>test_batch.bin</c> (test), each a sequence of 3,073-byte records — one label byte (0..9) followed by
/// 3,072 pixel bytes, channel-major (1,024 red, then green, then blue values, each a row-major 32×32 plane).
/// Nothing is downloaded.
/// </summary>
public static class Cifar10
{
    /// <summary>Image side in pixels.</summary>
    public const int Side = 32;
    /// <summary>Colour channels.</summary>
    public const int Channels = 3;
    /// <summary>Pixel bytes per record (3×32×32).</summary>
    public const int PixelBytes = Channels * Side * Side;
    /// <summary>Bytes per record (label + pixels).</summary>
    public const int RecordBytes = 1 + PixelBytes;
    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>Class names in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Loads one split from <paramref name="folder"/> (the extracted <c>cifar-10-batches-bin</c> folder).</summary>
    /// <param name="folder">Folder holding <c>data_batch_N.bin</c> and/or <c>test_batch.bin</c>.</param>
    /// <param name="train">True: every <c>data_batch_N.bin</c> present, in order of N; false: <c>test_batch.bin</c>.</param>
    /// <param name="maxSamples">Read at most this many records (from the first file on); null = all.</param>
    /// <returns>Pixels scaled to [0, 1] (divided by 255), sample shape [3, 32, 32].</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">No file of the requested split is present.</exception>
    /// <exception cref="InvalidDataException">A file is malformed (see <see cref="Read"/>).</exception>
    public static ClassificationDataset Load(string folder, bool train = true, int? maxSamples = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (maxSamples is < 0) throw new ArgumentOutOfRangeException(nameof(maxSamples), maxSamples, "Must be ≥ 0.");
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"CIFAR-10 folder '{folder}' does not exist.");
        string[] files;
        if (train)
        {
            files = Directory.GetFiles(folder, "data_batch_*.bin")
                .Select(p => (Path: p, N: int.TryParse(Path.GetFileNameWithoutExtension(p)["data_batch_".Length..], out int n) ? n : -1))
                .Where(f => f.N >= 0).OrderBy(f => f.N).Select(f => f.Path).ToArray();
            if (files.Length == 0) throw new FileNotFoundException($"No data_batch_N.bin file in '{folder}'.", Path.Combine(folder, "data_batch_1.bin"));
        }
        else
        {
            string test = Path.Combine(folder, "test_batch.bin");
            if (!File.Exists(test)) throw new FileNotFoundException($"No test_batch.bin in '{folder}'.", test);
            files = [test];
        }
        var parts = new List<ClassificationDataset>();
        int remaining = maxSamples ?? int.MaxValue;
        foreach (var f in files)
        {
            if (remaining == 0) break;
            using var s = File.OpenRead(f);
            var part = Read(s, Path.GetFileName(f), remaining);
            parts.Add(part);
            remaining -= part.Count;
        }
        return Concat(parts, train ? "cifar10-train" : "cifar10-test");
    }

    /// <summary>Reads whole records from a seekable stream (one batch file).</summary>
    /// <param name="stream">Stream positioned at the first record; its remaining length must be a multiple of 3,073.</param>
    /// <param name="source">Name used in error messages (e.g. the file name).</param>
    /// <param name="maxSamples">Read at most this many records.</param>
    /// <exception cref="ArgumentException">The stream cannot seek (its length is needed to validate it).</exception>
    /// <exception cref="InvalidDataException">Empty or truncated (length not a multiple of the record size), or a label outside 0..9.</exception>
    public static ClassificationDataset Read(Stream stream, string source = "cifar10", int maxSamples = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("The CIFAR-10 reader needs a seekable stream to validate the record count.", nameof(stream));
        if (maxSamples < 0) throw new ArgumentOutOfRangeException(nameof(maxSamples), maxSamples, "Must be ≥ 0.");
        long length = stream.Length - stream.Position;
        if (length == 0) throw new InvalidDataException($"{source}: the file is empty.");
        if (length % RecordBytes != 0)
            throw new InvalidDataException($"{source}: truncated or not a CIFAR-10 binary file — {length:N0} bytes is not a whole number of {RecordBytes:N0}-byte records (last record has {length % RecordBytes:N0} bytes).");
        long records = length / RecordBytes;
        int count = (int)Math.Min(Math.Min(records, maxSamples), Array.MaxLength / PixelBytes);
        var x = new float[(long)count * PixelBytes];
        var y = new int[count];
        var record = new byte[RecordBytes];
        for (int i = 0; i < count; i++)
        {
            stream.ReadExactly(record);
            if (record[0] >= Classes)
                throw new InvalidDataException($"{source}: label {record[0]} of record {i} is outside 0..{Classes - 1}.");
            y[i] = record[0];
            long o = (long)i * PixelBytes;
            for (int j = 0; j < PixelBytes; j++) x[o + j] = record[1 + j] / 255f;
        }
        return new ClassificationDataset(source, x, [Channels, Side, Side], y, Classes);
    }

    private static ClassificationDataset Concat(List<ClassificationDataset> parts, string name)
    {
        long n = parts.Sum(p => (long)p.Count);
        var x = new float[n * PixelBytes];
        var y = new int[n];
        long offset = 0;
        foreach (var p in parts)
        {
            Array.Copy(p.Features, 0, x, offset * PixelBytes, p.Features.Length);
            Array.Copy(p.Labels, 0, y, offset, p.Count);
            offset += p.Count;
        }
        return new ClassificationDataset(name, x, [Channels, Side, Side], y, Classes);
    }
}
