using System.Diagnostics;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Hessian;

/// <summary>
/// Power iteration with deflation, compatible with the reference package: for each eigenpair a random start vector,
/// orthogonalised against the eigenvectors found so far before every product, iterated until the Rayleigh quotient's
/// relative change drops below the tolerance (or another <see cref="PowerStopRule"/>), at most MaxIterations products
/// per pair. Converges to the eigenvalues of largest magnitude.
/// </summary>
public static class PowerIteration
{
    /// <summary>The <paramref name="count"/> eigenpairs of largest magnitude, in deflation order.</summary>
    /// <param name="op">Any symmetric operator (Hessian, Gauss–Newton, dense matrix).</param>
    /// <param name="count">Number of eigenpairs (1 ≤ count ≤ dimension).</param>
    /// <param name="options">Tolerance (1e-3), max iterations (100), stopping rule, seed.</param>
    /// <returns>Eigenvalues (the last Rayleigh quotient), unit vectors, residuals ‖Hv − λv‖ from the last product,
    /// products used, wall time and iterations per pair.</returns>
    /// <exception cref="ArgumentOutOfRangeException">count or an option is out of range.</exception>
    /// <exception cref="HessianException">From the operator.</exception>
    public static EigenResult TopEigenpairs(ISymmetricOperator op, int count, PowerIterationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new PowerIterationOptions();
        long n = op.Dimension;
        if (count < 1 || count > n) throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in [1, {n}] (the operator dimension).");
        if (!(options.Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.Tolerance, "Tolerance must be > 0.");
        if (options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxIterations, "MaxIterations must be ≥ 1.");
        var sw = Stopwatch.StartNew();
        long before = op.Products;
        var gen = new Generator((ulong)options.Seed, device: CPU);
        var values = new List<double>();
        var residuals = new List<double>();
        var iterations = new List<int>();
        var found = new List<Tensor>();
        bool allConverged = true;
        using (var scope = NewDisposeScope())
        {
            for (int k = 0; k < count; k++)
            {
                Tensor? basis = found.Count == 0 ? null : stack(found.ToArray());
                var v = FlatVectors.RandomUnit(n, gen).to(op.Device);
                double? previous = null;
                double lambda = 0, residual = double.NaN;
                bool converged = false;
                int it = 0;
                Tensor current = v;
                while (it < options.MaxIterations)
                {
                    using var inner = NewDisposeScope();
                    var u = FlatVectors.Orthogonalize(v, basis);
                    u = u / u.norm();
                    var hv = op.Apply(u);
                    it++;
                    lambda = FlatVectors.Dot(hv, u);
                    residual = FlatVectors.Norm(hv - lambda * u);
                    // Keep only the latest iterate alive (memory stays O(n) per pair, not O(n · iterations)).
                    if (!ReferenceEquals(current, v)) current.Dispose();
                    current = u.MoveToOuterDisposeScope();
                    double hvNorm = FlatVectors.Norm(hv);
                    // The residual rule uses the deflated operator P H P (P projects out the pairs found so far): the true
                    // residual of a later pair cannot drop below the earlier pairs' residuals, ‖uᵀ_j H v‖ = |r_jᵀ v|.
                    converged = options.Rule == PowerStopRule.RayleighChange
                        ? previous is { } p && Math.Abs(p - lambda) / (Math.Abs(p) + 1e-6) < options.Tolerance
                        : FlatVectors.Norm(FlatVectors.Orthogonalize(hv, basis) - lambda * u) <= options.Tolerance * Math.Abs(lambda);
                    if (converged || hvNorm == 0) { converged |= hvNorm == 0; break; }
                    previous = lambda;
                    v.Dispose();
                    v = (hv / hvNorm).MoveToOuterDisposeScope();
                }
                allConverged &= converged;
                values.Add(lambda);
                residuals.Add(residual);
                iterations.Add(it);
                found.Add(current);
            }
            foreach (var f in found) f.DetachFromDisposeScope();
        }
        sw.Stop();
        return new EigenResult("power", values, residuals, found, op.Products - before, sw.Elapsed.TotalSeconds, allConverged, iterations);
    }
}
