using System.Diagnostics;
using Landscaper.Directions;
using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>
/// Extreme eigenpairs of a Hessian by the Lanczos method with full reorthogonalisation (float64 Krylov basis and
/// tridiagonal matrix; the small eigenproblem is solved by MathNet), with explicit restarts when the basis limit is
/// reached before convergence.
/// </summary>
public static class Lanczos
{
    /// <summary>The <paramref name="count"/> largest (or most negative) eigenpairs of <paramref name="op"/>.</summary>
    /// <param name="op">The Hessian operator.</param>
    /// <param name="count">Number of eigenpairs (1 ≤ count ≤ dimension).</param>
    /// <param name="options">Tolerance, basis size, spectrum end, seed (defaults when null).</param>
    /// <returns>Ritz values, unit Ritz vectors, residual norms, products used and wall time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">count or an option is out of range.</exception>
    /// <exception cref="HessianException">From the operator (invalid loss, non-finite product).</exception>
    public static EigenResult TopEigenpairs(HessianOperator op, int count, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new LanczosOptions();
        long n = op.Dimension;
        if (count < 1 || count > n) throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in [1, {n}] (the operator dimension).");
        if (!(options.Tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.Tolerance, "Tolerance must be > 0.");
        if (options.MaxBasis < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxBasis, "MaxBasis must be ≥ 1.");
        if (options.MaxRestarts < 0) throw new ArgumentOutOfRangeException(nameof(options), options.MaxRestarts, "MaxRestarts must be ≥ 0.");
        var sw = Stopwatch.StartNew();
        long before = op.Products;
        int capacity = (int)Math.Min(n, Math.Max(options.MaxBasis, count + 1));
        var gen = new Generator((ulong)options.Seed, device: CPU);
        var steps = new List<int>();
        Tensor[] vectors;
        double[] values, residuals;
        bool converged = false;
        using (var scope = NewDisposeScope())
        {
            var start = FlatVectors.RandomUnit(n, gen);
            double[] wanted = [];
            double[] estimates = [];
            Tensor[] ritz = [];
            for (int restart = 0; ; restart++)
            {
                using var process = new LanczosProcess(op.MultiplyFlat, n, capacity, start, gen);
                (double[] Values, Matrix<double> Vectors) evd = ([], Matrix<double>.Build.Dense(1, 1));
                int[] pick = [];
                while (process.Step())
                {
                    if (process.Steps < count) continue;
                    evd = process.Tridiagonal();
                    pick = Pick(evd.Values, count, options.Which);
                    double norm = evd.Values.Max(Math.Abs);
                    double last = process.Beta[^1];
                    bool exhausted = process.Steps == n;
                    converged = pick.All(i =>
                        exhausted || Math.Abs(last * evd.Vectors[process.Steps - 1, i]) <= options.Tolerance * Math.Max(Math.Abs(evd.Values[i]), 1e-8 * norm));
                    if (converged) break;
                }
                steps.Add(process.Steps);
                wanted = pick.Select(i => evd.Values[i]).ToArray();
                estimates = pick.Select(i => Math.Abs(process.Beta[^1] * evd.Vectors[process.Steps - 1, i])).ToArray();
                ritz = pick.Select(i => process.RitzVector(evd.Vectors.Column(i))).ToArray();
                if (converged || restart >= options.MaxRestarts || process.Steps == n) break;
                // Explicit restart from the sum of the wanted Ritz vectors.
                var sum = ritz.Aggregate((a, b) => a + b);
                start = sum / sum.norm();
            }
            values = wanted;
            residuals = estimates;
            if (options.MeasureResiduals)
                for (int i = 0; i < ritz.Length; i++)
                {
                    using var inner = NewDisposeScope();
                    var hv = op.MultiplyFlat(ritz[i]);
                    residuals[i] = FlatVectors.Norm(hv - values[i] * ritz[i]);
                    // The estimate assumes an exactly symmetric operator; a measured residual far above it means the
                    // products are not (rounding in float32, non-differentiable points): do not claim convergence.
                    if (residuals[i] > 10 * options.Tolerance * Math.Abs(values[i])) converged = false;
                }
            vectors = ritz.Select(r => r.DetachFromDisposeScope()).ToArray();
        }
        var names = values.Select((v, i) => $"λ{i + 1} = {v:G6}").ToArray();
        var set = FlatVectors.ToDirectionSet(op.Selection, vectors, names, "hessian");
        foreach (var v in vectors) v.Dispose();
        sw.Stop();
        return new EigenResult("lanczos", values, residuals, set, op.Products - before, sw.Elapsed.TotalSeconds, converged, steps);
    }

    private static int[] Pick(double[] ascending, int count, SpectrumEnd which)
        => which == SpectrumEnd.Largest
            ? Enumerable.Range(0, ascending.Length).Reverse().Take(count).ToArray()
            : Enumerable.Range(0, ascending.Length).Take(count).ToArray();
}
