namespace Landscaper.Experiments;

/// <summary>Curvature and landscape topology of a model at one point of parameter space (immutable; from
/// <see cref="CheckpointAnalysis.Run"/>).</summary>
/// <param name="Eigenvalues">The top-k Hessian eigenvalues, descending (λ₁ = λ_max first).</param>
/// <param name="Residuals">‖Hv − λv‖ per eigenpair (measured).</param>
/// <param name="EigenConverged">Whether Lanczos met its tolerance for every pair.</param>
/// <param name="LanczosHvps">Hessian-vector products used by Lanczos (residual checks included).</param>
/// <param name="Trace">Hutch++ estimate of tr(H).</param>
/// <param name="TraceStderr">Standard error of the stochastic part of <paramref name="Trace"/>.</param>
/// <param name="TraceHvps">Hessian-vector products used by Hutch++.</param>
/// <param name="Landscape2D">Landscape in the top-2 eigen-directions and its topology.</param>
/// <param name="Landscape3D">Landscape in the top-3 eigen-directions, or null when not asked for.</param>
/// <param name="Seconds">Wall time of the whole analysis.</param>
public sealed record CheckpointAnalysisResult(IReadOnlyList<double> Eigenvalues, IReadOnlyList<double> Residuals, bool EigenConverged,
    long LanczosHvps, double Trace, double TraceStderr, long TraceHvps, LandscapeSummary Landscape2D, LandscapeSummary? Landscape3D, double Seconds)
{
    /// <summary>The largest eigenvalue λ₁.</summary>
    public double LambdaMax => Eigenvalues[0];

    /// <summary>All Hessian-vector products used.</summary>
    public long Hvps => LanczosHvps + TraceHvps;
}
