namespace Landscaper.Topology;

/// <summary>Distances between persistence diagrams: bottleneck and 1-Wasserstein, both exact.</summary>
/// <remarks>
/// <para>Points are (birth, death) with the L∞ ground distance; a point may instead be matched to the diagonal at
/// cost |death − birth| / 2. Both diagrams are augmented with the other's diagonal projections, giving a square
/// (n+m)×(n+m) matrix: point–point = L∞ distance, point–diagonal slot = its distance to the diagonal,
/// diagonal–diagonal = 0.</para>
/// <para>Essential pairs are matched among themselves by sorted birth value (cost |Δbirth|); if the diagrams have a
/// different number of essential pairs the distance is +∞.</para>
/// </remarks>
public static class PersistenceDistance
{
    /// <summary>1-Wasserstein distance: minimum total cost of a matching (Hungarian algorithm on the augmented matrix).</summary>
    public static double Wasserstein(PersistenceDiagram a, PersistenceDiagram b)
    {
        var (cost, _) = AugmentedCosts(a, b);
        double essential = EssentialCost(a, b, out _);
        if (double.IsInfinity(essential)) return double.PositiveInfinity;
        return AssignmentProblem.Solve(cost).Cost + essential;
    }

    /// <summary>Bottleneck distance: the smallest t such that a perfect matching uses only costs ≤ t (binary search
    /// over the candidate costs, each tested by bipartite matching).</summary>
    public static double Bottleneck(PersistenceDiagram a, PersistenceDiagram b)
    {
        var (cost, size) = AugmentedCosts(a, b);
        EssentialCost(a, b, out double essentialMax);
        if (double.IsInfinity(essentialMax)) return double.PositiveInfinity;
        if (size == 0) return essentialMax;
        var candidates = new double[size * size];
        int c = 0;
        foreach (var x in cost) candidates[c++] = x;
        Array.Sort(candidates);
        int lo = 0, hi = candidates.Length - 1; // candidates[hi] always admits a perfect matching
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (BipartiteMatching.HasPerfectMatching(cost, candidates[mid])) hi = mid; else lo = mid + 1;
        }
        return Math.Max(candidates[lo], essentialMax);
    }

    /// <summary>L∞ distance of a pair to the diagonal: |death − birth| / 2.</summary>
    public static double DiagonalDistance(PersistencePair p) => p.Persistence / 2;

    /// <summary>L∞ distance between two pairs in the (birth, death) plane.</summary>
    public static double GroundDistance(PersistencePair p, PersistencePair q)
        => Math.Max(Math.Abs(p.BirthValue - q.BirthValue), Math.Abs(p.DeathValue - q.DeathValue));

    /// <summary>The augmented square cost matrix of the finite pairs (rows: a's points then b's diagonal slots;
    /// columns: b's points then a's diagonal slots).</summary>
    public static (double[,] Cost, int Size) AugmentedCosts(PersistenceDiagram a, PersistenceDiagram b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var pa = a.FinitePairs.ToArray();
        var pb = b.FinitePairs.ToArray();
        int n = pa.Length, m = pb.Length, size = n + m;
        var cost = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                cost[i, j] = (i < n, j < m) switch
                {
                    (true, true) => GroundDistance(pa[i], pb[j]),
                    (true, false) => DiagonalDistance(pa[i]),
                    (false, true) => DiagonalDistance(pb[j]),
                    _ => 0,
                };
        return (cost, size);
    }

    private static double EssentialCost(PersistenceDiagram a, PersistenceDiagram b, out double max)
    {
        var ea = a.EssentialPairs.Select(p => p.BirthValue).Order().ToArray();
        var eb = b.EssentialPairs.Select(p => p.BirthValue).Order().ToArray();
        max = 0;
        if (ea.Length != eb.Length) { max = double.PositiveInfinity; return double.PositiveInfinity; }
        double sum = 0;
        for (int i = 0; i < ea.Length; i++) { double d = Math.Abs(ea[i] - eb[i]); sum += d; max = Math.Max(max, d); }
        return sum;
    }
}
