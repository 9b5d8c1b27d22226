namespace Landscaper.Topology;

/// <summary>A 0-dimensional persistence diagram (equivalently a barcode): plain data, one pair per extremum.</summary>
/// <remarks>For a sublevel filtration births are minima values and deaths saddle values (birth ≤ death); for a
/// superlevel filtration births are maxima values (birth ≥ death). The superlevel diagram of f has the same pairs as
/// the sublevel diagram of −f with negated values.</remarks>
public sealed class PersistenceDiagram
{
    private readonly PersistencePair[] _pairs;

    /// <summary>Creates a diagram from pairs (copied).</summary>
    /// <exception cref="ArgumentException">A pair has a non-finite value.</exception>
    public PersistenceDiagram(Filtration filtration, IEnumerable<PersistencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = pairs.ToArray();
        for (int i = 0; i < _pairs.Length; i++)
            if (!double.IsFinite(_pairs[i].BirthValue) || !double.IsFinite(_pairs[i].DeathValue))
                throw new ArgumentException($"Pair {i} has a non-finite birth or death value.", nameof(pairs));
        Filtration = filtration;
    }

    /// <summary>The elder-rule pairs of a merge tree: at each saddle every child branch except the one holding the
    /// oldest leaf dies. Pairs are ordered by death, then birth (filtration order).</summary>
    public static PersistenceDiagram FromMergeTree(MergeTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var nodes = tree.NodeArray;
        var oldest = ElderRule.OldestLeaves(nodes);
        var pairs = new List<(int DeathNode, int BirthNode)>();
        for (int c = 0; c < nodes.Length; c++)
        {
            int s = nodes[c].Parent;
            if (s >= 0 && oldest[c] != oldest[s]) pairs.Add((s, oldest[c]));
        }
        pairs.Sort();
        var result = new List<PersistencePair>(pairs.Count + 1);
        foreach (var (d, b) in pairs)
            result.Add(new PersistencePair(nodes[b].Point, nodes[d].Point, nodes[b].Value, nodes[d].Value));
        if (nodes.Length > 0)
        {
            var root = nodes[^1];
            var global = nodes[oldest[root.Id]];
            result.Add(new PersistencePair(global.Point, root.Point, global.Value, root.Value, IsEssential: true));
        }
        return new PersistenceDiagram(tree.Filtration, result);
    }

    /// <summary>Which filtration the pairs come from.</summary>
    public Filtration Filtration { get; }

    /// <summary>All pairs, the essential one last.</summary>
    public IReadOnlyList<PersistencePair> Pairs => _pairs;

    /// <summary>The pairs that die (everything but the essential class).</summary>
    public IEnumerable<PersistencePair> FinitePairs => _pairs.Where(p => !p.IsEssential);

    /// <summary>The essential pairs (one per connected component of the grid: exactly one for a grid).</summary>
    public IEnumerable<PersistencePair> EssentialPairs => _pairs.Where(p => p.IsEssential);

    /// <summary>The persistence of every pair, in pair order.</summary>
    public double[] Persistences() => _pairs.Select(p => p.Persistence).ToArray();

    /// <summary>The barcode: (birth value, death value) intervals in pair order (essential last).</summary>
    public (double Birth, double Death)[] Barcode() => _pairs.Select(p => (p.BirthValue, p.DeathValue)).ToArray();

    /// <summary>The diagram without pairs whose persistence is below <paramref name="threshold"/> (essential kept).</summary>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is negative or NaN.</exception>
    public PersistenceDiagram Simplify(double threshold)
    {
        if (!(threshold >= 0))
            throw new ArgumentException($"threshold must be ≥ 0 (got {threshold}).", nameof(threshold));
        return new PersistenceDiagram(Filtration, _pairs.Where(p => p.IsEssential || p.Persistence >= threshold));
    }
}
