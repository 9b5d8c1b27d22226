using Landscaper.Topology;
namespace Landscaper.Metrics;

/// <summary>Saddle-minimum average distance in its three variants.</summary>
/// <param name="Plain">Mean over pairs of saddle − minimum (<c>smad()</c>).</param>
/// <param name="Normalized">Mean of the gaps divided by (max f − min f) (<c>smad(normalize=True)</c>).</param>
/// <param name="Weighted">Mean of normalised gap × basin size / point count (<c>smad(normalize=True, weighted=True)</c>).</param>
public sealed record SmadValues(double Plain, double Normalized, double Weighted);

/// <summary>
/// SMAD with exactly the Python package's pairing: every merge-tree arc whose lower end is a minimum and whose upper
/// end is a join saddle gives a pair. Both (all) children of a saddle are paired with it when they are minima; there is
/// no elder rule, and a minimum whose arc ends at the root (or at a saddle through a regular chain of other saddles'
/// arcs) is paired only if its parent is a saddle.
/// </summary>
public static class Smad
{
    /// <summary>The pairs from the sublevel merge tree, ordered by saddle then minimum (filtration order), with the
    /// basin size of each minimum taken from <paramref name="descending"/>.</summary>
    /// <exception cref="ArgumentException">The tree is not a sublevel tree, or the basins are not descending basins.</exception>
    public static IReadOnlyList<SaddleMinimumPair> Pairs(MergeTree sublevelTree, Basins descending)
    {
        ArgumentNullException.ThrowIfNull(sublevelTree);
        ArgumentNullException.ThrowIfNull(descending);
        if (sublevelTree.Filtration != Filtration.Sublevel)
            throw new ArgumentException("SMAD needs the sublevel merge tree.", nameof(sublevelTree));
        if (descending.Filtration != Filtration.Sublevel)
            throw new ArgumentException("SMAD needs descending (minimum) basins.", nameof(descending));
        var nodes = sublevelTree.NodeArray;
        var pairs = new List<(int Saddle, int Minimum)>();
        foreach (var node in nodes)
            if (node.Kind == MergeTreeNodeKind.Minimum && node.Parent >= 0 && nodes[node.Parent].Kind == MergeTreeNodeKind.Saddle)
                pairs.Add((node.Parent, node.Id));
        pairs.Sort();
        var result = new SaddleMinimumPair[pairs.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var s = nodes[pairs[i].Saddle];
            var m = nodes[pairs[i].Minimum];
            result[i] = new SaddleMinimumPair(s.Point, m.Point, s.Value, m.Value, descending.SizeOfBasinAt(m.Point));
        }
        return result;
    }

    /// <summary>The three SMAD variants of <paramref name="pairs"/>; all 0 when there are no pairs.</summary>
    /// <param name="pairs">Saddle-minimum pairs.</param>
    /// <param name="valueRange">max f − min f of the landscape (normalisation). When 0, normalised variants are 0.</param>
    /// <param name="pointCount">Number of grid points (weighting).</param>
    /// <exception cref="ArgumentException"><paramref name="pointCount"/> ≤ 0 or <paramref name="valueRange"/> negative/non-finite.</exception>
    public static SmadValues Compute(IReadOnlyList<SaddleMinimumPair> pairs, double valueRange, int pointCount)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pointCount <= 0) throw new ArgumentException($"pointCount must be positive (got {pointCount}).", nameof(pointCount));
        if (!(valueRange >= 0) || double.IsInfinity(valueRange))
            throw new ArgumentException($"valueRange must be finite and ≥ 0 (got {valueRange}).", nameof(valueRange));
        if (pairs.Count == 0) return new SmadValues(0, 0, 0);
        double plain = 0, weighted = 0;
        foreach (var p in pairs) { plain += p.Gap; weighted += p.Gap * p.BasinSize / pointCount; }
        plain /= pairs.Count;
        weighted /= pairs.Count;
        return valueRange > 0 ? new SmadValues(plain, plain / valueRange, weighted / valueRange) : new SmadValues(plain, 0, 0);
    }
}
