using Landscaper.ParameterSpace;

namespace Landscaper.Sampling;

/// <summary>Identity and placement of a sample file: which model, data, directions, quantity and grid it belongs to,
/// and which flat range [Start, End) of the grid it holds. Two files belong to the same run when
/// <see cref="FirstDifference"/> finds nothing.</summary>
/// <param name="ModelName">How the model was referenced (a built-in name or "Namespace.Type, Assembly.dll").</param>
/// <param name="ModelFingerprint">θ0 (<see cref="Fingerprints.Parameters"/>).</param>
/// <param name="DataFingerprint">The batches the quantity is evaluated on (<see cref="Fingerprints.Data"/>).</param>
/// <param name="DirectionKind">Kind of the direction set.</param>
/// <param name="DirectionFingerprint">The directions used (<see cref="Fingerprints.Directions"/>).</param>
/// <param name="DirectionNames">Name of each axis' direction.</param>
/// <param name="Quantity">The scalar function (loss, accuracy, …).</param>
/// <param name="Scale">How coordinates become parameter offsets.</param>
/// <param name="Coordinates">Grid coordinates per axis.</param>
/// <param name="Distances">Half-widths of a symmetric grid, or null.</param>
/// <param name="ShardIndex">This shard's index.</param>
/// <param name="ShardCount">Number of shards of the run.</param>
/// <param name="Start">First flat grid index held.</param>
/// <param name="End">One past the last flat grid index held.</param>
/// <param name="Info">Free-form settings recorded with the run (seeds, epochs, …).</param>
public sealed record SampleFileHeader(
    string ModelName, string ModelFingerprint, string DataFingerprint, string DirectionKind, string DirectionFingerprint,
    IReadOnlyList<string> DirectionNames, string Quantity, SamplingScale Scale, double[][] Coordinates, double[]? Distances,
    int ShardIndex, int ShardCount, int Start, int End, IReadOnlyDictionary<string, string>? Info = null)
{
    /// <summary>Number of grid points of the whole run.</summary>
    public int GridCount => Coordinates.Aggregate(1, (a, c) => checked(a * c.Length));

    /// <summary>Number of points this file holds.</summary>
    public int ShardPoints => End - Start;

    /// <summary>The grid.</summary>
    public SamplingGrid Grid() => SamplingGrid.Restore(Coordinates, Distances);

    /// <summary>The header of the whole run (shard 0 of 1 covering every point).</summary>
    public SampleFileHeader Whole() => this with { ShardIndex = 0, ShardCount = 1, Start = 0, End = GridCount };

    /// <summary>The first run-identity field that differs from <paramref name="other"/> (model, data, directions, quantity,
    /// scaling, grid, shard count, recorded settings), described for a message; null when the files belong to the same
    /// run. Shard placement is not compared.</summary>
    public string? FirstDifference(SampleFileHeader other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ModelName != other.ModelName) return $"the model ('{ModelName}' vs '{other.ModelName}')";
        if (ModelFingerprint != other.ModelFingerprint)
            return $"the model parameters (fingerprint {Fingerprints.Short(ModelFingerprint)} vs {Fingerprints.Short(other.ModelFingerprint)})";
        if (DataFingerprint != other.DataFingerprint)
            return $"the data (fingerprint {Fingerprints.Short(DataFingerprint)} vs {Fingerprints.Short(other.DataFingerprint)})";
        if (DirectionKind != other.DirectionKind) return $"the direction kind ('{DirectionKind}' vs '{other.DirectionKind}')";
        if (DirectionFingerprint != other.DirectionFingerprint)
            return $"the directions (fingerprint {Fingerprints.Short(DirectionFingerprint)} vs {Fingerprints.Short(other.DirectionFingerprint)})";
        if (!DirectionNames.SequenceEqual(other.DirectionNames)) return "the direction names";
        if (Quantity != other.Quantity) return $"the quantity ('{Quantity}' vs '{other.Quantity}')";
        if (Scale != other.Scale) return $"the scaling ({Scale} vs {other.Scale})";
        if (Coordinates.Length != other.Coordinates.Length) return $"the grid dimensions ({Coordinates.Length} vs {other.Coordinates.Length})";
        for (int k = 0; k < Coordinates.Length; k++)
            if (!Coordinates[k].AsSpan().SequenceEqual(other.Coordinates[k])) return $"the grid coordinates of axis {k} ({Coordinates[k].Length} vs {other.Coordinates[k].Length} points)";
        if ((Distances is null) != (other.Distances is null) || (Distances is not null && !Distances.AsSpan().SequenceEqual(other.Distances)))
            return "the grid distances";
        if (ShardCount != other.ShardCount) return $"the shard count ({ShardCount} vs {other.ShardCount})";
        var a = Info ?? new Dictionary<string, string>();
        var b = other.Info ?? new Dictionary<string, string>();
        foreach (var key in a.Keys.Concat(b.Keys.Where(k => !a.ContainsKey(k))))   // the recorded order: model, data, …, seed first
            if (a.GetValueOrDefault(key) != b.GetValueOrDefault(key))
                return $"the setting '{key}' ('{a.GetValueOrDefault(key) ?? "unset"}' vs '{b.GetValueOrDefault(key) ?? "unset"}')";
        return null;
    }
}
