namespace Landscaper.Models.Graphs;

/// <summary>
/// One graph in managed memory, ready for <see cref="GraphBatch.Pack"/>: node features, node positions and directed edges
/// with edge features. Immutable (the arrays are copied on construction); validated on construction.
/// </summary>
/// <remarks>
/// <para>Edges are <b>directed</b>: an undirected bond between nodes a and b is two edges, (a → b) and (b → a), each with
/// its own feature row (usually the same). Message passing sends along every listed edge, from
/// <see cref="Sources"/>[e] to <see cref="Targets"/>[e]. Self-loops (a → a) are not allowed.</para>
/// <para>Positions are Cartesian coordinates in ångström (Å) for molecules; models that do not use geometry ignore them
/// (pass zeros).</para>
/// </remarks>
public sealed class GraphData
{
    private readonly float[] _nodeFeatures;
    private readonly float[] _positions;
    private readonly int[] _sources;
    private readonly int[] _targets;
    private readonly float[] _edgeFeatures;

    /// <summary>Creates a graph.</summary>
    /// <param name="nodeFeatures">One row of <see cref="NodeFeatureCount"/> values per node (at least one node; all rows the same
    /// length; finite values).</param>
    /// <param name="positions">One (x, y, z) per node, Å (finite).</param>
    /// <param name="edges">Directed edges (source, target), 0-based node indices, no self-loops; may be empty.</param>
    /// <param name="edgeFeatures">One row per edge, all the same length (finite); null when edges carry no features or the
    /// graph has no edges.</param>
    /// <param name="edgeFeatureCount">Used only when <paramref name="edgeFeatures"/> is null or empty: the edge feature count to
    /// record for a graph without edges (so it can be packed with graphs whose edges have features); must be 0 when there are
    /// edges without feature rows. When rows are given, their length decides.</param>
    /// <exception cref="ArgumentException">Inconsistent lengths, an index outside the nodes, a self-loop or a non-finite value.</exception>
    public GraphData(IReadOnlyList<float[]> nodeFeatures, IReadOnlyList<(double X, double Y, double Z)> positions,
        IReadOnlyList<(int Source, int Target)> edges, IReadOnlyList<float[]>? edgeFeatures = null, int edgeFeatureCount = 0)
    {
        ArgumentNullException.ThrowIfNull(nodeFeatures);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(edges);
        if (nodeFeatures.Count == 0) throw new ArgumentException("A graph needs at least one node.", nameof(nodeFeatures));
        if (positions.Count != nodeFeatures.Count)
            throw new ArgumentException($"{nodeFeatures.Count} node feature rows but {positions.Count} positions.", nameof(positions));
        int f = nodeFeatures[0]?.Length ?? throw new ArgumentException("Node feature row 0 is null.", nameof(nodeFeatures));
        NodeCount = nodeFeatures.Count;
        NodeFeatureCount = f;
        _nodeFeatures = Flatten(nodeFeatures, f, "node feature", nameof(nodeFeatures));
        _positions = new float[3 * NodeCount];
        for (int i = 0; i < NodeCount; i++)
        {
            var (x, y, z) = positions[i];
            if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
                throw new ArgumentException($"Position of node {i} is not finite ({x}, {y}, {z}).", nameof(positions));
            (_positions[3 * i], _positions[3 * i + 1], _positions[3 * i + 2]) = ((float)x, (float)y, (float)z);
        }
        EdgeCount = edges.Count;
        _sources = new int[EdgeCount];
        _targets = new int[EdgeCount];
        for (int e = 0; e < EdgeCount; e++)
        {
            var (s, t) = edges[e];
            if (s < 0 || s >= NodeCount || t < 0 || t >= NodeCount)
                throw new ArgumentException($"Edge {e} ({s} → {t}) refers to a node outside 0..{NodeCount - 1}.", nameof(edges));
            if (s == t) throw new ArgumentException($"Edge {e} is a self-loop on node {s}.", nameof(edges));
            (_sources[e], _targets[e]) = (s, t);
        }
        if (edgeFeatureCount < 0) throw new ArgumentOutOfRangeException(nameof(edgeFeatureCount), edgeFeatureCount, "Must be ≥ 0.");
        if (edgeFeatures is null || edgeFeatures.Count == 0)
        {
            if (EdgeCount > 0 && edgeFeatureCount > 0)
                throw new ArgumentException($"{EdgeCount} edges but no edge feature rows (expected {edgeFeatureCount} features each).", nameof(edgeFeatures));
            EdgeFeatureCount = edgeFeatureCount;
            _edgeFeatures = [];
        }
        else
        {
            if (edgeFeatures.Count != EdgeCount)
                throw new ArgumentException($"{EdgeCount} edges but {edgeFeatures.Count} edge feature rows.", nameof(edgeFeatures));
            int fe = edgeFeatures[0]?.Length ?? throw new ArgumentException("Edge feature row 0 is null.", nameof(edgeFeatures));
            EdgeFeatureCount = fe;
            _edgeFeatures = Flatten(edgeFeatures, fe, "edge feature", nameof(edgeFeatures));
        }
    }

