using Landscaper.Hessian;

namespace Landscaper.Experiments;

/// <summary>Settings of <see cref="MultiScaleAnalysis.Run"/>. Immutable; use <c>with</c> to vary.</summary>
/// <param name="TopK">Hessian eigenpairs computed by Lanczos (≥ 2; ≥ 3 when <paramref name="Steps3D"/> &gt; 0).</param>
/// <param name="Steps2D">Grid points per axis of the landscapes in the top-2 eigen-directions (≥ 3).</param>
/// <param name="Steps3D">Grid points per axis of the landscapes in the top-3 eigen-directions (≥ 3), or 0 for none.</param>
/// <param name="Distances">Half-widths of the grids in the Python package's scaling (<see cref="Sampling.SamplingScale.PythonCompatible"/>:
/// relative to ‖θ‖); every landscape is sampled at each of them. At least one, each finite and &gt; 0, no repeats.</param>
/// <param name="TraceBudget">Hessian-vector products spent by Hutch++ on the trace (≥ 6).</param>
/// <param name="PersistenceFraction">A minimum counts as significant above this fraction of the persistence range ([0, 1]).</param>
/// <param name="Lanczos">Lanczos settings; its seed is replaced by <paramref name="Seed"/>.</param>
/// <param name="Seed">Seed of the Lanczos start vector and the Hutch++ probes.</param>
/// <param name="Steps3DDistances">The distances at which the 3-D landscapes are sampled (each one of <paramref name="Distances"/>), or
/// null for all of them (3-D grids cost Steps3D³ points each).</param>
public sealed record MultiScaleAnalysisOptions(int TopK, int Steps2D, int Steps3D, IReadOnlyList<double> Distances, int TraceBudget = 30,
    double PersistenceFraction = 0.1, LanczosOptions? Lanczos = null, int Seed = 0, IReadOnlyList<double>? Steps3DDistances = null)
{
    /// <summary>The distances at which landscapes of <paramref name="dimensions"/> axes are sampled (none when that grid is switched off).</summary>
    public IReadOnlyList<double> DistancesFor(int dimensions) => dimensions switch
    {
        2 => Distances,
        3 => Steps3D == 0 ? [] : Steps3DDistances ?? Distances,
        _ => [],
    };

    /// <summary>The default distances: 0.5 (the convention of notebook 02 and the Python package) and 0.1 (a closer look at the basin).</summary>
    public static IReadOnlyList<double> DefaultDistances { get; } = [0.5, 0.1];

    /// <summary>Checks every field; throws naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    /// <exception cref="ArgumentException">No distances, or a repeated one.</exception>
    public void Validate(string paramName = "options")
    {
        if (TopK < 2) throw new ArgumentOutOfRangeException(paramName, TopK, "TopK must be ≥ 2.");
        if (Steps2D < 3) throw new ArgumentOutOfRangeException(paramName, Steps2D, "Steps2D must be ≥ 3.");
        if (Steps3D != 0 && Steps3D < 3) throw new ArgumentOutOfRangeException(paramName, Steps3D, "Steps3D must be 0 or ≥ 3.");
        if (Steps3D > 0 && TopK < 3) throw new ArgumentOutOfRangeException(paramName, TopK, "TopK must be ≥ 3 when a 3-D landscape is asked for.");
        ArgumentNullException.ThrowIfNull(Distances, paramName);
        if (Distances.Count == 0) throw new ArgumentException("At least one distance is needed.", paramName);
        foreach (double d in Distances)
            if (!(d > 0) || !double.IsFinite(d)) throw new ArgumentOutOfRangeException(paramName, d, "Every distance must be finite and > 0.");
        if (Distances.Distinct().Count() != Distances.Count) throw new ArgumentException("A distance is listed twice.", paramName);
        if (Steps3DDistances is { } d3 && (d3.Count == 0 || d3.Distinct().Count() != d3.Count || d3.Any(d => !Distances.Contains(d))))
            throw new ArgumentException("Steps3DDistances must be distinct members of Distances (or null for all).", paramName);
        if (TraceBudget < 6) throw new ArgumentOutOfRangeException(paramName, TraceBudget, "TraceBudget must be ≥ 6.");
        if (!(PersistenceFraction >= 0 && PersistenceFraction <= 1))
            throw new ArgumentOutOfRangeException(paramName, PersistenceFraction, "PersistenceFraction must be in [0, 1].");
    }
}
