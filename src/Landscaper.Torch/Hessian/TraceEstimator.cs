using System.Diagnostics;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Hessian;

/// <summary>Stochastic estimators of the Hessian trace tr(H) from Hessian-vector products.</summary>
public static class TraceEstimator
{
    /// <summary>
    /// Hutchinson's estimator with Rademacher probes z: tr(H) ≈ mean of zᵀHz. Stops with the reference rule: after each
    /// probe (from the second on, and not before <paramref name="minProbes"/>), when the running mean changes by less than
    /// <paramref name="tolerance"/> relative to the previous mean (|m_t − m_{t−1}| / (|m_{t−1}| + 1e-6)), or after
    /// <paramref name="maxProbes"/> probes.
    /// </summary>
    /// <param name="op">Any symmetric operator (Hessian, Gauss–Newton, dense matrix).</param>
    /// <param name="maxProbes">Largest number of probes (reference: 100).</param>
    /// <param name="tolerance">Relative change of the running mean that stops the iteration (reference: 1e-3).</param>
    /// <param name="seed">Seed of the probes.</param>
    /// <param name="minProbes">Smallest number of probes before the stopping rule may fire (≥ 2; the reference behaves as 2).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count or the tolerance is out of range.</exception>
    public static TraceEstimate Hutchinson(ISymmetricOperator op, int maxProbes = 100, double tolerance = 1e-3, int seed = 0, int minProbes = 2)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (maxProbes < 1) throw new ArgumentOutOfRangeException(nameof(maxProbes), maxProbes, "Must be ≥ 1.");
        if (minProbes < 2 || minProbes > Math.Max(2, maxProbes)) throw new ArgumentOutOfRangeException(nameof(minProbes), minProbes, "Must be in [2, maxProbes].");
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "Must be ≥ 0.");
        var sw = Stopwatch.StartNew();
        long before = op.Products;
        var gen = new Generator((ulong)seed, device: CPU);
        var samples = new List<double>();
        double previousMean = 0;
        bool converged = false;
        for (int t = 0; t < maxProbes; t++)
        {
            using var scope = NewDisposeScope();
            var z = FlatVectors.Rademacher(op.Dimension, gen).to(op.Device);
            samples.Add(FlatVectors.Dot(z, op.Apply(z)));
            double mean = samples.Average();
            if (samples.Count >= minProbes && Math.Abs(mean - previousMean) / (Math.Abs(previousMean) + 1e-6) < tolerance) { converged = true; break; }
            previousMean = mean;
        }
        return new TraceEstimate("hutchinson", samples.Average(), StandardError(samples), samples.Count, op.Products - before, sw.Elapsed.TotalSeconds, converged);
    }

    /// <summary>
    /// Hutch++ (Meyer, Musco, Musco, Woodruff 2021): with k = budget/3, sketch Q = orth(H S) for a Rademacher S (n×k),
    /// take tr(QᵀHQ) exactly and estimate the rest by Hutchinson on (I − QQᵀ)G for k Rademacher probes G.
    /// Uses 3k products; the standard error is that of the Hutchinson part.
    /// </summary>
    /// <param name="op">Any symmetric operator (Hessian, Gauss–Newton, dense matrix).</param>
    /// <param name="budget">Products to spend (≥ 6; rounded down to a multiple of 3; k ≤ n).</param>
    /// <param name="seed">Seed of S and G.</param>
    /// <exception cref="ArgumentOutOfRangeException">budget &lt; 6.</exception>
    public static TraceEstimate HutchPlusPlus(ISymmetricOperator op, int budget = 30, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (budget < 6) throw new ArgumentOutOfRangeException(nameof(budget), budget, "Must be ≥ 6 (three groups of at least two products).");
        int k = (int)Math.Min(budget / 3, op.Dimension);
        var sw = Stopwatch.StartNew();
        long before = op.Products;
        var gen = new Generator((ulong)seed, device: CPU);
        long n = op.Dimension;
        double exact = 0;
        var samples = new List<double>();
        using (var scope = NewDisposeScope())
        {
            // Q: orthonormal basis of H S (dependent columns dropped).
            var sketch = Enumerable.Range(0, k).Select(_ => op.Apply(FlatVectors.Rademacher(n, gen).to(op.Device))).ToArray();
            var q = FlatVectors.Orthonormalize(sketch);
            foreach (var qi in q)
            {
                using var inner = NewDisposeScope();
                exact += FlatVectors.Dot(qi, op.Apply(qi));
            }
            Tensor? basis = q.Count == 0 ? null : stack(q.ToArray());
            for (int j = 0; j < k; j++)
            {
                using var inner = NewDisposeScope();
                var g = FlatVectors.Orthogonalize(FlatVectors.Rademacher(n, gen).to(op.Device), basis);
                samples.Add(FlatVectors.Dot(g, op.Apply(g)));
            }
        }
        return new TraceEstimate("hutch++", exact + samples.Average(), StandardError(samples), samples.Count, op.Products - before, sw.Elapsed.TotalSeconds, true);
    }

    private static double StandardError(IReadOnlyList<double> xs)
    {
        if (xs.Count < 2) return double.NaN;
        double mean = xs.Average();
        double variance = xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1);
        return Math.Sqrt(variance / xs.Count);
    }
}
