using Landscaper.Data;
using Landscaper.Models.Graphs;
using static TorchSharp.torch;

namespace Landscaper.Molecules;

/// <summary>Graph mini-batches (<see cref="GraphBatch"/>) of a subset of molecules with standardised targets [G].</summary>
public static class MolecularBatches
{
    /// <summary>Batches of the molecules <paramref name="indices"/>, in a seeded random order (or in the given order when
    /// <paramref name="shuffleSeed"/> is null), <paramref name="batchSize"/> graphs each (the last may be smaller).</summary>
    /// <param name="graphs">Graph of every molecule.</param>
    /// <param name="targets">Target of every molecule (already standardised), index-aligned with <paramref name="graphs"/>.</param>
    /// <param name="indices">Molecules to batch (at least one).</param>
    /// <param name="batchSize">Graphs per batch (≥ 1).</param>
    /// <param name="shuffleSeed">Seed of the order, or null to keep <paramref name="indices"/>' order.</param>
    /// <param name="dtype">Float32 or Float64 for inputs and targets.</param>
    /// <returns>New batches; the caller owns their tensors.</returns>
    /// <exception cref="ArgumentException">No indices, an index out of range, differing lengths, or batch size &lt; 1.</exception>
    public static IReadOnlyList<Batch> Make(IReadOnlyList<GraphData> graphs, IReadOnlyList<double> targets, IReadOnlyList<int> indices,
        int batchSize, int? shuffleSeed, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(indices);
        if (graphs.Count != targets.Count) throw new ArgumentException($"{graphs.Count} graphs but {targets.Count} targets.", nameof(targets));
        if (indices.Count == 0) throw new ArgumentException("No molecules to batch.", nameof(indices));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be ≥ 1.");
        foreach (int i in indices)
            if (i < 0 || i >= graphs.Count) throw new ArgumentException($"Index {i} is outside 0..{graphs.Count - 1}.", nameof(indices));
        var order = indices.ToArray();
        if (shuffleSeed is int seed) new Random(seed).Shuffle(order);
        var batches = new List<Batch>();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var chunk = order[start..Math.Min(order.Length, start + batchSize)];
            batches.Add(GraphBatch.ToBatch(chunk.Select(i => graphs[i]).ToArray(), chunk.Select(i => targets[i]).ToArray(), dtype));
        }
        return batches;
    }
}
