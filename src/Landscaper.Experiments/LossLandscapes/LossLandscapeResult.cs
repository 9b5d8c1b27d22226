using Landscaper.Frames;
using Landscaper.Metrics;
using Landscaper.ParameterSpace;
using Landscaper.Profiles;

namespace Landscaper.LossLandscapes;

/// <summary>Everything <see cref="LossLandscape.Analyze"/> found for one model at its current parameters θ0.</summary>
/// <param name="Parameters">Number of parameters (the dimension of parameter space).</param>
/// <param name="Loss">Loss at θ0 on the analysis batches (mean over samples).</param>
/// <param name="ThetaNorm">‖θ0‖ (L2 over all parameters).</param>
/// <param name="Eigenvalues">Top Hessian eigenvalues, largest first.</param>
/// <param name="Residuals">‖H v − λ v‖ of each eigenpair.</param>
/// <param name="EigenConverged">Whether every eigenpair met the solver's tolerance.</param>
/// <param name="HessianVectorProducts">Products the eigen-solver used.</param>
/// <param name="Trace">Hutch++ estimate of tr H (NaN when skipped).</param>
/// <param name="TraceError">Its standard error (NaN when skipped).</param>
/// <param name="Directions">The directions spanning the landscapes (top-k eigenvectors or random directions; reuse them to sample more).</param>
/// <param name="Landscapes">The sampled landscapes, by increasing dimension.</param>
/// <param name="Profile">The 2-D scale profile (one point per radius; empty when not asked for).</param>
/// <param name="Seconds">Total wall-clock time.</param>
public sealed record LossLandscapeResult(long Parameters, double Loss, double ThetaNorm, double[] Eigenvalues, double[] Residuals, bool EigenConverged,
    long HessianVectorProducts, double Trace, double TraceError, DirectionSet Directions, IReadOnlyList<AnalyzedLandscape> Landscapes,
    IReadOnlyList<ScalePoint> Profile, double Seconds)
{
    /// <summary>The landscape of <paramref name="dimensions"/> dimensions.</summary>
    /// <exception cref="KeyNotFoundException">None was sampled.</exception>
    public AnalyzedLandscape this[int dimensions] => Landscapes.FirstOrDefault(l => l.Dimensions == dimensions)
        ?? throw new KeyNotFoundException($"No {dimensions}-D landscape was sampled (sampled: {string.Join(", ", Landscapes.Select(l => l.Dimensions + "-D"))}).");

    /// <summary>One row per landscape: dimensions, grid, radius, minima, value range and time, then every metric of
    /// <see cref="TopologicalMetric.Standard"/> (SMAD in three variants, persistence range, total persistence, basin
    /// entropy, …) under its name.</summary>
    public Table<AnalyzedLandscape> Summary() => new(Landscapes,
    [
        Column<AnalyzedLandscape>.Of("dimensions", l => l.Dimensions),
        Column<AnalyzedLandscape>.Of("steps", l => l.Steps),
        Column<AnalyzedLandscape>.Of("points", l => l.Landscape.Count),
        Column<AnalyzedLandscape>.Of("radius", l => l.Radius),
        Column<AnalyzedLandscape>.Of("minima", l => l.Minima),
        Column<AnalyzedLandscape>.Of("value_range", l => l.Topology.ValueRange),
        Column<AnalyzedLandscape>.Of("seconds", l => l.Seconds),
        .. TopologicalMetric.Standard.Select(m => Column<AnalyzedLandscape>.Of(m.Name, l => m.Compute(l.Topology))),
    ]);

    /// <summary>One row per radius of the scale profile: radius, half-width in parameter units, minima, SMAD (three
    /// variants), total persistence and value range.</summary>
    public Table<ScalePoint> ProfileTable() => new(Profile,
    [
        Column<ScalePoint>.Of("radius", p => p.Radius),
        Column<ScalePoint>.Of("half_width", p => p.HalfWidth),
        Column<ScalePoint>.Of("minima", p => p.Minima),
        Column<ScalePoint>.Of("smad", p => p.Smad.Plain),
        Column<ScalePoint>.Of("smad_normalized", p => p.Smad.Normalized),
        Column<ScalePoint>.Of("smad_weighted", p => p.Smad.Weighted),
        Column<ScalePoint>.Of("total_persistence", p => p.TotalPersistence),
        Column<ScalePoint>.Of("value_range", p => p.ValueRange),
    ]);
}
