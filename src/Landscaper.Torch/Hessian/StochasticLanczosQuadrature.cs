using System.Diagnostics;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Hessian;

/// <summary>Options of <see cref="StochasticLanczosQuadrature.Estimate"/>.</summary>
/// <param name="Probes">Number of random probe vectors (Rademacher, normalised).</param>
/// <param name="Steps">Lanczos steps per probe (quadrature points; capped at the dimension).</param>
/// <param name="Seed">Seed of the probes.</param>
/// <param name="GridPoints">Points of the density grid (≥ 2).</param>
/// <param name="SigmaFraction">Gaussian broadening σ as a fraction of the node range (max θ − min θ).</param>
/// <param name="PaddingSigmas">The grid extends this many σ beyond the smallest and largest node.</param>
public sealed record SlqOptions(int Probes = 10, int Steps = 40, int Seed = 0, int GridPoints = 1000, double SigmaFraction = 0.01, double PaddingSigmas = 5);

/// <summary>
/// Spectral density of the Hessian by stochastic Lanczos quadrature (Ubaru, Chen, Saad 2017; Ghorbani et al. 2019) with
/// the correct Gauss-quadrature weights: the squared <em>first components</em> of the tridiagonal matrix's
/// eigenvectors. (The reference package uses the element-wise square of the whole eigenvector matrix — a bug.)
/// </summary>
public static class StochasticLanczosQuadrature
{
    /// <summary>Estimates the spectral density.</summary>
    /// <param name="op">Any symmetric operator (Hessian, Gauss–Newton, dense matrix).</param>
    /// <param name="options">Probes, steps, seed and grid (defaults when null).</param>
    /// <returns>Nodes and weights per probe, and a broadened density on a grid with mass 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static SpectralDensity Estimate(ISymmetricOperator op, SlqOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= new SlqOptions();
        if (options.Probes < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Probes, "Probes must be ≥ 1.");
        if (options.Steps < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Steps, "Steps must be ≥ 1.");
        if (options.GridPoints < 2) throw new ArgumentOutOfRangeException(nameof(options), options.GridPoints, "GridPoints must be ≥ 2.");
        if (!(options.SigmaFraction > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.SigmaFraction, "SigmaFraction must be > 0.");
        if (!(options.PaddingSigmas >= 0)) throw new ArgumentOutOfRangeException(nameof(options), options.PaddingSigmas, "PaddingSigmas must be ≥ 0.");
        var sw = Stopwatch.StartNew();
        long before = op.Products;
        long n = op.Dimension;
        int steps = (int)Math.Min(options.Steps, n);
        var gen = new Generator((ulong)options.Seed, device: CPU);
        var nodes = new List<IReadOnlyList<double>>();
        var weights = new List<IReadOnlyList<double>>();
        for (int p = 0; p < options.Probes; p++)
        {
            using var scope = NewDisposeScope();
            var start = FlatVectors.Rademacher(n, gen);
            using var process = new LanczosProcess(op.Apply, n, steps, start, gen, op.Device);
            while (process.Step())
            {
                // An exact zero β means the start vector lies in an invariant subspace: the quadrature is exact already.
                if (process.Beta[^1] == 0) break;
            }
            var (values, vectors) = process.Projected();
            nodes.Add(values);
            weights.Add(Enumerable.Range(0, values.Length).Select(j => vectors[0, j] * vectors[0, j]).ToArray());
        }
        var all = nodes.SelectMany(x => x).ToArray();
        double lo = all.Min(), hi = all.Max();
        double sigma = options.SigmaFraction * Math.Max(hi - lo, Math.Max(Math.Abs(hi), 1e-12));
        double a = lo - options.PaddingSigmas * sigma, b = hi + options.PaddingSigmas * sigma;
        var grid = Enumerable.Range(0, options.GridPoints).Select(i => a + (b - a) * i / (options.GridPoints - 1)).ToArray();
        var density = new double[grid.Length];
        double norm = 1 / (sigma * Math.Sqrt(2 * Math.PI) * options.Probes);
        for (int p = 0; p < nodes.Count; p++)
            for (int j = 0; j < nodes[p].Count; j++)
            {
                double x0 = nodes[p][j], w = weights[p][j] * norm;
                for (int g = 0; g < grid.Length; g++)
                {
                    double z = (grid[g] - x0) / sigma;
                    density[g] += w * Math.Exp(-0.5 * z * z);
                }
            }
        double mass = 0;
        for (int g = 1; g < grid.Length; g++) mass += 0.5 * (density[g] + density[g - 1]) * (grid[g] - grid[g - 1]);
        if (mass > 0) for (int g = 0; g < grid.Length; g++) density[g] /= mass;
        return new SpectralDensity(nodes, weights, grid, density, sigma, op.Products - before, sw.Elapsed.TotalSeconds);
    }
}
