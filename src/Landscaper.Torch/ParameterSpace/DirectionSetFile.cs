using System.Text.Json;
using Landscaper.IO;
using static TorchSharp.torch;

namespace Landscaper.ParameterSpace;

/// <summary>What a direction-set file records besides the values (its <c>metadata</c> array, JSON).</summary>
/// <param name="Format">Always "landscaper-directions".</param>
/// <param name="Version">Format version (2: <c>.npz</c>).</param>
/// <param name="Kind">The set's kind (hessian, random, filter, …).</param>
/// <param name="Names">Direction names, in order.</param>
/// <param name="Parameters">Parameter names, in order.</param>
/// <param name="Shapes">Parameter shapes, in order.</param>
/// <param name="Eigenvalues">Eigenvalue of each direction when they are eigenvectors, else null (also stored as the
/// array <c>eigenvalues</c>).</param>
/// <param name="Residuals">‖Hv − λv‖ of each eigenpair, else null (array <c>residuals</c>).</param>
/// <param name="ModelFingerprint">Fingerprint of the parameters θ0 the directions were computed at (see
/// <see cref="Fingerprints"/>), or null.</param>
/// <param name="DataFingerprint">Fingerprint of the data (batches) they were computed on, or null.</param>
/// <param name="Info">Free-form settings (seed, method, model reference, …).</param>
public sealed record DirectionSetHeader(string Format, int Version, string Kind, IReadOnlyList<string> Names, IReadOnlyList<string> Parameters,
    IReadOnlyList<long[]> Shapes, IReadOnlyList<double>? Eigenvalues = null, IReadOnlyList<double>? Residuals = null,
    string? ModelFingerprint = null, string? DataFingerprint = null, IReadOnlyDictionary<string, string>? Info = null);

/// <summary>
/// Saves and loads a <see cref="DirectionSet"/> as an <c>.npz</c> archive that NumPy reads as well: one array per
/// direction and parameter, named <c>d{k}.{parameter}</c> (e.g. <c>d0.layers.0.weight</c>) in the parameters' dtype,
/// the array <c>metadata</c> (UTF-8 JSON, <see cref="DirectionSetHeader"/>) and, for eigenvectors, the arrays
/// <c>eigenvalues</c> and <c>residuals</c>. In Python: <c>z = np.load(path); json.loads(bytes(z["metadata"]))</c>.
/// Writes are atomic.
/// </summary>
public static class DirectionSetFile
{
    /// <summary>The format name in the metadata.</summary>
    public const string FormatName = "landscaper-directions";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    /// <summary>The array name of direction <paramref name="k"/>, parameter <paramref name="parameter"/>.</summary>
    public static string ArrayName(int k, string parameter) => $"d{k}.{parameter}";

