using System.Globalization;
using Landscaper.Topology;

namespace Landscaper.Metrics;

/// <summary>
/// Basin entropy: the Shannon entropy, in nats, of how the grid is shared among the steepest-descent basins of the
/// minima, H = −Σ_i p_i ln p_i with p_i = |B_i| / N (N grid points, |B_i| points in basin i, i.e.
/// <see cref="TopologyAnalysis.UnstableManifolds"/>' <see cref="Basins.Sizes"/>).
/// </summary>
/// <remarks>
/// <para><b>Units and range.</b> Nats (natural logarithm), dimensionless. 0 exactly when the landscape is one basin;
/// at most ln k for k basins, with equality when all k basins have the same number of points. e^H is the "effective
/// number of basins".</para>
/// <para><b>Persistence filter.</b> With <see cref="PersistenceFraction"/> = φ &gt; 0, the basin of a minimum whose
/// elder-rule persistence is below τ = φ · (max f − min f) is merged into the basin of the minimum it merges into at its
/// death saddle (the oldest minimum of the other component, following that one's own merge when it is itself below τ),
/// before the entropy is taken. The surviving minima are exactly the leaves of <see cref="MergeTree.Simplify"/>(τ), and
/// each merged basin is the union of whole steepest-descent basins. φ = 0 merges nothing; φ &gt; 1 merges everything
/// (H = 0). Raising φ only merges more, so H never increases with φ.</para>
/// <para><b>Invariances.</b> Unchanged by adding a constant to f or multiplying it by a positive factor (both variants:
/// the threshold is relative to the value range). Unlike SMAD, the unfiltered entropy depends on the values only through
/// the steepest-descent basins; on grids where every neighbour step has the same normalised length (axis connectivity,
/// the same number of points on every axis) it is unchanged by any strictly increasing transform of f (e.g. loss vs
/// log-loss).</para>
/// <para><b>Conventions.</b> Basins follow the analysis' connectivity and the total order of <see cref="Filtration"/>
/// (ties by flat index); basin sizes count grid points, so values depend on the grid resolution and on how much of the
/// domain the boundary basins cover: compare landscapes sampled on the same grid.</para>
/// </remarks>
/// <param name="PersistenceFraction">φ ≥ 0: basins of minima with persistence below φ · (max f − min f) are merged
/// (0 = no filter).</param>
public sealed record BasinEntropy(double PersistenceFraction = 0) : ITopologicalMetric
{
    /// <inheritdoc />
    /// <remarks><c>basin_entropy</c>, or <c>basin_entropy(φ)</c> with a persistence filter.</remarks>
    public string Name => PersistenceFraction == 0 ? "basin_entropy"
        : string.Create(CultureInfo.InvariantCulture, $"basin_entropy({PersistenceFraction:R})");

    /// <inheritdoc />
    /// <returns>The entropy in nats (≥ 0).</returns>
    /// <exception cref="ArgumentException"><see cref="PersistenceFraction"/> is negative, NaN or infinite.</exception>
    public double Compute(TopologyAnalysis analysis) => Of(MergedBasinSizes(analysis, PersistenceFraction));

    /// <summary>Shannon entropy (nats) of the distribution <c>sizes[i] / Σ sizes</c>; empty parts contribute 0.</summary>
    /// <param name="sizes">Non-negative counts, at least one positive (e.g. basin sizes).</param>
    /// <exception cref="ArgumentException">A negative count, or no positive count.</exception>
    public static double Of(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        long total = 0;
        foreach (int s in sizes)
        {
            if (s < 0) throw new ArgumentException($"Counts must be ≥ 0 (got {s}).", nameof(sizes));
            total += s;
        }
        if (total == 0) throw new ArgumentException("At least one count must be positive.", nameof(sizes));
        double h = 0;
        foreach (int s in sizes)
        {
            if (s == 0) continue;
            double p = (double)s / total;
            h -= p * Math.Log(p);
        }
        return h;
    }

    /// <summary>The point counts of the basins after the persistence filter: one entry per surviving minimum (minima
    /// whose elder-rule persistence is at least τ = <paramref name="persistenceFraction"/> · (max f − min f), and the
    /// global minimum), in filtration order; each is the total size of the steepest-descent basins merged into it.</summary>
    /// <param name="analysis">The analysed landscape.</param>
    /// <param name="persistenceFraction">φ ≥ 0 (0: the basin sizes as they are).</param>
    /// <exception cref="ArgumentException"><paramref name="persistenceFraction"/> is negative, NaN or infinite.</exception>
    public static int[] MergedBasinSizes(TopologyAnalysis analysis, double persistenceFraction)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!(persistenceFraction >= 0) || double.IsInfinity(persistenceFraction))
            throw new ArgumentException($"The persistence fraction must be finite and ≥ 0 (got {persistenceFraction}).", nameof(persistenceFraction));
        var basins = analysis.UnstableManifolds;
        if (persistenceFraction == 0) return basins.Sizes.ToArray();

        double threshold = persistenceFraction * analysis.ValueRange;
        var nodes = analysis.SublevelTree.NodeArray;
        var oldest = ElderRule.OldestLeaves(nodes);
        // Leaves in id (filtration) order: a leaf merges into the oldest leaf of the saddle where its branch dies, which is
        // older (smaller id), so its group is already known.
        var group = new int[nodes.Length];
        var sizes = new Dictionary<int, int>();
        for (int leaf = 0; leaf < nodes.Length; leaf++)
        {
            if (!nodes[leaf].IsLeaf) continue;
            int top = leaf;
            while (nodes[top].Parent >= 0 && oldest[nodes[top].Parent] == leaf) top = nodes[top].Parent;
            int death = nodes[top].Parent;   // −1: the essential branch of the global minimum
            bool merged = death >= 0 && nodes[death].Value - nodes[leaf].Value < threshold;
            group[leaf] = merged ? group[oldest[death]] : leaf;
            int size = basins.SizeOfBasinAt(nodes[leaf].Point);
            sizes[group[leaf]] = sizes.GetValueOrDefault(group[leaf]) + size;
        }
        return sizes.OrderBy(kv => kv.Key).Select(kv => kv.Value).ToArray();
    }
}
