using System.Numerics;
using System.Runtime.InteropServices;
using Landscaper.Data;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Models.Graphs;

/// <summary>
/// Packs a mini-batch of variable-size graphs into <b>one</b> 2-D floating-point tensor, so that a graph model is an ordinary
/// <c>nn.Module&lt;Tensor, Tensor&gt;</c> and a graph mini-batch an ordinary <see cref="Batch"/> (Input = the packed tensor,
/// Target = one row per graph) that the Hessian operators, the landscape sampler and the trainer take as they are.
/// </summary>
/// <remarks>
/// <para><b>Layout.</b> With N nodes, E directed edges, G graphs, F node features and Fe edge features in the batch, the tensor
/// has 1 + N + E rows and W = max(5, 4 + F, 2 + Fe) columns; cells not listed below are 0 (padding):</para>
/// <list type="table">
/// <listheader><term>rows</term><description>columns</description></listheader>
/// <item><term>0 (header)</term><description>[N, E, G, F, Fe]</description></item>
/// <item><term>1 … N (node n = row − 1)</term><description>[graph index g, x, y, z, f₀ … f_{F−1}]; positions in Å</description></item>
/// <item><term>N + 1 … N + E (edge e = row − 1 − N)</term><description>[source node, target node, e₀ … e_{Fe−1}]</description></item>
/// </list>
/// <para><b>Indices</b> (counts, graph indices, node indices) are stored exactly as floating-point integers: node indices are
/// global in the batch (0 … N−1, i.e. the node's row minus 1). A float32 tensor represents every integer up to 2²⁴ exactly,
/// so <see cref="Pack"/> refuses batches with N, E or G above 2²⁴ in float32 (use float64).</para>
/// <para><b>Invariants</b> (checked by <see cref="Unpack"/>, before any native indexing call, with a one-line
/// <see cref="ArgumentException"/>): 2-D, float32 or float64, finite; header counts are non-negative integers with G ≥ 1 and
/// N ≥ G; the shape is exactly [1 + N + E, W]; graph indices are integers in 0 … G−1, non-decreasing (the nodes of a graph are
/// contiguous and graphs come in order) and every graph has at least one node; edge ends are integers in 0 … N−1, differ, and
/// lie in the same graph; padding cells are 0.</para>
/// <para><b>Edges are directed</b>: a chemical bond is two rows (a → b and b → a). A message-passing model sends along
/// every listed edge from source to target.</para>
/// <para><b>Targets</b> (<see cref="ToBatch(IReadOnlyList{GraphData}, IReadOnlyList{double}, ScalarType)"/>): [G] for one value per
/// graph, [G, k] for k values; <see cref="Batch.Size"/> is then G, the number of graphs.</para>
/// </remarks>
public static class GraphBatch
{
    /// <summary>Columns of the header row that carry values (N, E, G, F, Fe); the minimum width.</summary>
    public const int HeaderColumns = 5;

    /// <summary>Leading columns of a node row before its features: graph index, x, y, z.</summary>
    public const int NodePrefix = 4;

    /// <summary>Leading columns of an edge row before its features: source, target.</summary>
    public const int EdgePrefix = 2;

    /// <summary>The largest count or index a float32 tensor holds exactly (2²⁴).</summary>
    public const int MaxExactFloat32 = 1 << 24;

    /// <summary>The width of a packed tensor with <paramref name="nodeFeatures"/> node and <paramref name="edgeFeatures"/> edge features.</summary>
    public static int Width(int nodeFeatures, int edgeFeatures) =>
        Math.Max(HeaderColumns, Math.Max(NodePrefix + nodeFeatures, EdgePrefix + edgeFeatures));