    /// <summary>Number of nodes (≥ 1).</summary>
    public int NodeCount { get; }

    /// <summary>Number of directed edges.</summary>
    public int EdgeCount { get; }

    /// <summary>Features per node.</summary>
    public int NodeFeatureCount { get; }

    /// <summary>Features per edge (0 when edges carry none).</summary>
    public int EdgeFeatureCount { get; }

    /// <summary>Node features, row-major [<see cref="NodeCount"/>, <see cref="NodeFeatureCount"/>].</summary>
    public ReadOnlySpan<float> NodeFeatures => _nodeFeatures;

    /// <summary>Positions, row-major [<see cref="NodeCount"/>, 3], Å (stored as float32).</summary>
    public ReadOnlySpan<float> Positions => _positions;

    /// <summary>Source node of each edge.</summary>
    public ReadOnlySpan<int> Sources => _sources;

    /// <summary>Target node of each edge.</summary>
    public ReadOnlySpan<int> Targets => _targets;

    /// <summary>Edge features, row-major [<see cref="EdgeCount"/>, <see cref="EdgeFeatureCount"/>].</summary>
    public ReadOnlySpan<float> EdgeFeatures => _edgeFeatures;

    /// <summary>The same graph with its nodes renumbered: new node i is old node <paramref name="order"/>[i]; edges keep their
    /// order with renumbered ends. (For permutation-invariance checks.)</summary>
    /// <exception cref="ArgumentException"><paramref name="order"/> is not a permutation of 0..NodeCount−1.</exception>
    public GraphData Permuted(IReadOnlyList<int> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Count != NodeCount || order.Distinct().Count() != NodeCount || order.Any(i => i < 0 || i >= NodeCount))
            throw new ArgumentException($"The order must be a permutation of 0..{NodeCount - 1}.", nameof(order));
        var newIndex = new int[NodeCount];
        for (int i = 0; i < NodeCount; i++) newIndex[order[i]] = i;
        var nodes = order.Select(o => _nodeFeatures.AsSpan(o * NodeFeatureCount, NodeFeatureCount).ToArray()).ToArray();
        var pos = order.Select(o => ((double)_positions[3 * o], (double)_positions[3 * o + 1], (double)_positions[3 * o + 2])).ToArray();
        var edges = Enumerable.Range(0, EdgeCount).Select(e => (newIndex[_sources[e]], newIndex[_targets[e]])).ToArray();
        var ef = EdgeFeatureCount == 0 ? null
            : Enumerable.Range(0, EdgeCount).Select(e => _edgeFeatures.AsSpan(e * EdgeFeatureCount, EdgeFeatureCount).ToArray()).ToArray();
        return new GraphData(nodes, pos, edges, ef, EdgeFeatureCount);
    }

    /// <summary>The same graph with every position mapped by <paramref name="transform"/> (e.g. a rotation plus a translation).</summary>
    public GraphData WithPositions(Func<(double X, double Y, double Z), (double X, double Y, double Z)> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var nodes = Enumerable.Range(0, NodeCount).Select(i => _nodeFeatures.AsSpan(i * NodeFeatureCount, NodeFeatureCount).ToArray()).ToArray();
        var pos = Enumerable.Range(0, NodeCount).Select(i => transform((_positions[3 * i], _positions[3 * i + 1], _positions[3 * i + 2]))).ToArray();
        var edges = Enumerable.Range(0, EdgeCount).Select(e => (_sources[e], _targets[e])).ToArray();
        var ef = EdgeFeatureCount == 0 ? null
            : Enumerable.Range(0, EdgeCount).Select(e => _edgeFeatures.AsSpan(e * EdgeFeatureCount, EdgeFeatureCount).ToArray()).ToArray();
        return new GraphData(nodes, pos, edges, ef, EdgeFeatureCount);
    }

    private static float[] Flatten(IReadOnlyList<float[]> rows, int width, string what, string paramName)
    {
        var flat = new float[rows.Count * width];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i] ?? throw new ArgumentException($"{what} row {i} is null.", paramName);
            if (row.Length != width) throw new ArgumentException($"{what} row {i} has {row.Length} values, row 0 has {width}.", paramName);
            for (int k = 0; k < width; k++)
            {
                if (!float.IsFinite(row[k])) throw new ArgumentException($"{what} row {i}, column {k} is {row[k]}; values must be finite.", paramName);
                flat[i * width + k] = row[k];
            }
        }
        return flat;
    }
}
