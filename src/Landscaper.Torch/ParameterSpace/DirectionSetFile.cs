using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Landscaper.ParameterSpace;

/// <summary>Header of a direction-set file (the JSON part).</summary>
/// <param name="Format">Always "landscaper-directions".</param>
/// <param name="Version">Format version (1).</param>
/// <param name="Kind">The set's kind.</param>
/// <param name="Names">Direction names.</param>
/// <param name="Parameters">Parameter names, in order.</param>
/// <param name="Shapes">Parameter shapes, in order.</param>
public sealed record DirectionSetHeader(string Format, int Version, string Kind, IReadOnlyList<string> Names, IReadOnlyList<string> Parameters,
    IReadOnlyList<long[]> Shapes);

/// <summary>
/// Saves and loads a <see cref="DirectionSet"/> so a landscape can be recomputed. File layout: the 8 ASCII bytes
/// <c>LSDIRS01</c>, a little-endian int32 byte length L, L bytes of UTF-8 JSON (<see cref="DirectionSetHeader"/>), then
/// the values as little-endian float64, direction by direction, parameter by parameter, each tensor in C order.
/// Writes are atomic (a temporary file in the same folder, then a rename).
/// </summary>
public static class DirectionSetFile
{
    private static readonly byte[] Magic = "LSDIRS01"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes <paramref name="directions"/> to <paramref name="path"/> (replacing it atomically).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(DirectionSet directions, string path)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var sel = directions.Selection;
        var header = new DirectionSetHeader("landscaper-directions", 1, directions.Kind, directions.Names, sel.Names, sel.Shapes);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var w = new BinaryWriter(fs))
            {
                w.Write(Magic);
                w.Write(json.Length); // BinaryWriter writes little-endian on every platform
                w.Write(json);
                foreach (var d in directions.Directions)
                    foreach (var t in d)
                    {
                        double[] values;
                        using (NewDisposeScope()) values = t.detach().to_type(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
                        var bytes = new byte[values.Length * 8];
                        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
                        w.Write(bytes);
                    }
                fs.Flush(true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads only the header of a direction-set file.</summary>
    /// <exception cref="InvalidDataException">Not a direction-set file, or a malformed header.</exception>
    public static DirectionSetHeader ReadHeader(string path)
    {
        using var fs = File.OpenRead(path);
        using var r = new BinaryReader(fs);
        return ReadHeader(r, path);
    }

    /// <summary>Loads a direction set and binds it to <paramref name="selection"/>, whose parameter names and shapes must
    /// match the file's. Values are converted to the selection's dtype and device.</summary>
    /// <exception cref="InvalidDataException">Not a direction-set file, malformed, or truncated.</exception>
    /// <exception cref="ArgumentException">The file's parameters do not match <paramref name="selection"/>.</exception>
    public static DirectionSet Load(string path, ParameterSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        using var fs = File.OpenRead(path);
        using var r = new BinaryReader(fs);
        var h = ReadHeader(r, path);
        if (!h.Parameters.SequenceEqual(selection.Names) || h.Shapes.Count != selection.Shapes.Count
            || h.Shapes.Zip(selection.Shapes).Any(p => !p.First.SequenceEqual(p.Second)))
            throw new ArgumentException(
                $"{path} holds directions for parameters [{string.Join(", ", h.Parameters)}], which do not match the selection's [{string.Join(", ", selection.Names)}] (names and shapes must agree).",
                nameof(selection));
        var dirs = new List<Tensor[]>();
        for (int k = 0; k < h.Names.Count; k++)
        {
            var parts = new Tensor[h.Shapes.Count];
            for (int i = 0; i < parts.Length; i++)
            {
                long count = h.Shapes[i].Aggregate(1L, (a, b) => a * b);
                byte[] bytes = r.ReadBytes(checked((int)(count * 8)));
                if (bytes.Length != count * 8) throw new InvalidDataException($"{path} is truncated (direction {k}, parameter '{h.Parameters[i]}').");
                var values = new double[count];
                for (int j = 0; j < count; j++) values[j] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(j * 8));
                parts[i] = tensor(values, h.Shapes[i], dtype: ScalarType.Float64).to(selection.DType).to(selection.Device);
            }
            dirs.Add(parts);
        }
        if (fs.Position != fs.Length) throw new InvalidDataException($"{path} has {fs.Length - fs.Position} unexpected trailing bytes.");
        return new DirectionSet(selection, dirs, h.Names, h.Kind);
    }

    private static DirectionSetHeader ReadHeader(BinaryReader r, string path)
    {
        var magic = r.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic)) throw new InvalidDataException($"{path} is not a Landscaper direction-set file (bad magic).");
        var lenBytes = r.ReadBytes(4);
        if (lenBytes.Length != 4) throw new InvalidDataException($"{path} is truncated (header length).");
        int len = BinaryPrimitives.ReadInt32LittleEndian(lenBytes);
        if (len <= 0 || len > 64 << 20) throw new InvalidDataException($"{path} has an invalid header length {len}.");
        var json = r.ReadBytes(len);
        if (json.Length != len) throw new InvalidDataException($"{path} is truncated (header).");
        DirectionSetHeader? h;
        try { h = JsonSerializer.Deserialize<DirectionSetHeader>(json, Json); }
        catch (JsonException ex) { throw new InvalidDataException($"{path} has a malformed header: {ex.Message}", ex); }
        if (h is null || h.Format != "landscaper-directions" || h.Version != 1 || h.Names is null || h.Parameters is null || h.Shapes is null
            || h.Names.Count == 0 || h.Parameters.Count != h.Shapes.Count)
            throw new InvalidDataException($"{path} has an unsupported or inconsistent header.");
        return h;
    }
}
