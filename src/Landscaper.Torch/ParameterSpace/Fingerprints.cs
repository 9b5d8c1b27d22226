using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace Landscaper.ParameterSpace;

/// <summary>
/// SHA-256 fingerprints (lower-case hex) that tie every artifact of a run to what it was computed from: the parameters
/// θ0 (names, dtypes, shapes and bytes), the data (the tensors of the batches) and the directions. Directions files,
/// sample files, merged landscapes and the CLI's JSON reports record them; loading directions, resuming, merging and
/// analysing refuse inputs whose fingerprints differ.
/// </summary>
/// <remarks>A fingerprint depends on the exact bits: the same model trained on another machine or with another thread
/// count may differ in the last bits and then has another fingerprint. That is the point — shards must sample the same
/// θ0 — and why the workbench saves models and directions once and ships the files to every task.</remarks>
public static class Fingerprints
{
    /// <summary>Fingerprint of the selected parameters' current values.</summary>
    public static string Parameters(ParameterSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendString(h, "parameters");
        for (int i = 0; i < selection.Parameters.Count; i++)
        {
            AppendString(h, selection.Names[i]);
            AppendTensor(h, selection.Parameters[i]);
        }
        return Hex(h);
    }

    /// <summary>Fingerprint of data given as tensors (e.g. the inputs and targets of every batch, in order).</summary>
    public static string Data(IEnumerable<Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendString(h, "data");
        foreach (var t in tensors) AppendTensor(h, t);
        return Hex(h);
    }

    /// <summary>Fingerprint of the first <paramref name="count"/> directions of a set (kind, names and values).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> outside [1, number of directions].</exception>
    public static string Directions(DirectionSet directions, int count)
    {
        ArgumentNullException.ThrowIfNull(directions);
        if (count < 1 || count > directions.Count) throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in [1, {directions.Count}].");
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendString(h, "directions:" + directions.Kind);
        for (int k = 0; k < count; k++)
        {
            AppendString(h, directions.Names[k]);
            foreach (var t in directions.Directions[k]) AppendTensor(h, t);
        }
        return Hex(h);
    }

    /// <summary>The first 12 characters, for messages.</summary>
    public static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] + "…" : fingerprint;

    private static string Hex(IncrementalHash h) => Convert.ToHexString(h.GetHashAndReset()).ToLowerInvariant();

    private static void AppendString(IncrementalHash h, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        h.AppendData(BitConverter.GetBytes(bytes.Length));
        h.AppendData(bytes);
    }

    private static void AppendTensor(IncrementalHash h, Tensor t)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var c = t.detach().cpu().contiguous();
        AppendString(h, $"{c.dtype}[{string.Join(",", c.shape)}]");
        h.AppendData(c.bytes);
    }
}
