namespace Landscaper.Sampling;

/// <summary>
/// Identity of a (partial) sampling run, stored at the start of every sample file. Two files belong to the same landscape
/// when every field except <see cref="ShardIndex"/>, <see cref="Start"/>, <see cref="End"/> and <see cref="Info"/> agrees.
/// </summary>
/// <param name="ModelName">Model name.</param>
/// <param name="ModelHash">See <see cref="Fingerprint.Model"/>.</param>
/// <param name="DirectionKind">How the directions were made (e.g. "random").</param>
/// <param name="DirectionHash">See <see cref="Fingerprint.Directions"/>.</param>
/// <param name="DirectionNames">One name per axis.</param>
/// <param name="Quantity">Name of the scalar function.</param>
/// <param name="Scale">Scaling mode.</param>
/// <param name="Coordinates">Coordinates per axis.</param>
/// <param name="Distances">Half-widths of a symmetric grid, or null.</param>
/// <param name="ShardIndex">Shard number.</param>
/// <param name="ShardCount">Number of shards.</param>
/// <param name="Start">First flat index of the shard.</param>
/// <param name="End">One past the last flat index of the shard.</param>
/// <param name="Info">Informational settings (seed, threads, …); not compared.</param>
public sealed record SampleFileHeader(
    string ModelName, string ModelHash, string DirectionKind, string DirectionHash, IReadOnlyList<string> DirectionNames,
    string Quantity, SamplingScale Scale, double[][] Coordinates, double[]? Distances,
    int ShardIndex, int ShardCount, int Start, int End, IReadOnlyDictionary<string, string>? Info = null)
{
    /// <summary>Number of points in the whole grid.</summary>
    public int GridCount => Coordinates.Aggregate(1, (a, c) => checked(a * c.Length));

    /// <summary>Number of points in this shard.</summary>
    public int ShardPoints => End - Start;

    /// <summary>The grid this header describes.</summary>
    public SamplingGrid Grid() => SamplingGrid.Restore(Coordinates, Distances);

    /// <summary>Names the first field (other than shard placement and info) that differs from <paramref name="other"/>, or null
    /// when both describe the same landscape.</summary>
    public string? FirstDifference(SampleFileHeader other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ModelName != other.ModelName) return $"model name ('{ModelName}' vs '{other.ModelName}')";
        if (ModelHash != other.ModelHash) return $"model hash ({ModelHash[..12]}… vs {other.ModelHash[..12]}…)";
        if (DirectionKind != other.DirectionKind) return $"direction kind ('{DirectionKind}' vs '{other.DirectionKind}')";
        if (DirectionHash != other.DirectionHash) return $"direction hash ({DirectionHash[..12]}… vs {other.DirectionHash[..12]}…)";
        if (!DirectionNames.SequenceEqual(other.DirectionNames)) return "direction names";
        if (Quantity != other.Quantity) return $"quantity ('{Quantity}' vs '{other.Quantity}')";
        if (Scale != other.Scale) return $"scaling ({Scale} vs {other.Scale})";
        if (Coordinates.Length != other.Coordinates.Length) return $"grid dimensions ({Coordinates.Length} vs {other.Coordinates.Length})";
        for (int k = 0; k < Coordinates.Length; k++)
            if (!Coordinates[k].AsSpan().SequenceEqual(other.Coordinates[k])) return $"grid coordinates of axis {k}";
        if ((Distances is null) != (other.Distances is null) || (Distances is not null && !Distances.AsSpan().SequenceEqual(other.Distances)))
            return "grid distances";
        if (ShardCount != other.ShardCount) return $"shard count ({ShardCount} vs {other.ShardCount})";
        return null;
    }
}
