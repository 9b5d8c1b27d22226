using Landscaper.Hessian;
using Landscaper.ParameterSpace;

namespace Landscaper.Directions;

/// <summary>Eigenvector methods for building Hessian directions.</summary>
public enum EigenMethod
{
    /// <summary>Lanczos with full reorthogonalisation (<see cref="Lanczos"/>).</summary>
    Lanczos,
    /// <summary>Power iteration with deflation (<see cref="PowerIteration"/>), reference-compatible.</summary>
    Power,
}

/// <summary>Hessian eigenvectors as landscape directions.</summary>
public static class HessianDirections
{
    /// <summary>The eigenvectors of the <paramref name="count"/> largest (Lanczos: algebraic, power: magnitude)
    /// eigenvalues as a unit-norm, mutually orthogonal direction set (kind "hessian").</summary>
    /// <param name="op">A parameter-space operator (Hessian or Gauss–Newton).</param>
    /// <param name="count">Number of directions.</param>
    /// <param name="method">Solver.</param>
    /// <param name="seed">Seed of the solver's start vectors.</param>
    /// <param name="which">Spectrum end (Lanczos only; power iteration always returns the largest magnitudes).</param>
    /// <exception cref="ArgumentException">Smallest eigenvalues requested from power iteration.</exception>
    public static DirectionSet Top(IParameterSpaceOperator op, int count, EigenMethod method = EigenMethod.Lanczos, int seed = 0, SpectrumEnd which = SpectrumEnd.Largest)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (method == EigenMethod.Power && which != SpectrumEnd.Largest)
            throw new ArgumentException("Power iteration finds the largest-magnitude eigenvalues only; use Lanczos for the most negative.", nameof(which));
        var result = method == EigenMethod.Lanczos
            ? Lanczos.TopEigenpairs(op, count, new LanczosOptions(Seed: seed, Which: which))
            : PowerIteration.TopEigenpairs(op, count, new PowerIterationOptions(Seed: seed));
        var set = result.ToDirectionSet(op.Selection);
        foreach (var v in result.Vectors) v.Dispose();
        return set;
    }
}
