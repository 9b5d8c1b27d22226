using System.Security.Cryptography;
using System.Text;
using Landscaper.Directions;
using Landscaper.Hessian;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Sampling;

/// <summary>SHA-256 fingerprints that tie sample files, checkpoints and shards to one model state and one direction set.</summary>
public static class Fingerprint
{
    /// <summary>Hash of the model name and θ0: every selected parameter's name, dtype, shape and raw bytes, in order (lower-case hex).</summary>
    public static string Model(ParameterSelection selection, string modelName)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(modelName);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendString(h, "model:" + modelName);
        for (int i = 0; i < selection.Parameters.Count; i++)
        {
            AppendString(h, selection.Names[i]);
            AppendTensor(h, selection.Parameters[i]);
        }
        return Convert.ToHexString(h.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>Hash of the first <paramref name="count"/> directions of a set: kind, names and raw tensor bytes (lower-case hex).</summary>
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
        return Convert.ToHexString(h.GetHashAndReset()).ToLowerInvariant();
    }

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
