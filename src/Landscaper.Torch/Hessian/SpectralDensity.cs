namespace Landscaper.Hessian;

/// <summary>
/// An estimate of the Hessian's spectral density by stochastic Lanczos quadrature (immutable). For each probe p the
/// m-point Gauss quadrature has nodes θ_pj (Ritz values of the tridiagonal matrix) and weights w_pj = (first component
/// of the j-th eigenvector of T)² — the weights of one probe sum to 1. The density is the average over probes.
/// </summary>
/// <param name="Nodes">Quadrature nodes per probe (ascending).</param>
/// <param name="Weights">Quadrature weights per probe (each list sums to 1).</param>
/// <param name="Grid">Evaluation points of <paramref name="Density"/> (ascending, equally spaced).</param>
/// <param name="Density">Gaussian-broadened density at the grid points, normalised so that its trapezoid integral over
/// the grid is 1 (units: 1 / eigenvalue units).</param>
/// <param name="Sigma">Standard deviation of the Gaussian broadening (eigenvalue units).</param>
/// <param name="Hvps">Hessian-vector products used.</param>
/// <param name="Seconds">Wall-clock time.</param>
public sealed record SpectralDensity(IReadOnlyList<IReadOnlyList<double>> Nodes, IReadOnlyList<IReadOnlyList<double>> Weights,
    IReadOnlyList<double> Grid, IReadOnlyList<double> Density, double Sigma, long Hvps, double Seconds)
{
    /// <summary>All nodes and weights of the averaged discrete measure (weights divided by the number of probes, summing
    /// to 1), sorted by node.</summary>
    public (double[] Nodes, double[] Weights) Measure()
    {
        int probes = Nodes.Count;
        var pairs = Nodes.SelectMany((ns, p) => ns.Select((x, j) => (x, w: Weights[p][j] / probes))).OrderBy(t => t.x).ToArray();
        return (pairs.Select(t => t.x).ToArray(), pairs.Select(t => t.w).ToArray());
    }

    /// <summary>Fraction of the spectrum at or below <paramref name="x"/> according to the discrete quadrature measure.</summary>
    public double Cdf(double x)
    {
        var (nodes, weights) = Measure();
        double s = 0;
        for (int i = 0; i < nodes.Length && nodes[i] <= x; i++) s += weights[i];
        return s;
    }

    /// <summary>Trapezoid integral of <see cref="Density"/> over <see cref="Grid"/> (1 up to rounding).</summary>
    public double Mass()
    {
        double m = 0;
        for (int i = 1; i < Grid.Count; i++) m += 0.5 * (Density[i] + Density[i - 1]) * (Grid[i] - Grid[i - 1]);
        return m;
    }

    /// <summary>1-Wasserstein distance between the quadrature measure and the uniform measure on
    /// <paramref name="eigenvalues"/> (e.g. the exact spectrum): ∫ |F_SLQ(x) − F_exact(x)| dx, in eigenvalue units.</summary>
    public double Wasserstein1(IReadOnlyList<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (eigenvalues.Count == 0) throw new ArgumentException("No eigenvalues given.", nameof(eigenvalues));
        var (nodes, weights) = Measure();
        var exact = eigenvalues.Select(e => (x: e, w: 1.0 / eigenvalues.Count));
        var events = nodes.Select((x, i) => (x, d: weights[i])).Concat(exact.Select(t => (t.x, d: -t.w))).OrderBy(t => t.x).ToArray();
        double diff = 0, total = 0;
        for (int i = 0; i < events.Length; i++)
        {
            if (i > 0) total += Math.Abs(diff) * (events[i].x - events[i - 1].x);
            diff += events[i].d;
        }
        return total;
    }
}
