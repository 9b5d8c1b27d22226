using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>
/// A symmetric linear operator A on ℝⁿ, seen only through products y = A x: the one thing the eigen solvers
/// (<see cref="Lanczos"/>, <see cref="PowerIteration"/>), the trace estimators (<see cref="TraceEstimator"/>) and the
/// spectral density (<see cref="StochasticLanczosQuadrature"/>) need. Implementations: <see cref="HessianOperator"/>
/// (∇²L by double backward), <see cref="GaussNewtonOperator"/> (the generalised Gauss–Newton matrix JᵀH_zJ) and
/// <see cref="DenseSymmetricOperator"/> (an explicit matrix, e.g. with a planted spectrum for tests).
/// </summary>
/// <remarks>Vectors are flat float64 tensors of length <see cref="Dimension"/> on <see cref="Device"/>; an operator may
/// compute in a lower precision (<see cref="DType"/>) and converts. Symmetry is the caller's contract: the solvers
/// assume xᵀAy = yᵀAx, and check it where it matters (Lanczos measures true residuals).</remarks>
public interface ISymmetricOperator
{
    /// <summary>Dimension n.</summary>
    long Dimension { get; }

    /// <summary>Precision the products are computed in (e.g. float32 for a float32 network).</summary>
    ScalarType DType { get; }

    /// <summary>Device the vectors live on (solvers keep their bases there).</summary>
    Device Device { get; }

    /// <summary>Products computed so far (one per <see cref="Apply"/>).</summary>
    long Products { get; }

    /// <summary>y = A x.</summary>
    /// <param name="vector">One-dimensional float64 tensor of length <see cref="Dimension"/> on <see cref="Device"/>.</param>
    /// <returns>A new float64 tensor of length <see cref="Dimension"/> on <see cref="Device"/>; the caller owns it.</returns>
    /// <exception cref="ArgumentException">Wrong shape, dtype or device.</exception>
    Tensor Apply(Tensor vector);
}
