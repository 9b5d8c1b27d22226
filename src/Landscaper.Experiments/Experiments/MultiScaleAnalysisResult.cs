namespace Landscaper.Experiments;

/// <summary>Curvature and landscapes of a model at one point of parameter space, at several grid half-widths (immutable; from
/// <see cref="MultiScaleAnalysis.Run"/>).</summary>
/// <param name="Eigenvalues">Top-k Hessian eigenvalues, descending.</param>
/// <param name="Residuals">‖Hv − λv‖ per eigenpair.</param>
/// <param name="EigenConverged">Whether Lanczos met its tolerance for every pair.</param>
/// <param name="LanczosHvps">Hessian-vector products used by Lanczos.</param>
/// <param name="Trace">Hutch++ estimate of tr(H).</param>
/// <param name="TraceStderr">Standard error of the stochastic part of the trace estimate.</param>
/// <param name="TraceHvps">Hessian-vector products used by Hutch++.</param>
/// <param name="Landscapes">Every (dimension, distance) landscape: 2-D for each distance, then 3-D for each distance.</param>
/// <param name="Seconds">Wall time of the analysis.</param>
public sealed record MultiScaleAnalysisResult(IReadOnlyList<double> Eigenvalues, IReadOnlyList<double> Residuals, bool EigenConverged,
    long LanczosHvps, double Trace, double TraceStderr, long TraceHvps, IReadOnlyList<ScaledLandscape> Landscapes, double Seconds)
{
    /// <summary>The largest eigenvalue λ₁.</summary>
    public double LambdaMax => Eigenvalues[0];

    /// <summary>All Hessian-vector products used.</summary>
    public long Hvps => LanczosHvps + TraceHvps;

    /// <summary>The landscape of <paramref name="dimensions"/> axes at half-width <paramref name="distance"/>, or null when it was not sampled.</summary>
    public LandscapeSummary? Landscape(int dimensions, double distance) =>
        Landscapes.FirstOrDefault(l => l.Dimensions == dimensions && l.Distance.Equals(distance))?.Summary;
}