    /// <summary>Packs <paramref name="graphs"/> (in order: graph g is <paramref name="graphs"/>[g]) into one tensor with the
    /// layout described on <see cref="GraphBatch"/>.</summary>
    /// <param name="graphs">At least one graph; all with the same node and edge feature counts.</param>
    /// <param name="dtype">Float32 (default) or Float64.</param>
    /// <returns>A new CPU tensor [1 + N + E, W]; the caller owns it.</returns>
    /// <exception cref="ArgumentException">No graphs, differing feature counts, an unsupported dtype, or (float32) more than
    /// 2²⁴ nodes, edges or graphs.</exception>
    public static Tensor Pack(IReadOnlyList<GraphData> graphs, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        if (graphs.Count == 0) throw new ArgumentException("At least one graph is needed.", nameof(graphs));
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"A packed graph batch is Float32 or Float64, not {dtype}.", nameof(dtype));
        if (graphs.Any(g => g is null)) throw new ArgumentException("A graph is null.", nameof(graphs));
        int f = graphs[0].NodeFeatureCount;
        for (int g = 1; g < graphs.Count; g++)
            if (graphs[g].NodeFeatureCount != f)
                throw new ArgumentException($"Graph {g} has {graphs[g].NodeFeatureCount} node features, graph 0 has {f}.", nameof(graphs));
        // Graphs without edges may record any edge feature count; those with edges must agree.
        int firstWithEdges = graphs.ToList().FindIndex(x => x.EdgeCount > 0);
        int fe = firstWithEdges < 0 ? graphs[0].EdgeFeatureCount : graphs[firstWithEdges].EdgeFeatureCount;
        for (int g = 0; g < graphs.Count; g++)
            if (graphs[g].EdgeCount > 0 && graphs[g].EdgeFeatureCount != fe)
                throw new ArgumentException($"Graph {g} has {graphs[g].EdgeFeatureCount} edge features, graph {firstWithEdges} has {fe}.", nameof(graphs));
        long n = graphs.Sum(g => (long)g.NodeCount), e = graphs.Sum(g => (long)g.EdgeCount);
        if (dtype == ScalarType.Float32 && (n > MaxExactFloat32 || e > MaxExactFloat32 || graphs.Count > MaxExactFloat32))
            throw new ArgumentException($"{n} nodes, {e} edges, {graphs.Count} graphs: float32 holds indices exactly only up to 2^24; pack as Float64.", nameof(dtype));
        int w = Width(f, fe);
        long rows = 1 + n + e;
        if (rows * w > int.MaxValue) throw new ArgumentException($"The batch would have {rows} × {w} cells; split it.", nameof(graphs));
        var cells = new double[rows * w];
        cells[0] = n; cells[1] = e; cells[2] = graphs.Count; cells[3] = f; cells[4] = fe;
        long nodeRow = 1, edgeRow = 1 + n, offset = 0;
        for (int g = 0; g < graphs.Count; g++)
        {
            var graph = graphs[g];
            var nf = graph.NodeFeatures;
            var pos = graph.Positions;
            for (int i = 0; i < graph.NodeCount; i++, nodeRow++)
            {
                long c = nodeRow * w;
                cells[c] = g;
                cells[c + 1] = pos[3 * i];
                cells[c + 2] = pos[3 * i + 1];
                cells[c + 3] = pos[3 * i + 2];
                for (int k = 0; k < f; k++) cells[c + NodePrefix + k] = nf[i * f + k];
            }
            var src = graph.Sources;
            var dst = graph.Targets;
            var ef = graph.EdgeFeatures;
            for (int j = 0; j < graph.EdgeCount; j++, edgeRow++)
            {
                long c = edgeRow * w;
                cells[c] = offset + src[j];
                cells[c + 1] = offset + dst[j];
                for (int k = 0; k < fe; k++) cells[c + EdgePrefix + k] = ef[j * fe + k];
            }
            offset += graph.NodeCount;
        }
        TorchNative.EnsureLoaded();
        return tensor(cells, new[] { rows, (long)w }, ScalarType.Float64).to_type(dtype);
    }

    /// <summary>A <see cref="Batch"/> of graphs with one real target per graph: Input = <see cref="Pack"/>, Target = [G].</summary>
    /// <exception cref="ArgumentException">As <see cref="Pack"/>, a target count other than the graph count, or a non-finite target.</exception>
    public static Batch ToBatch(IReadOnlyList<GraphData> graphs, IReadOnlyList<double> targets, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != graphs.Count) throw new ArgumentException($"{graphs.Count} graphs but {targets.Count} targets.", nameof(targets));
        if (targets.Any(t => !double.IsFinite(t))) throw new ArgumentException("Every target must be finite.", nameof(targets));
        var input = Pack(graphs, dtype);
        return new Batch(input, tensor(targets.ToArray(), ScalarType.Float64).to_type(dtype));
    }

    /// <summary>A <see cref="Batch"/> of graphs with k real targets per graph: Input = <see cref="Pack"/>, Target = [G, k]
    /// (row g of <paramref name="targets"/> belongs to graph g).</summary>
    /// <exception cref="ArgumentException">As <see cref="Pack"/>, a row count other than the graph count, or a non-finite target.</exception>
    public static Batch ToBatch(IReadOnlyList<GraphData> graphs, double[,] targets, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(graphs);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.GetLength(0) != graphs.Count) throw new ArgumentException($"{graphs.Count} graphs but {targets.GetLength(0)} target rows.", nameof(targets));
        if (targets.GetLength(1) < 1) throw new ArgumentException("At least one target column is needed.", nameof(targets));
        var flat = targets.Cast<double>().ToArray();
        if (flat.Any(t => !double.IsFinite(t))) throw new ArgumentException("Every target must be finite.", nameof(targets));
        var input = Pack(graphs, dtype);
        return new Batch(input, tensor(flat, new[] { (long)graphs.Count, targets.GetLength(1) }, ScalarType.Float64).to_type(dtype));
    }

    /// <summary>Reads a packed tensor back: validates every invariant listed on <see cref="GraphBatch"/> (in managed code,
    /// before any native indexing) and returns index tensors and feature views.</summary>
    /// <param name="packed">A tensor made by <see cref="Pack"/> (or laid out the same way).</param>
    /// <returns>The unpacked batch; dispose it to free its tensors (the packed tensor is not disposed).</returns>
    /// <exception cref="ArgumentException">A broken invariant; the message names the first one found (row and column).</exception>
    public static PackedGraphs Unpack(Tensor packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (packed.IsInvalid) throw new ArgumentException("The packed graph tensor has been disposed.", nameof(packed));
        if (packed.dim() != 2)
            throw new ArgumentException($"A packed graph batch is 2-D [1 + nodes + edges, width]; got shape [{string.Join(", ", packed.shape)}].", nameof(packed));
        if (packed.dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"A packed graph batch is Float32 or Float64; got {packed.dtype}.", nameof(packed));
        long rows = packed.shape[0], w = packed.shape[1];
        if (rows < 2 || w < HeaderColumns)
            throw new ArgumentException($"A packed graph batch has a header row, ≥ 1 node row and ≥ {HeaderColumns} columns; got shape [{rows}, {w}].", nameof(packed));
        if (rows * w > int.MaxValue) throw new ArgumentException($"The packed tensor has {rows} × {w} cells; too large.", nameof(packed));
        // Read the cells in place (no copy for a contiguous CPU tensor: sampling calls this once per grid point).
        if (packed.device_type == DeviceType.CPU && packed.is_contiguous()) return ReadCells(packed, packed, rows, w);
        using var host = packed.cpu().contiguous();
        return ReadCells(packed, host, rows, w);
    }

    private static PackedGraphs ReadCells(Tensor packed, Tensor host, long rows, long w) =>
        host.dtype == ScalarType.Float64
            ? Validate(packed, MemoryMarshal.Cast<byte, double>(host.bytes), rows, w, 1L << 53)
            : Validate(packed, MemoryMarshal.Cast<byte, float>(host.bytes), rows, w, MaxExactFloat32);

    private static PackedGraphs Validate<T>(Tensor packed, ReadOnlySpan<T> cells, long rows, long w, double exactLimit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int Count(ReadOnlySpan<T> c, int column, string name)
        {
            double v = double.CreateTruncating(c[column]);
            if (!(v >= 0 && v == Math.Floor(v) && v <= exactLimit))
                throw new ArgumentException($"Header cell {column} ({name}) is {v}; expected a non-negative integer. Is this a packed graph batch?", nameof(packed));
            return (int)Math.Min(v, int.MaxValue);
        }
        int n = Count(cells, 0, "nodes"), e = Count(cells, 1, "edges"), g = Count(cells, 2, "graphs"), f = Count(cells, 3, "node features"), fe = Count(cells, 4, "edge features");
        if (g < 1) throw new ArgumentException("The header says 0 graphs; a batch holds at least one.", nameof(packed));
        if (n < g) throw new ArgumentException($"The header says {n} nodes for {g} graphs; every graph needs a node.", nameof(packed));
        if (rows != 1L + n + e)
            throw new ArgumentException($"The header says {n} nodes and {e} edges, so {1L + n + e} rows; the tensor has {rows}.", nameof(packed));
        if (w != Width(f, fe))
            throw new ArgumentException($"The header says {f} node and {fe} edge features, so width {Width(f, fe)}; the tensor has {w}.", nameof(packed));
        for (int c = 0; c < cells.Length; c++)
            if (!T.IsFinite(cells[c]))
                throw new ArgumentException($"Cell [{c / w}, {c % w}] is {cells[c]}; every cell must be finite.", nameof(packed));
        for (long c = HeaderColumns; c < w; c++)
            if (cells[(int)c] != T.Zero) throw new ArgumentException($"Header padding cell [0, {c}] is {cells[(int)c]}, not 0.", nameof(packed));

        var graphIndex = new long[n];
        var offsets = new int[g + 1];
        var positions = new double[3 * n];
        int expected = 0;
        for (int i = 0; i < n; i++)
        {
            int r = (int)((1 + i) * w);
            double v = double.CreateTruncating(cells[r]);
            if (!(v >= 0 && v < g && v == Math.Floor(v)))
                throw new ArgumentException($"Node {i} (row {1 + i}) has graph index {v}; expected an integer in 0..{g - 1}.", nameof(packed));
            int gi = (int)v;
            if (gi < expected - 1 || gi > expected)
            {
                string why = gi < expected - 1 ? "graph indices must not decrease (a graph's nodes are contiguous)" : $"graph {expected} has no nodes";
                throw new ArgumentException($"Node {i} (row {1 + i}) has graph index {gi}: {why}.", nameof(packed));
            }
            if (gi == expected) { offsets[gi] = i; expected++; }
            graphIndex[i] = gi;
            positions[3 * i] = double.CreateTruncating(cells[r + 1]);
            positions[3 * i + 1] = double.CreateTruncating(cells[r + 2]);
            positions[3 * i + 2] = double.CreateTruncating(cells[r + 3]);
            for (int c = NodePrefix + f; c < w; c++)
                if (cells[r + c] != T.Zero) throw new ArgumentException($"Padding cell [{1 + i}, {c}] of node {i} is {cells[r + c]}, not 0.", nameof(packed));
        }
        if (expected != g) throw new ArgumentException($"The header says {g} graphs but only {expected} have nodes.", nameof(packed));
        offsets[g] = n;

        var sources = new long[e];
        var targets = new long[e];
        for (int j = 0; j < e; j++)
        {
            long row = 1L + n + j;
            int r = (int)(row * w);
            double s = double.CreateTruncating(cells[r]), t = double.CreateTruncating(cells[r + 1]);
            if (!(s >= 0 && s < n && s == Math.Floor(s)) || !(t >= 0 && t < n && t == Math.Floor(t)))
                throw new ArgumentException($"Edge {j} (row {row}) is {s} → {t}; node indices must be integers in 0..{n - 1}.", nameof(packed));
            if (s == t) throw new ArgumentException($"Edge {j} (row {row}) is a self-loop on node {s}.", nameof(packed));
            if (graphIndex[(int)s] != graphIndex[(int)t])
                throw new ArgumentException($"Edge {j} (row {row}) joins node {s} (graph {graphIndex[(int)s]}) and node {t} (graph {graphIndex[(int)t]}); edges stay inside a graph.", nameof(packed));
            for (int c = EdgePrefix + fe; c < w; c++)
                if (cells[r + c] != T.Zero) throw new ArgumentException($"Padding cell [{row}, {c}] of edge {j} is {cells[r + c]}, not 0.", nameof(packed));
            sources[j] = (long)s;
            targets[j] = (long)t;
        }

        var device = packed.device;
        using var nodes = packed.narrow(0, 1, n);
        using var edges = packed.narrow(0, 1 + n, e);
        return new PackedGraphs(
            g, n, e, f, fe, offsets, positions,
            tensor(graphIndex, ScalarType.Int64, device),
            nodes.narrow(1, 1, 3),
            nodes.narrow(1, NodePrefix, f),
            tensor(sources, ScalarType.Int64, device),
            tensor(targets, ScalarType.Int64, device),
            edges.narrow(1, EdgePrefix, fe));
    }
}
