using Landscaper.ParameterSpace;
using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>Eigenpairs of a symmetric operator found by an iterative solver (immutable).</summary>
/// <param name="Method">"lanczos" or "power".</param>
/// <param name="Eigenvalues">Eigenvalues in the order found: for Lanczos descending (largest) or ascending (most
/// negative first); for power iteration in deflation order (largest magnitude first).</param>
/// <param name="Residuals">‖Av − λv‖ per pair for the unit-norm returned vector v, measured with a true product
/// (absolute; for a Hessian in loss units per parameter unit²).</param>
/// <param name="Vectors">Unit-norm eigenvectors as flat float64 tensors on the operator's device, in the operator's
/// coordinate order (for a network operator: <see cref="ParameterSelection.Flatten"/> order).</param>
/// <param name="Hvps">Operator products this call used (including residual checks).</param>
/// <param name="Seconds">Wall-clock time of the call.</param>
/// <param name="Converged">Whether every pair met the tolerance within the iteration limits.</param>
/// <param name="Iterations">Power: iterations per pair; Lanczos: new basis vectors per (re)start.</param>
public sealed record EigenResult(string Method, IReadOnlyList<double> Eigenvalues, IReadOnlyList<double> Residuals,
    IReadOnlyList<Tensor> Vectors, long Hvps, double Seconds, bool Converged, IReadOnlyList<int> Iterations)
{
    /// <summary>Residual of pair i relative to |λ_i| (∞ when λ_i = 0).</summary>
    public double RelativeResidual(int i) => Residuals[i] / Math.Abs(Eigenvalues[i]);

    /// <summary>The eigenvectors as directions on <paramref name="selection"/> (in the parameters' dtype and device), named
    /// after their eigenvalues ("λ1 = …").</summary>
    /// <param name="selection">The parameters of the operator the vectors came from.</param>
    /// <param name="kind">The direction set's kind.</param>
    /// <exception cref="ArgumentException">The vectors' length is not the selection's parameter count.</exception>
    public DirectionSet ToDirectionSet(ParameterSelection selection, string kind = "hessian")
    {
        ArgumentNullException.ThrowIfNull(selection);
        var names = Eigenvalues.Select((v, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"λ{i + 1} = {v:G6}")).ToArray();
        return FlatVectors.ToDirectionSet(selection, Vectors, names, kind);
    }
}
