using Landscaper.Models.Graphs;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Tests.Models.Graphs;

[Collection("torch-serial")]
public class GraphBatchTests
{
    public GraphBatchTests() => TorchRuntime.Initialize(threads: 1);

    private static GraphData Two() => new(
        [[1f, 2f], [3f, 4f]], [(0.5, 1.5, 2.5), (-1, 0, 1)], [(0, 1), (1, 0)], [[7f], [8f]]);

    private static GraphData One() => new([[5f, 6f]], [(9, 9, 9)], [], null, edgeFeatureCount: 1);

    [Fact]
    public void Pack_writes_the_documented_layout()
    {
        using var t = GraphBatch.Pack([Two(), One(), Two()]);
        // N = 5 nodes, E = 4 edges, G = 3, F = 2, Fe = 1 → width max(5, 6, 3) = 6, rows 1 + 5 + 4.
        Assert.Equal(new long[] { 10, 6 }, t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
        var c = t.data<float>().ToArray();
        float[] Row(int r) => c[(r * 6)..((r + 1) * 6)];
        Assert.Equal([5f, 4f, 3f, 2f, 1f, 0f], Row(0));
        Assert.Equal([0f, 0.5f, 1.5f, 2.5f, 1f, 2f], Row(1));
        Assert.Equal([0f, -1f, 0f, 1f, 3f, 4f], Row(2));
        Assert.Equal([1f, 9f, 9f, 9f, 5f, 6f], Row(3));
        Assert.Equal([2f, 0.5f, 1.5f, 2.5f, 1f, 2f], Row(4));
        Assert.Equal([0f, 1f, 7f, 0f, 0f, 0f], Row(6));   // edge 0: 0 → 1, padding zero
        Assert.Equal([1f, 0f, 8f, 0f, 0f, 0f], Row(7));
        Assert.Equal([3f, 4f, 7f, 0f, 0f, 0f], Row(8));   // third graph: node indices offset by 3
        Assert.Equal([4f, 3f, 8f, 0f, 0f, 0f], Row(9));
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Unpack_returns_what_was_packed(ScalarType dtype)
    {
        var graphs = TestGraphs.Several(6, seed: 3);
        using var t = GraphBatch.Pack(graphs, dtype);
        using var p = GraphBatch.Unpack(t);
        Assert.Equal(6, p.Graphs);
        Assert.Equal(graphs.Sum(g => g.NodeCount), p.Nodes);
        Assert.Equal(graphs.Sum(g => g.EdgeCount), p.Edges);
        Assert.Equal(TestGraphs.NodeFeatures, p.NodeFeatureCount);
        Assert.Equal(TestGraphs.EdgeFeatures, p.EdgeFeatureCount);
        int offset = 0;
        var gi = p.GraphIndex.data<long>().ToArray();
        var src = p.Sources.data<long>().ToArray();
        var dst = p.Targets.data<long>().ToArray();
        var nf = p.NodeFeatures.contiguous().to_type(ScalarType.Float64).data<double>().ToArray();
        var ef = p.EdgeFeatures.contiguous().to_type(ScalarType.Float64).data<double>().ToArray();
        var pos = p.Positions.contiguous().to_type(ScalarType.Float64).data<double>().ToArray();
        int edge = 0;
        for (int g = 0; g < graphs.Length; g++)
        {
            Assert.Equal(offset, p.NodeOffsets[g]);
            Assert.Equal(graphs[g].NodeCount, p.NodeCountOf(g));
            for (int i = 0; i < graphs[g].NodeCount; i++)
            {
                Assert.Equal(g, gi[offset + i]);
                for (int k = 0; k < 3; k++)
                {
                    Assert.Equal(graphs[g].Positions[3 * i + k], (float)pos[3 * (offset + i) + k]);
                    Assert.Equal(graphs[g].Positions[3 * i + k], (float)p.HostPositions[3 * (offset + i) + k]);
                }
                for (int k = 0; k < TestGraphs.NodeFeatures; k++)
                    Assert.Equal(graphs[g].NodeFeatures[i * TestGraphs.NodeFeatures + k], (float)nf[(offset + i) * TestGraphs.NodeFeatures + k]);
            }
            for (int j = 0; j < graphs[g].EdgeCount; j++, edge++)
            {
                Assert.Equal(offset + graphs[g].Sources[j], src[edge]);
                Assert.Equal(offset + graphs[g].Targets[j], dst[edge]);
                for (int k = 0; k < TestGraphs.EdgeFeatures; k++)
                    Assert.Equal(graphs[g].EdgeFeatures[j * TestGraphs.EdgeFeatures + k], (float)ef[edge * TestGraphs.EdgeFeatures + k]);
            }
            offset += graphs[g].NodeCount;
        }
        Assert.Equal(offset, p.NodeOffsets[graphs.Length]);
    }

    [Fact]
    public void ToBatch_counts_graphs_and_shapes_targets()
    {
        var graphs = TestGraphs.Several(4);
        var b = GraphBatch.ToBatch(graphs, [1.0, 2, 3, 4]);
        Assert.Equal(4, b.Size);
        Assert.Equal(new long[] { 4 }, b.Target.shape);
        var b2 = GraphBatch.ToBatch(graphs, new double[4, 2]);
        Assert.Equal(new long[] { 4, 2 }, b2.Target.shape);
        Assert.Contains("targets", Assert.Throws<ArgumentException>(() => GraphBatch.ToBatch(graphs, [1.0, 2])).Message);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "3d", "2-D" },
        { "int", "Float32 or Float64" },
        { "fractional-count", "non-negative integer" },
        { "negative-count", "non-negative integer" },
        { "zero-graphs", "0 graphs" },
        { "rows", "rows" },
        { "width", "width" },
        { "decreasing", "must not decrease" },
        { "empty-graph", "has no nodes" },
        { "graph-out-of-range", "graph index" },
        { "edge-out-of-range", "node indices must be integers" },
        { "fractional-edge", "node indices must be integers" },
        { "self-loop", "self-loop" },
        { "cross-graph", "stay inside a graph" },
        { "nan", "finite" },
        { "padding-node", "Padding cell" },
        { "padding-header", "Header padding" },
        { "float32-too-large", "non-negative integer" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_tensors_are_rejected_with_a_clear_message(string kind, string message)
    {
        using var good = GraphBatch.Pack([Two(), One()]);   // rows: header, 3 nodes, 2 edges; width 6
        var cells = good.data<float>().ToArray();
        void Set(int r, int c, float v) => cells[r * 6 + c] = v;
        Tensor t;
        switch (kind)
        {
            case "3d": t = zeros(2, 3, 6); break;
            case "int": t = zeros(new long[] { 6, 6 }, ScalarType.Int64); break;
            default:
                switch (kind)
                {
                    case "fractional-count": Set(0, 0, 3.5f); break;
                    case "negative-count": Set(0, 1, -2); break;
                    case "zero-graphs": Set(0, 2, 0); break;
                    case "rows": Set(0, 1, 3); break;
                    case "width": Set(0, 3, 1); break;
                    case "decreasing": Set(2, 0, 1); Set(3, 0, 0); break;
                    case "empty-graph": Set(0, 2, 3); Set(3, 0, 2); break;
                    case "graph-out-of-range": Set(3, 0, 5); break;
                    case "edge-out-of-range": Set(4, 1, 3); break;
                    case "fractional-edge": Set(4, 1, 0.5f); break;
                    case "self-loop": Set(4, 1, 0); break;
                    case "cross-graph": Set(4, 1, 2); break;
                    case "nan": Set(2, 5, float.NaN); break;
                    case "padding-node": Set(4, 4, 1); break;
                    case "padding-header": Set(0, 5, 1); break;
                    case "float32-too-large": Set(0, 0, 16_777_218f); break;
                    default: throw new InvalidOperationException(kind);
                }
                t = tensor(cells, new long[] { 6, 6 });
                break;
        }
        using (t)
        {
            var ex = Assert.Throws<ArgumentException>(() => GraphBatch.Unpack(t));
            Assert.Contains(message, ex.Message);
            Assert.DoesNotContain("\n", ex.Message);
        }
    }

    [Fact]
    public void The_unmodified_tensor_is_accepted()
    {
        using var good = GraphBatch.Pack([Two(), One()]);
        using var copy = tensor(good.data<float>().ToArray(), new long[] { 6, 6 });
        using var p = GraphBatch.Unpack(copy);
        Assert.Equal(2, p.Graphs);
    }

    [Fact]
    public void GraphData_and_Pack_validate_their_inputs()
    {
        Assert.Throws<ArgumentException>(() => new GraphData([], [], []));
        Assert.Throws<ArgumentException>(() => new GraphData([[1f]], [(0, 0, 0), (1, 1, 1)], []));
        Assert.Contains("self-loop", Assert.Throws<ArgumentException>(() => new GraphData([[1f], [2f]], [(0, 0, 0), (1, 1, 1)], [(1, 1)])).Message);
        Assert.Throws<ArgumentException>(() => new GraphData([[1f], [2f]], [(0, 0, 0), (1, 1, 1)], [(0, 2)]));
        Assert.Throws<ArgumentException>(() => new GraphData([[1f], [2f, 3f]], [(0, 0, 0), (1, 1, 1)], []));
        Assert.Throws<ArgumentException>(() => new GraphData([[float.NaN]], [(0, 0, 0)], []));
        Assert.Throws<ArgumentException>(() => new GraphData([[1f]], [(double.PositiveInfinity, 0, 0)], []));
        Assert.Throws<ArgumentException>(() => new GraphData([[1f], [2f]], [(0, 0, 0), (1, 1, 1)], [(0, 1)], [[1f], [2f]]));
        Assert.Throws<ArgumentException>(() => GraphBatch.Pack([]));
        Assert.Contains("node features", Assert.Throws<ArgumentException>(() => GraphBatch.Pack([Two(), new GraphData([[1f]], [(0, 0, 0)], [])])).Message);
        Assert.Throws<ArgumentException>(() => GraphBatch.Pack([Two()], ScalarType.Int32));
        var permuted = Two().Permuted([1, 0]);
        Assert.Equal([3f, 4f, 1f, 2f], permuted.NodeFeatures.ToArray());
        Assert.Equal([1, 0], permuted.Sources.ToArray());
    }
}
