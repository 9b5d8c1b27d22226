using System.IO.Compression;
using System.Text;

namespace Landscaper.Tests.Topology;

/// <summary>Minimal test-only reader for the two reference .npz files (little-endian float64 arrays).</summary>
internal static class TestNpz
{
    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static (double[] Data, int[] Shape) ReadArray(string npzPath, string name)
    {
        using var zip = ZipFile.OpenRead(npzPath);
        var entry = zip.GetEntry(name + ".npy") ?? throw new InvalidDataException($"{name}.npy missing");
        using var ms = new MemoryStream();
        using (var s = entry.Open()) s.CopyTo(ms);
        var bytes = ms.ToArray();
        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : BitConverter.ToInt32(bytes, 8);
        int start = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(bytes, start, headerLength);
        if (!header.Contains("'<f8'") || header.Contains("'fortran_order': True"))
            throw new InvalidDataException("Test reader handles only C-order <f8: " + header);
        int open = header.IndexOf("'shape': (", StringComparison.Ordinal) + 10;
        int close = header.IndexOf(')', open);
        var shape = header[open..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        int offset = start + headerLength;
        var data = new double[(bytes.Length - offset) / 8];
        Buffer.BlockCopy(bytes, offset, data, 0, data.Length * 8);
        return (data, shape);
    }

    public static Landscape ReadLandscape(string npzPath)
    {
        var (loss, _) = ReadArray(npzPath, "loss");
        var (coords, cshape) = ReadArray(npzPath, "coordinates");
        var axes = new double[cshape[0]][];
        for (int k = 0; k < axes.Length; k++) axes[k] = coords.Skip(k * cshape[1]).Take(cshape[1]).ToArray();
        return new Landscape(loss, axes);
    }
}
