namespace Landscaper.Topology;

/// <summary>A 0-dimensional persistence pair: a component born at an extremum and killed at a saddle.</summary>
/// <param name="Birth">Flat index of the extremum (minimum for sublevel, maximum for superlevel).</param>
/// <param name="Death">Flat index of the saddle where the component merges into an older one; for the essential
/// class, the last point of the filtration (the global maximum of a sublevel filtration).</param>
/// <param name="BirthValue">Value at <paramref name="Birth"/>.</param>
/// <param name="DeathValue">Value at <paramref name="Death"/>.</param>
/// <param name="IsEssential">True for the one component that never dies (the global extremum); its persistence is
/// reported as max f − min f, like the Python package.</param>
public readonly record struct PersistencePair(int Birth, int Death, double BirthValue, double DeathValue, bool IsEssential = false)
{
    /// <summary>|death value − birth value| (≥ 0 for both filtrations).</summary>
    public double Persistence => Math.Abs(DeathValue - BirthValue);
}
