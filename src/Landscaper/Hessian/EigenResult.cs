using Landscaper.Directions;

namespace Landscaper.Hessian;

/// <summary>Eigenpairs of a Hessian found by an iterative solver (immutable).</summary>
/// <param name="Method">"lanczos" or "power".</param>
/// <param name="Eigenvalues">Eigenvalues in the order found: for Lanczos descending (largest) or ascending (most
/// negative first); for power iteration in deflation order (largest magnitude first).</param>
/// <param name="Residuals">‖Hv − λv‖ per pair for the unit-norm returned vector v, measured with a true
/// Hessian-vector product (absolute, in loss units per parameter unit²).</param>
/// <param name="Eigenvectors">Unit-norm eigenvectors as a direction set aligned with the operator's parameters (in the
/// parameters' dtype), named after their eigenvalues.</param>
/// <param name="Hvps">Hessian-vector products this call used (including residual checks).</param>
/// <param name="Seconds">Wall-clock time of the call.</param>
/// <param name="Converged">Whether every pair met the tolerance within the iteration limits.</param>
/// <param name="Iterations">Power: iterations per pair; Lanczos: Krylov steps per (re)start.</param>
public sealed record EigenResult(string Method, IReadOnlyList<double> Eigenvalues, IReadOnlyList<double> Residuals,
    DirectionSet Eigenvectors, long Hvps, double Seconds, bool Converged, IReadOnlyList<int> Iterations)
{
    /// <summary>Residual of pair i relative to |λ_i| (∞ when λ_i = 0).</summary>
    public double RelativeResidual(int i) => Residuals[i] / Math.Abs(Eigenvalues[i]);
}
