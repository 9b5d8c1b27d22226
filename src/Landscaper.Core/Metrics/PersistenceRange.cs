using Landscaper.Topology;
namespace Landscaper.Metrics;

/// <summary>The Python package's <c>persistence_range</c>.</summary>
public static class PersistenceRange
{
    /// <summary>Largest minus smallest persistence over all extrema: elder-rule persistences of the minima (sublevel
    /// diagram) and maxima (superlevel diagram), the global minimum and maximum each counting max f − min f (their
    /// essential pairs).</summary>
    /// <exception cref="ArgumentException">A diagram is of the wrong filtration.</exception>
    public static double Of(PersistenceDiagram minima, PersistenceDiagram maxima)
    {
        ArgumentNullException.ThrowIfNull(minima);
        ArgumentNullException.ThrowIfNull(maxima);
        if (minima.Filtration != Filtration.Sublevel) throw new ArgumentException("Expected the sublevel diagram.", nameof(minima));
        if (maxima.Filtration != Filtration.Superlevel) throw new ArgumentException("Expected the superlevel diagram.", nameof(maxima));
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var p in minima.Pairs.Concat(maxima.Pairs)) { lo = Math.Min(lo, p.Persistence); hi = Math.Max(hi, p.Persistence); }
        return double.IsFinite(lo) ? hi - lo : 0;
    }
}
