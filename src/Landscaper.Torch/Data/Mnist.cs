using System.IO.Compression;

namespace Landscaper.Data;

/// <summary>
/// Reads MNIST-style data in the IDX format: an image file (<c>idx3-ubyte</c>: magic <c>0x00000803</c>, then
/// big-endian int32 count, rows, columns, then count×rows×columns unsigned bytes) and a label file
/// (<c>idx1-ubyte</c>: magic <c>0x00000801</c>, int32 count, then count label bytes). Files may be gzip-compressed
/// (detected from their content, whatever their name). Nothing is downloaded.
/// </summary>
/// <remarks>Headers are never trusted: the declared sizes are checked against the file length (or, for compressed
/// files, against the data actually decompressed) before anything proportional to them is allocated.</remarks>
public static class Mnist
{
    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;
    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;
    /// <summary>Number of classes (digits 0..9).</summary>
    public const int Classes = 10;
    /// <summary>Largest accepted image side, a sanity bound on headers.</summary>
    public const int MaxSide = 4096;

    /// <summary>Loads one split from <paramref name="folder"/>, which holds the standard file names
    /// (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>,
    /// <c>t10k-labels-idx1-ubyte</c>; a <c>.</c> instead of the last <c>-</c> and a <c>.gz</c> suffix are accepted).</summary>
    /// <param name="folder">Folder with the IDX files.</param>
    /// <param name="train">True: the training split (<c>train-*</c>); false: the test split (<c>t10k-*</c>).</param>
    /// <returns>Images scaled to [0, 1] (divided by 255), sample shape [1, rows, columns] (MNIST: [1, 28, 28]).</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">An IDX file is missing (the message lists the names tried).</exception>
    /// <exception cref="InvalidDataException">A file is malformed (see <see cref="Read(Stream, Stream, string)"/>).</exception>
    public static ClassificationDataset Load(string folder, bool train = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"MNIST folder '{folder}' does not exist.");
        string prefix = train ? "train" : "t10k";
        string images = FindFile(folder, prefix, "images", "idx3-ubyte");
        string labels = FindFile(folder, prefix, "labels", "idx1-ubyte");
        return ReadFiles(images, labels, $"mnist-{(train ? "train" : "test")}");
    }

    /// <summary>Reads an image file and a label file (plain or gzip-compressed).</summary>
    /// <param name="imagesPath">The <c>idx3-ubyte</c> file.</param>
    /// <param name="labelsPath">The <c>idx1-ubyte</c> file.</param>
    /// <param name="name">Name of the resulting data set.</param>
    /// <exception cref="InvalidDataException">A file is malformed (the message names the file).</exception>
    public static ClassificationDataset ReadFiles(string imagesPath, string labelsPath, string name = "mnist")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelsPath);
        using var images = OpenMaybeGzip(imagesPath);
        using var labels = OpenMaybeGzip(labelsPath);
        return Read(images, labels, name, Path.GetFileName(imagesPath), Path.GetFileName(labelsPath));
    }

    /// <summary>Reads IDX images and labels from streams (already decompressed).</summary>
    /// <param name="images">The image stream, positioned at the magic number.</param>
    /// <param name="labels">The label stream, positioned at the magic number.</param>
    /// <param name="name">Name of the resulting data set.</param>
    /// <exception cref="InvalidDataException">Wrong magic number, non-positive or oversized dimensions, different
    /// image and label counts, a truncated file, trailing bytes, or a label outside 0..9.</exception>
    public static ClassificationDataset Read(Stream images, Stream labels, string name = "mnist") =>
        Read(images, labels, name, "images", "labels");

    private static ClassificationDataset Read(Stream images, Stream labels, string name, string imagesSource, string labelsSource)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        int magic = BoundedReader.ReadInt32BigEndian(images, imagesSource, "magic number");
        if (magic != ImagesMagic)
            throw new InvalidDataException($"{imagesSource}: bad magic number 0x{magic:X8}; an IDX image file (unsigned bytes, 3 dimensions) starts with 0x{ImagesMagic:X8}.");
        int count = BoundedReader.ReadInt32BigEndian(images, imagesSource, "image count");
        int rows = BoundedReader.ReadInt32BigEndian(images, imagesSource, "rows");
        int cols = BoundedReader.ReadInt32BigEndian(images, imagesSource, "columns");
        if (count < 0) throw new InvalidDataException($"{imagesSource}: negative image count {count}.");
        if (rows < 1 || cols < 1 || rows > MaxSide || cols > MaxSide)
            throw new InvalidDataException($"{imagesSource}: image size {rows}×{cols} is outside 1..{MaxSide} per side.");

        int labelMagic = BoundedReader.ReadInt32BigEndian(labels, labelsSource, "magic number");
        if (labelMagic != LabelsMagic)
            throw new InvalidDataException($"{labelsSource}: bad magic number 0x{labelMagic:X8}; an IDX label file (unsigned bytes, 1 dimension) starts with 0x{LabelsMagic:X8}.");
        int labelCount = BoundedReader.ReadInt32BigEndian(labels, labelsSource, "label count");
        if (labelCount != count)
            throw new InvalidDataException($"Count mismatch: {imagesSource} declares {count:N0} images but {labelsSource} declares {labelCount:N0} labels.");

        long pixels = (long)rows * cols;
        long total = count * pixels;
        if (total > Array.MaxLength)
            throw new InvalidDataException($"{imagesSource}: {count:N0} images of {rows}×{cols} pixels exceed the largest supported data set ({Array.MaxLength:N0} values).");
        byte[] labelBytes = BoundedReader.ReadExactly(labels, count, labelsSource, $"{count:N0} labels");
        BoundedReader.EnsureAtEnd(labels, labelsSource);
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (labelBytes[i] >= Classes)
                throw new InvalidDataException($"{labelsSource}: label {labelBytes[i]} of sample {i} is outside 0..{Classes - 1}.");
            y[i] = labelBytes[i];
        }
        byte[] pixelBytes = BoundedReader.ReadExactly(images, total, imagesSource, $"{count:N0} images of {rows}×{cols} pixels");
        BoundedReader.EnsureAtEnd(images, imagesSource);
        var x = new float[total];
        for (long i = 0; i < total; i++) x[i] = pixelBytes[i] / 255f;
        return new ClassificationDataset(name, x, [1, rows, cols], y, Classes);
    }

    /// <summary>Opens a file, transparently decompressing it when it starts with the gzip signature (1F 8B).</summary>
    internal static Stream OpenMaybeGzip(string path)
    {
        var file = File.OpenRead(path);
        try
        {
            Span<byte> sig = stackalloc byte[2];
            int n = file.Read(sig);
            if (n < 2) sig[1] = 0;
            file.Position = 0;
            if (n == 2 && sig[0] == 0x1F && sig[1] == 0x8B) return new GZipStream(file, CompressionMode.Decompress);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static string FindFile(string folder, string prefix, string kind, string suffix)
    {
        var names = new[] { $"{prefix}-{kind}-{suffix}", $"{prefix}-{kind}.{suffix}" };
        var tried = names.SelectMany(n => new[] { n, n + ".gz" }).ToArray();
        foreach (var n in tried)
        {
            string p = Path.Combine(folder, n);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException($"No MNIST {kind} file in '{folder}' (tried {string.Join(", ", tried)}).", Path.Combine(folder, tried[0]));
    }
}
