using System.Text.Json;
using System.Text.Json.Serialization;
using Landscaper.IO;

namespace Landscaper.Sampling;

/// <summary>
/// The sampler's file for checkpoints and shards: an <c>.npz</c> archive with the raw (policy-free) values of the
/// shard's flat range (<c>values</c>, float64, NaN beyond <see cref="Done"/>), the number of valid leading values
/// (<c>done</c>, int64) and the header (<c>metadata</c>, UTF-8 JSON <c>{"format": "landscaper-samples", "version": 2,
/// "header": …}</c>). NumPy reads it; the archive's CRC-32s detect corruption; writes are atomic.
/// </summary>
/// <param name="Header">Identity and placement of the shard.</param>
/// <param name="Values">One value per point of the shard's range (C order); entries at positions ≥ Done are NaN.</param>
/// <param name="Done">Number of valid leading values.</param>
public sealed record SampleFile(SampleFileHeader Header, double[] Values, int Done)
{
    /// <summary>The format name in the metadata.</summary>
    public const string FormatName = "landscaper-samples";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed record Metadata(string Format, int Version, SampleFileHeader Header);

    /// <summary>True when every point of the shard has been evaluated.</summary>
    public bool IsComplete => Done == Header.ShardPoints;

    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException">Values length or done count inconsistent with the header.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, SampleFile file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(file);
        if (file.Values.Length != file.Header.ShardPoints)
            throw new ArgumentException($"The shard has {file.Header.ShardPoints} points but {file.Values.Length} values were given.", nameof(file));
        if (file.Done < 0 || file.Done > file.Values.Length)
            throw new ArgumentException($"Done = {file.Done} is outside [0, {file.Values.Length}].", nameof(file));
        var values = new double[file.Values.Length];
        Array.Copy(file.Values, values, file.Done);
        Array.Fill(values, double.NaN, file.Done, values.Length - file.Done);
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal)
        {
            ["metadata"] = MetadataArray(file.Header),
            ["done"] = new NpyArray(NpyDtype.Int64, [], [(double)file.Done], fortranOrder: false),
            ["values"] = new NpyArray(values, [values.Length]),
        };
        Npz.Write(path, arrays);
    }

    /// <summary>The <c>metadata</c> array of a sample file or merged landscape with this header.</summary>
    internal static NpyArray MetadataArray(SampleFileHeader header)
        => NpyArray.FromUtf8(JsonSerializer.Serialize(new Metadata(FormatName, 2, header), JsonOptions));

    /// <summary>The header recorded in a <c>metadata</c> array, or null when there is none.</summary>
    /// <exception cref="NpyFormatException">A metadata array that is not a valid sample header.</exception>
    internal static SampleFileHeader? HeaderOf(IReadOnlyDictionary<string, NpyArray> arrays, string source)
    {
        if (!arrays.TryGetValue("metadata", out var meta)) return null;
        Metadata? m;
        try { m = JsonSerializer.Deserialize<Metadata>(meta.ToUtf8(), JsonOptions); }
        catch (JsonException ex) { throw new NpyFormatException(source, $"malformed sample metadata: {ex.Message}", ex); }
        if (m is null || m.Format != FormatName || m.Version != 2 || m.Header is null || m.Header.Coordinates is null || m.Header.DirectionNames is null)
            throw new NpyFormatException(source, "the metadata is not that of a Landscaper sample file (version 2)", null);
        return m.Header;
    }

    /// <summary>Reads and verifies a sample file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NpyFormatException">Not a sample file, corrupt (CRC), or inconsistent (sizes, done count).</exception>
    public static SampleFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string name = Path.GetFileName(path);
        var arrays = Npz.Read(path);
        var header = HeaderOf(arrays, name) ?? throw new NpyFormatException(name, "not a Landscaper sample file (no 'metadata' array)", null);
        if (!arrays.TryGetValue("values", out var v) || !arrays.TryGetValue("done", out var d))
            throw new NpyFormatException(name, "not a Landscaper sample file: the 'values' or 'done' array is missing (a landscape file? merge takes shard files)", null);
        int n = header.ShardPoints;
        if (n < 0 || header.Start < 0 || header.End > header.GridCount)
            throw new NpyFormatException(name, $"inconsistent shard range [{header.Start}, {header.End}) of a {header.GridCount}-point grid", null);
        if (v.Rank != 1 || v.Count != n) throw new NpyFormatException(name, $"'values' holds {v.Count} values but the shard has {n} points", null);
        if (d.Count != 1 || !(d.Values.Span[0] >= 0 && d.Values.Span[0] <= n) || d.Values.Span[0] != Math.Floor(d.Values.Span[0]))
            throw new NpyFormatException(name, $"'done' is not a count between 0 and {n}", null);
        return new SampleFile(header, v.Values.ToArray(), (int)d.Values.Span[0]);
    }
}
