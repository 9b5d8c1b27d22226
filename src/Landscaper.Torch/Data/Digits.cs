using System.Globalization;
using System.IO.Compression;

namespace Landscaper.Data;

/// <summary>
/// The UCI handwritten digits (1,797 images of 8×8 pixels with integer intensities 0..16, classes 0..9), shipped in
/// <c>data/digits.csv.gz</c> and embedded in this assembly (CC BY 4.0, E. Alpaydin and C. Kaynak).
/// </summary>
public static class Digits
{
    /// <summary>Number of images.</summary>
    public const int Count = 1797;
    /// <summary>Pixels per image (8×8, row-major).</summary>
    public const int Features = 64;
    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    /// <summary>Loads the embedded data set, or the gzip CSV at <paramref name="path"/> (64 pixels then the label per line).</summary>
    /// <returns>A dataset with pixels scaled to [0, 1] (divided by 16).</returns>
    /// <exception cref="InvalidDataException">A malformed line (names the line number).</exception>
    public static ClassificationDataset Load(string? path = null)
    {
        using Stream raw = path is null
            ? typeof(Digits).Assembly.GetManifestResourceStream("Landscaper.Data.digits.csv.gz")
              ?? throw new InvalidOperationException("The embedded digits data set is missing from Landscaper.dll.")
            : File.OpenRead(path);
        using var gz = new GZipStream(raw, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var features = new List<float>(Count * Features);
        var labels = new List<int>(Count);
        int lineNo = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNo++;
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            if (parts.Length != Features + 1)
                throw new InvalidDataException($"Line {lineNo}: expected {Features + 1} comma-separated values, found {parts.Length}.");
            for (int j = 0; j < Features; j++)
            {
                if (!int.TryParse(parts[j], NumberStyles.Integer, CultureInfo.InvariantCulture, out int px) || px < 0 || px > 16)
                    throw new InvalidDataException($"Line {lineNo}, column {j + 1}: pixel '{parts[j]}' is not an integer in 0..16.");
                features.Add(px / 16f);
            }
            if (!int.TryParse(parts[Features], NumberStyles.Integer, CultureInfo.InvariantCulture, out int label) || label < 0 || label >= Classes)
                throw new InvalidDataException($"Line {lineNo}: label '{parts[Features]}' is not an integer in 0..9.");
            labels.Add(label);
        }
        return new ClassificationDataset("uci-digits", features.ToArray(), [1, 8, 8], labels.ToArray(), Classes);
    }
}
