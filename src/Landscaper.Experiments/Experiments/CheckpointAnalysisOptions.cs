using Landscaper.Hessian;
using TorchSharp;

namespace Landscaper.Experiments;

/// <summary>Settings of <see cref="CheckpointAnalysis.Run"/>. Immutable; use <c>with</c> to vary.</summary>
/// <param name="TopK">Hessian eigenpairs computed by Lanczos (≥ 2: the 2-D landscape needs two directions; ≥ 3 when
/// <paramref name="Steps3D"/> &gt; 0).</param>
/// <param name="Steps2D">Grid points per axis of the landscape in the top-2 eigen-directions (≥ 3).</param>
/// <param name="Steps3D">Grid points per axis of the landscape in the top-3 eigen-directions (≥ 3), or 0 to skip it.</param>
/// <param name="Distance">Half-width of every grid axis, in the Python package's scaling
/// (<see cref="Sampling.SamplingScale.PythonCompatible"/>: relative to ‖θ‖). Finite and &gt; 0.</param>
/// <param name="TraceBudget">Hessian-vector products spent by Hutch++ on the trace (≥ 6).</param>
/// <param name="PersistenceFraction">A minimum counts as significant when its persistence is above this fraction of
/// the landscape's persistence range (in [0, 1]).</param>
/// <param name="Lanczos">Lanczos settings (tolerance, basis size, restarts); its seed is replaced by <paramref name="Seed"/>.</param>
/// <param name="Seed">Seed of the Lanczos start vector and the Hutch++ probes.</param>
public sealed record CheckpointAnalysisOptions(
    int TopK = 3,
    int Steps2D = 21,
    int Steps3D = 0,
    double Distance = 0.5,
    int TraceBudget = 30,
    double PersistenceFraction = 0.1,
    LanczosOptions? Lanczos = null,
    int Seed = 0)
{
    /// <summary>Checks every field; throws naming the first bad one.</summary>
    /// <param name="paramName">Name reported in the exception (the caller's argument).</param>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public void Validate(string paramName = "options")
    {
        if (TopK < 2) throw new ArgumentOutOfRangeException(paramName, TopK, "TopK must be ≥ 2 (the 2-D landscape uses the top two eigenvectors).");
        if (Steps2D < 3) throw new ArgumentOutOfRangeException(paramName, Steps2D, "Steps2D must be ≥ 3.");
        if (Steps3D != 0 && Steps3D < 3) throw new ArgumentOutOfRangeException(paramName, Steps3D, "Steps3D must be 0 (no 3-D landscape) or ≥ 3.");
        if (Steps3D > 0 && TopK < 3) throw new ArgumentOutOfRangeException(paramName, TopK, "TopK must be ≥ 3 when a 3-D landscape is asked for.");
        if (!(Distance > 0) || !double.IsFinite(Distance)) throw new ArgumentOutOfRangeException(paramName, Distance, "Distance must be finite and > 0.");
        if (TraceBudget < 6) throw new ArgumentOutOfRangeException(paramName, TraceBudget, "TraceBudget must be ≥ 6.");
        if (!(PersistenceFraction >= 0 && PersistenceFraction <= 1))
            throw new ArgumentOutOfRangeException(paramName, PersistenceFraction, "PersistenceFraction must be in [0, 1].");
    }
}