    /// <summary>Writes <paramref name="directions"/> to <paramref name="path"/> (atomically).</summary>
    /// <param name="directions">The set.</param>
    /// <param name="path">Target file (<c>.npz</c>).</param>
    /// <param name="header">Eigenvalues, residuals, fingerprints and info to record; names, parameters and shapes are
    /// always taken from <paramref name="directions"/>.</param>
    /// <param name="overwrite">Replace an existing file (default).</param>
    /// <exception cref="ArgumentException">Eigenvalues or residuals of the wrong length.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(DirectionSet directions, string path, DirectionSetHeader? header = null, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var sel = directions.Selection;
        if (header?.Eigenvalues is { } ev && ev.Count != directions.Count)
            throw new ArgumentException($"{ev.Count} eigenvalues for {directions.Count} directions.", nameof(header));
        if (header?.Residuals is { } rs && rs.Count != directions.Count)
            throw new ArgumentException($"{rs.Count} residuals for {directions.Count} directions.", nameof(header));
        var h = new DirectionSetHeader(FormatName, 2, directions.Kind, directions.Names, sel.Names, sel.Shapes, header?.Eigenvalues, header?.Residuals,
            header?.ModelFingerprint, header?.DataFingerprint, header?.Info);
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal)
        {
            ["metadata"] = NpyArray.FromUtf8(JsonSerializer.Serialize(h, Json)),
        };
        if (h.Eigenvalues is { } e) arrays["eigenvalues"] = new NpyArray(e.ToArray(), [e.Count]);
        if (h.Residuals is { } r) arrays["residuals"] = new NpyArray(r.ToArray(), [r.Count]);
        for (int k = 0; k < directions.Count; k++)
            for (int i = 0; i < sel.Parameters.Count; i++)
                arrays[ArrayName(k, sel.Names[i])] = TensorArrays.ToArray(directions.Directions[k][i]);
        Npz.Write(path, arrays, compress: false, overwrite);
    }

    /// <summary>Reads only the metadata of a direction-set file.</summary>
    /// <exception cref="NpyFormatException">Not an archive, corrupt, or without valid direction-set metadata.</exception>
    public static DirectionSetHeader ReadHeader(string path) => Header(Npz.Read(path), path);

    /// <summary>Loads a direction set and binds it to <paramref name="selection"/>, whose parameter names and shapes must
    /// match the file's. Values are converted to the selection's dtype and device.</summary>
    /// <exception cref="NpyFormatException">Not a direction-set file, corrupt, or an array missing or of the wrong shape.</exception>
    /// <exception cref="ArgumentException">The file's parameters do not match <paramref name="selection"/> (the message
    /// names the first difference).</exception>
    public static DirectionSet Load(string path, ParameterSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var arrays = Npz.Read(path);
        var h = Header(arrays, path);
        string name = Path.GetFileName(path);
        if (!h.Parameters.SequenceEqual(selection.Names))
        {
            int i = Enumerable.Range(0, Math.Min(h.Parameters.Count, selection.Names.Count)).FirstOrDefault(j => h.Parameters[j] != selection.Names[j], -1);
            string where = i >= 0 ? $"parameter {i} is '{h.Parameters[i]}' in the file but '{selection.Names[i]}' in the model"
                : $"the file has {h.Parameters.Count} parameters, the model {selection.Names.Count}";
            throw new ArgumentException($"{name} holds directions for another model: {where}.", nameof(selection));
        }
        for (int i = 0; i < h.Shapes.Count; i++)
            if (!h.Shapes[i].SequenceEqual(selection.Shapes[i]))
                throw new ArgumentException($"{name} holds directions for another model: parameter '{h.Parameters[i]}' has shape [{string.Join(", ", h.Shapes[i])}] in the file but [{string.Join(", ", selection.Shapes[i])}] in the model.", nameof(selection));
        var dirs = new List<Tensor[]>();
        for (int k = 0; k < h.Names.Count; k++)
        {
            var parts = new Tensor[h.Parameters.Count];
            for (int i = 0; i < parts.Length; i++)
            {
                string key = ArrayName(k, h.Parameters[i]);
                if (!arrays.TryGetValue(key, out var a)) throw new NpyFormatException(name, $"the array '{key}' is missing", null);
                if (!a.Shape.SequenceEqual(h.Shapes[i]))
                    throw new NpyFormatException(name, $"the array '{key}' has shape [{string.Join(", ", a.Shape)}], the metadata says [{string.Join(", ", h.Shapes[i])}]", null);
                parts[i] = TensorArrays.ToTensor(a, selection.DType).to(selection.Device);
            }
            dirs.Add(parts);
        }
        return new DirectionSet(selection, dirs, h.Names, h.Kind);
    }

    private static DirectionSetHeader Header(IReadOnlyDictionary<string, NpyArray> arrays, string path)
    {
        string name = Path.GetFileName(path);
        if (!arrays.TryGetValue("metadata", out var meta))
            throw new NpyFormatException(name, "not a Landscaper direction-set file: no 'metadata' array (files of format version 1, '.lsdirs', are no longer read)", null);
        DirectionSetHeader? h;
        try { h = JsonSerializer.Deserialize<DirectionSetHeader>(meta.ToUtf8(), Json); }
        catch (JsonException ex) { throw new NpyFormatException(name, $"malformed direction-set metadata: {ex.Message}", ex); }
        if (h is null || h.Format != FormatName || h.Version != 2 || h.Names is null || h.Parameters is null || h.Shapes is null
            || h.Names.Count == 0 || h.Parameters.Count != h.Shapes.Count
            || (h.Eigenvalues is not null && h.Eigenvalues.Count != h.Names.Count) || (h.Residuals is not null && h.Residuals.Count != h.Names.Count))
            throw new NpyFormatException(name, "not a Landscaper direction-set file of version 2, or inconsistent metadata", null);
        return h;
    }
}
