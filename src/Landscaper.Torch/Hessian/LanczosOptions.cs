namespace Landscaper.Hessian;

/// <summary>Which end of the spectrum an eigen solver targets.</summary>
public enum SpectrumEnd
{
    /// <summary>Largest (algebraic) eigenvalues: the sharpest curvature directions.</summary>
    Largest,
    /// <summary>Smallest (most negative) eigenvalues: saddle / negative-curvature directions.</summary>
    Smallest,
}

/// <summary>Options of <see cref="Lanczos.TopEigenpairs"/>.</summary>
/// <param name="Tolerance">A Ritz pair is converged when its residual estimate |β_m s_{m,i}| ≤ Tolerance · max(|θ_i|, 1e-8·‖T‖)
/// (relative residual).</param>
/// <param name="MaxBasis">Largest basis (vectors held at once); capped at the dimension.</param>
/// <param name="MaxRestarts">Thick restarts allowed after a full basis without convergence: each keeps the wanted Ritz
/// vectors plus a buffer of the next ones (a third of the free basis) and the residual direction, so the basis refills
/// from where it stopped.</param>
/// <param name="Which">Spectrum end.</param>
/// <param name="Seed">Seed of the start vector.</param>
/// <param name="MeasureResiduals">Measure ‖Hv − λv‖ of each returned pair with one extra product (true) or report the
/// Lanczos estimate |β_m s_{m,i}| (false; exact in exact arithmetic with full reorthogonalisation). When measured, a
/// residual above 10 × Tolerance × |θ_i| marks the result as not converged (the operator is then not symmetric to
/// working precision).</param>
public sealed record LanczosOptions(double Tolerance = 1e-3, int MaxBasis = 100, int MaxRestarts = 5, SpectrumEnd Which = SpectrumEnd.Largest,
    int Seed = 0, bool MeasureResiduals = true)
{
    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Names the option.</exception>
    public void Validate()
    {
        if (!(Tolerance > 0) || double.IsInfinity(Tolerance)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be a finite number > 0.");
        if (MaxBasis < 1) throw new ArgumentOutOfRangeException(nameof(MaxBasis), MaxBasis, "The basis size must be ≥ 1.");
        if (MaxRestarts < 0) throw new ArgumentOutOfRangeException(nameof(MaxRestarts), MaxRestarts, "The number of restarts must be ≥ 0.");
        if (!Enum.IsDefined(Which)) throw new ArgumentOutOfRangeException(nameof(Which), Which, "Unknown spectrum end.");
    }
}

/// <summary>Options of <see cref="PowerIteration.TopEigenpairs"/>.</summary>
/// <param name="Tolerance">Stopping tolerance (see <paramref name="Rule"/>).</param>
/// <param name="MaxIterations">Products per eigenpair at most (reference: 100).</param>
/// <param name="Rule">Stopping rule: the reference's relative change of the Rayleigh quotient, or the relative residual.</param>
/// <param name="Seed">Seed of the start vectors.</param>
public sealed record PowerIterationOptions(double Tolerance = 1e-3, int MaxIterations = 100, PowerStopRule Rule = PowerStopRule.RayleighChange, int Seed = 0);

/// <summary>When power iteration stops for one eigenpair.</summary>
public enum PowerStopRule
{
    /// <summary>The reference rule: |λ_t − λ_{t−1}| / (|λ_{t−1}| + 1e-6) &lt; tolerance, λ_t = vᵀHv the Rayleigh quotient.</summary>
    RayleighChange,
    /// <summary>‖P(Hv) − λv‖ ≤ tolerance · |λ|, with P the projection orthogonal to the pairs already found (the deflated
    /// operator's residual; for the first pair the same criterion Lanczos uses). The reported residual is the true
    /// ‖Hv − λv‖, which for later pairs also contains the earlier pairs' residual components.</summary>
    RelativeResidual,
}
