using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Models.Graphs;

/// <summary>Scatter-style reductions over a packed graph batch: sums of rows by an index (message aggregation, readout).</summary>
public static class GraphPooling
{
    // A rooted native scalar: an implicit Scalar temporary may be finalised by the GC during the native call that uses it.
    private static readonly TorchSharp.Scalar One = 1.ToScalar();

    /// <summary>out[k] = Σ_{r : index[r] = k} values[r] for k = 0 … <paramref name="count"/> − 1 (rows of <paramref name="values"/>
    /// summed into <paramref name="count"/> buckets with <c>index_add</c>; differentiable to any order in <paramref name="values"/>).</summary>
    /// <param name="values">[R, C] rows.</param>
    /// <param name="index">int64 [R] bucket of every row, each in 0 … count − 1 (the caller guarantees this; <see cref="GraphBatch.Unpack"/> validates the indices it returns).</param>
    /// <param name="count">Number of buckets.</param>
    /// <returns>[count, C], zero rows for empty buckets.</returns>
    /// <exception cref="ArgumentException">Mismatched shapes (checked before the native call).</exception>
    public static Tensor SumBy(Tensor values, Tensor index, long count)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(index);
        if (values.dim() != 2 || index.dim() != 1 || index.shape[0] != values.shape[0] || index.dtype != ScalarType.Int64)
            throw new ArgumentException($"SumBy needs [R, C] values and int64 [R] indices; got [{string.Join(", ", values.shape)}] and {index.dtype} [{string.Join(", ", index.shape)}].");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Must be ≥ 0.");
        return zeros(new[] { count, values.shape[1] }, values.dtype, values.device).index_add(0, index, values, One);
    }

    /// <summary>Pools node rows [N, C] into graph rows [G, C] by <paramref name="readout"/> (sum, or sum divided by the graph's node count).</summary>
    /// <param name="nodes">[N, C] node vectors, node order of the batch.</param>
    /// <param name="batch">The unpacked batch the nodes belong to.</param>
    /// <param name="readout">Sum or mean.</param>
    public static Tensor Pool(Tensor nodes, PackedGraphs batch, GraphReadout readout)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(batch);
        if (nodes.dim() != 2 || nodes.shape[0] != batch.Nodes)
            throw new ArgumentException($"Expected [{batch.Nodes}, C] node vectors, got [{string.Join(", ", nodes.shape)}].", nameof(nodes));
        var sum = SumBy(nodes, batch.GraphIndex, batch.Graphs);
        if (readout == GraphReadout.Sum) return sum;
        var counts = new double[batch.Graphs];
        for (int g = 0; g < counts.Length; g++) counts[g] = batch.NodeCountOf(g);
        using var n = tensor(counts, new long[] { batch.Graphs, 1 }, ScalarType.Float64, nodes.device).to_type(nodes.dtype);
        return sum / n;
    }
}
