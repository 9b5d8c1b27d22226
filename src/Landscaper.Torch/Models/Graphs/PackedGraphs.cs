using static TorchSharp.torch;

namespace Landscaper.Models.Graphs;

/// <summary>
/// A validated, unpacked graph batch (from <see cref="GraphBatch.Unpack"/>): counts, managed node offsets and positions, and
/// tensors on the packed tensor's device. Feature and position tensors are views of the packed tensor in its dtype (convert
/// to the parameters' dtype before use); index tensors are int64. Dispose to free the tensors (the packed tensor itself is
/// not freed).
/// </summary>
public sealed class PackedGraphs : IDisposable
{
    private readonly int[] _offsets;
    private readonly double[] _positions;

    internal PackedGraphs(int graphs, int nodes, int edges, int nodeFeatures, int edgeFeatures, int[] offsets, double[] positions,
        Tensor graphIndex, Tensor positionTensor, Tensor nodeFeatureTensor, Tensor sources, Tensor targets, Tensor edgeFeatureTensor)
    {
        (Graphs, Nodes, Edges, NodeFeatureCount, EdgeFeatureCount) = (graphs, nodes, edges, nodeFeatures, edgeFeatures);
        _offsets = offsets;
        _positions = positions;
        GraphIndex = graphIndex;
        Positions = positionTensor;
        NodeFeatures = nodeFeatureTensor;
        Sources = sources;
        Targets = targets;
        EdgeFeatures = edgeFeatureTensor;
    }

    /// <summary>Number of graphs G.</summary>
    public int Graphs { get; }

    /// <summary>Number of nodes N (all graphs).</summary>
    public int Nodes { get; }

    /// <summary>Number of directed edges E (all graphs).</summary>
    public int Edges { get; }

    /// <summary>Features per node F.</summary>
    public int NodeFeatureCount { get; }

    /// <summary>Features per edge Fe.</summary>
    public int EdgeFeatureCount { get; }

    /// <summary>First node of graph g is <c>NodeOffsets[g]</c>; graph g has nodes NodeOffsets[g] … NodeOffsets[g + 1] − 1
    /// (G + 1 entries, the last = N).</summary>
    public ReadOnlySpan<int> NodeOffsets => _offsets;

    /// <summary>Node positions on the host, row-major [N, 3], Å, as stored (float32 values widened for float32 batches).</summary>
    public ReadOnlySpan<double> HostPositions => _positions;

    /// <summary>Graph index of every node, int64 [N].</summary>
    public Tensor GraphIndex { get; }

    /// <summary>Positions [N, 3] (view of the packed tensor).</summary>
    public Tensor Positions { get; }

    /// <summary>Node features [N, F] (view of the packed tensor).</summary>
    public Tensor NodeFeatures { get; }

    /// <summary>Source node of every edge, int64 [E].</summary>
    public Tensor Sources { get; }

    /// <summary>Target node of every edge, int64 [E].</summary>
    public Tensor Targets { get; }

    /// <summary>Edge features [E, Fe] (view of the packed tensor).</summary>
    public Tensor EdgeFeatures { get; }

    /// <summary>Number of nodes of graph <paramref name="graph"/>.</summary>
    public int NodeCountOf(int graph) => _offsets[graph + 1] - _offsets[graph];

    /// <inheritdoc />
    public void Dispose()
    {
        GraphIndex.Dispose();
        Positions.Dispose();
        NodeFeatures.Dispose();
        Sources.Dispose();
        Targets.Dispose();
        EdgeFeatures.Dispose();
    }
}
