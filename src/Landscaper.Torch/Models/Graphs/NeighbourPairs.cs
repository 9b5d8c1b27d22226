namespace Landscaper.Models.Graphs;

/// <summary>
/// Ordered pairs of distinct nodes of the same graph closer than a cutoff, found from the node positions of an unpacked batch
/// (all pairs of each graph are checked: graphs here are molecules of tens of atoms). Distances are compared in float64 on the
/// host; the pair list does not depend on parameters, so it is constant along a landscape and needs no gradient.
/// </summary>
public static class NeighbourPairs
{
    /// <summary>All ordered pairs (i, j), i ≠ j, of nodes of the same graph with ‖r_i − r_j‖ &lt; <paramref name="cutoff"/>,
    /// graph by graph, i ascending, then j ascending.</summary>
    /// <param name="batch">The unpacked batch.</param>
    /// <param name="cutoff">Cutoff radius, Å (finite, &gt; 0).</param>
    /// <returns>Receivers i and senders j, both global node indices of the batch.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Cutoff not finite or ≤ 0.</exception>
    public static (long[] Receivers, long[] Senders) Within(PackedGraphs batch, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!(cutoff > 0) || !double.IsFinite(cutoff)) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Must be finite and > 0.");
        var receivers = new long[Scan(batch, cutoff * cutoff, null, null)];
        var senders = new long[receivers.Length];
        Scan(batch, cutoff * cutoff, receivers, senders);
        return (receivers, senders);
    }

    /// <summary>Counts the pairs and, when arrays are given, fills them (two passes keep the result arrays the only allocations).</summary>
    private static int Scan(PackedGraphs batch, double cutoffSquared, long[]? receivers, long[]? senders)
    {
        var pos = batch.HostPositions;
        var offsets = batch.NodeOffsets;
        int k = 0;
        for (int g = 0; g < batch.Graphs; g++)
            for (int i = offsets[g]; i < offsets[g + 1]; i++)
                for (int j = offsets[g]; j < offsets[g + 1]; j++)
                {
                    if (i == j) continue;
                    double dx = pos[3 * i] - pos[3 * j], dy = pos[3 * i + 1] - pos[3 * j + 1], dz = pos[3 * i + 2] - pos[3 * j + 2];
                    if (!(dx * dx + dy * dy + dz * dz < cutoffSquared)) continue;
                    if (receivers is not null) { receivers[k] = i; senders![k] = j; }
                    k++;
                }
        return k;
    }
}
