namespace Landscaper.Experiments;

/// <summary>A seeded random subset of positions 0 … count − 1, returned in ascending order — how experiments take "n of the data"
/// reproducibly (molecule subsets, e-mail samples).</summary>
public static class SeededSubset
{
    /// <summary>All positions when <paramref name="limit"/> is null or ≥ <paramref name="count"/>; otherwise <paramref name="limit"/> of
    /// them: a <see cref="Random"/>(<paramref name="seed"/>) shuffle of 0 … count − 1, its first <paramref name="limit"/>, sorted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count or a limit &lt; 0.</exception>
    public static int[] Indices(int count, int? limit, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (limit is < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "Must be ≥ 0 (or null for all).");
        if (limit is not int n || n >= count) return Enumerable.Range(0, count).ToArray();
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order[..n].Order().ToArray();
    }
}
