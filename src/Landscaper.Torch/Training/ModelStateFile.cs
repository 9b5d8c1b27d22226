using System.Globalization;
using System.Text.Json;
using Landscaper.IO;
using Landscaper.ParameterSpace;

namespace Landscaper.Training;

/// <summary>
/// A model's parameters and buffers as an <c>.npz</c> archive — the weights file of the workbench (<c>--weights</c>)
/// and the body of training checkpoints: one array per entry named exactly as <c>named_parameters()</c> /
/// <c>named_buffers()</c> name it (e.g. <c>layers.0.weight</c>), in its dtype, plus <c>metadata</c> (UTF-8 JSON: which
/// entries are buffers, their dtypes, and free-form info such as the training step and losses). NumPy and PyTorch users
/// read it with <c>np.load</c>. Writes are atomic.
/// </summary>
public static class ModelStateFile
{
    /// <summary>The format name in the metadata.</summary>
    public const string FormatName = "landscaper-state";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record Entry(string Name, bool Buffer, string Dtype);

    private sealed record Metadata(string Format, int Version, IReadOnlyList<Entry> Entries, IReadOnlyDictionary<string, string>? Info);

    /// <summary>Writes <paramref name="state"/> with <paramref name="info"/> to <paramref name="path"/>.</summary>
    /// <exception cref="NotSupportedException">An entry's dtype has no NumPy counterpart (bfloat16).</exception>
    /// <exception cref="ArgumentException">An entry named "metadata".</exception>
    public static void Save(string path, ModelState state, IReadOnlyDictionary<string, string>? info = null, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var e in state.Entries)
        {
            if (e.Name == "metadata") throw new ArgumentException("A parameter or buffer named 'metadata' cannot be stored.", nameof(state));
            using var t = e.ToTensor();
            arrays[e.Name] = TensorArrays.ToArray(t);
        }
        var meta = new Metadata(FormatName, 1, state.Entries.Select(e => new Entry(e.Name, e.IsBuffer, e.DType.ToString())).ToArray(), info);
        arrays["metadata"] = NpyArray.FromUtf8(JsonSerializer.Serialize(meta, Json));
        Npz.Write(path, arrays, compress: false, overwrite);
    }

    /// <summary>Reads a state file.</summary>
    /// <exception cref="NpyFormatException">Not a state file, corrupt, or an entry missing.</exception>
    public static (ModelState State, IReadOnlyDictionary<string, string> Info) Load(string path)
    {
        string name = Path.GetFileName(path);
        var arrays = Npz.Read(path);
        if (!arrays.TryGetValue("metadata", out var metaArray))
            throw new NpyFormatException(name, "not a Landscaper weights file: no 'metadata' array (save weights with `landscaper train` or ModelStateFile.Save)", null);
        Metadata? meta;
        try { meta = JsonSerializer.Deserialize<Metadata>(metaArray.ToUtf8(), Json); }
        catch (JsonException ex) { throw new NpyFormatException(name, $"malformed weights metadata: {ex.Message}", ex); }
        if (meta is null || meta.Format != FormatName || meta.Entries is null)
            throw new NpyFormatException(name, "not a Landscaper weights file (format 'landscaper-state')", null);
        var entries = new List<StateTensor>();
        foreach (var e in meta.Entries)
        {
            if (!arrays.TryGetValue(e.Name, out var a)) throw new NpyFormatException(name, $"the entry '{e.Name}' listed in the metadata is missing", null);
            if (!Enum.TryParse<TorchSharp.torch.ScalarType>(e.Dtype, out var dtype))
                throw new NpyFormatException(name, $"the entry '{e.Name}' has an unknown dtype '{e.Dtype}'", null);
            using var t = TensorArrays.ToTensor(a, dtype);
            entries.Add(StateTensor.From(e.Name, e.Buffer, t));
        }
        return (new ModelState(entries), meta.Info ?? new Dictionary<string, string>());
    }

    /// <summary>Formats a double so that it reads back to the same bits (for <c>info</c>).</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads a double written by <see cref="Exact"/>.</summary>
    public static double ParseExact(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
