using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Landscaper.ParameterSpace;
using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>
/// Extreme eigenpairs of a symmetric operator by the Lanczos method with full reorthogonalisation (float64 basis on the
/// operator's device; the small projected eigenproblem is solved by MathNet) and thick restarts when the basis limit is
/// reached before convergence (see <see cref="LanczosOptions"/>).
/// </summary>
public static class Lanczos
{
    /// <summary>The <paramref name="count"/> largest (or most negative) eigenpairs of <paramref name="op"/>.</summary>
    /// <param name="op">Any symmetric operator: a Hessian, a Gauss–Newton matrix, a dense matrix.</param>
    /// <param name="count">Number of eigenpairs (1 ≤ count ≤ dimension).</param>
    /// <param name="options">Tolerance, basis size, restarts, spectrum end, seed (defaults when null).</param>
    /// <returns>Ritz values, unit Ritz vectors (flat float64), residual norms, products used and wall time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">count or an option is out of range.</exception>
    /// <exception cref="HessianException">From a network operator (invalid loss, non-finite product).</exception>
    public static EigenResult TopEigenpairs(ISymmetricOperator op, int count, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new LanczosOptions();
        long n = op.Dimension;
        if (count < 1 || count > n) throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in [1, {n}] (the operator dimension).");
        options.Validate();
        var sw = Stopwatch.StartNew();
        long before = op.Products;
        int capacity = (int)Math.Min(n, Math.Max(options.MaxBasis, count + 1));
        // Ritz vectors kept at a thick restart: the wanted ones plus a third of the free space as a buffer.
        int keep = Math.Min(capacity - 1, count + Math.Max(1, (capacity - count) / 3));
        var gen = new Generator((ulong)options.Seed, device: CPU);
        var steps = new List<int>();
        Tensor[] vectors;
        double[] values, residuals;
        bool converged = false;
        using (var scope = NewDisposeScope())
        {
            var start = FlatVectors.RandomUnit(n, gen);
            using var process = new LanczosProcess(op.Apply, n, capacity, start, gen, op.Device);
            (double[] Values, Matrix<double> Vectors) evd = ([], Matrix<double>.Build.Dense(1, 1));
            int[] pick = [];
            for (int restart = 0; ; restart++)
            {
                int before_ = process.Steps;
                while (process.Step())
                {
                    if (process.Steps < count) continue;
                    evd = process.Projected();
                    pick = Pick(evd.Values, count, options.Which);
                    converged = Converged(process, evd, pick, n, options.Tolerance);
                    if (converged) break;
                }
                steps.Add(process.Steps - before_);
                if (converged || restart >= options.MaxRestarts || process.Steps == n) break;
                var kept = Pick(evd.Values, keep, options.Which);
                process.Restart(kept.Select(i => evd.Values[i]).ToArray(),
                    Matrix<double>.Build.Dense(process.Steps, kept.Length, (r, c) => evd.Vectors[r, kept[c]]));
            }
            if (pick.Length == 0)
            {
                evd = process.Projected();
                pick = Pick(evd.Values, count, options.Which);
            }
            values = pick.Select(i => evd.Values[i]).ToArray();
            residuals = pick.Select(i => Math.Abs(process.Beta[^1] * evd.Vectors[process.Steps - 1, i])).ToArray();
            var ritz = pick.Select(i => process.RitzVector(evd.Vectors.Column(i))).ToArray();
            if (options.MeasureResiduals)
                for (int i = 0; i < ritz.Length; i++)
                {
                    using var inner = NewDisposeScope();
                    var hv = op.Apply(ritz[i]);
                    residuals[i] = FlatVectors.Norm(hv - values[i] * ritz[i]);
                    // The estimate assumes an exactly symmetric operator; a measured residual far above it means the
                    // products are not (rounding in float32, non-differentiable points): do not claim convergence.
                    if (residuals[i] > 10 * options.Tolerance * Math.Abs(values[i])) converged = false;
                }
            vectors = ritz.Select(r => r.DetachFromDisposeScope()).ToArray();
        }
        sw.Stop();
        return new EigenResult("lanczos", values, residuals, vectors, op.Products - before, sw.Elapsed.TotalSeconds, converged, steps);
    }

    /// <summary>Every wanted Ritz pair's residual estimate |β sₘ| is within tolerance × |θ| (or the space is exhausted).</summary>
    private static bool Converged(LanczosProcess process, (double[] Values, Matrix<double> Vectors) evd, int[] pick, long n, double tolerance)
    {
        if (process.Steps == n) return true;
        double norm = evd.Values.Max(Math.Abs);
        double last = process.Beta[^1];
        return pick.All(i => Math.Abs(last * evd.Vectors[process.Steps - 1, i]) <= tolerance * Math.Max(Math.Abs(evd.Values[i]), 1e-8 * norm));
    }

    private static int[] Pick(double[] ascending, int count, SpectrumEnd which)
    {
        count = Math.Min(count, ascending.Length);
        return which == SpectrumEnd.Largest
            ? Enumerable.Range(0, ascending.Length).Reverse().Take(count).ToArray()
            : Enumerable.Range(0, ascending.Length).Take(count).ToArray();
    }
}
