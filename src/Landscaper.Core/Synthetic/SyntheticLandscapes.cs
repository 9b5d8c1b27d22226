namespace Landscaper.Synthetic;

/// <summary>Seeded synthetic landscapes for tests and benchmarks.</summary>
public static class SyntheticLandscapes
{
    /// <summary>A smooth random field on <c>linspace(−1, 1, steps)</c>^dims: a sum of <paramref name="bumps"/> Gaussian
    /// wells and hills with random centres in [−1, 1]^d, widths in [0.15, 0.5] and signed amplitudes in [−1, 1].
    /// Deterministic for a given seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive sizes, or more than <see cref="Array.MaxLength"/> points.</exception>
    public static Landscape GaussianBumps(int dims, int steps, int bumps = 24, int seed = 1)
    {
        if (dims < 1) throw new ArgumentOutOfRangeException(nameof(dims), dims, "Must be ≥ 1.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Must be ≥ 1.");
        if (bumps < 1) throw new ArgumentOutOfRangeException(nameof(bumps), bumps, "Must be ≥ 1.");
        double total = Math.Pow(steps, dims);
        if (total > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps^dims = {total} points is too many.");
        int n = (int)total;
        var random = new Random(seed);
        var axis = Landscape.Linspace(-1, 1, steps);
        var amplitude = new double[bumps];
        // factor[k][b * steps + i] = exp(−(x_i − c_bk)² / (2 σ_b²)): the field is separable per bump.
        var factor = new double[dims][];
        for (int k = 0; k < dims; k++) factor[k] = new double[bumps * steps];
        for (int b = 0; b < bumps; b++)
        {
            amplitude[b] = 2 * random.NextDouble() - 1;
            double sigma = 0.15 + 0.35 * random.NextDouble();
            for (int k = 0; k < dims; k++)
            {
                double centre = 2 * random.NextDouble() - 1;
                for (int i = 0; i < steps; i++)
                {
                    double d = axis[i] - centre;
                    factor[k][b * steps + i] = Math.Exp(-d * d / (2 * sigma * sigma));
                }
            }
        }
        var values = new double[n];
        var index = new int[dims];
        for (int p = 0; p < n; p++)
        {
            double sum = 0;
            for (int b = 0; b < bumps; b++)
            {
                double term = amplitude[b];
                for (int k = 0; k < dims; k++) term *= factor[k][b * steps + index[k]];
                sum += term;
            }
            values[p] = sum;
            for (int k = dims - 1; k >= 0; k--) { if (++index[k] < steps) break; index[k] = 0; }
        }
        return Landscape.OnSymmetricGrid(values, dims, steps, 1.0, new LandscapeMetadata($"gaussian-bumps {steps}^{dims} seed {seed}"));
    }

    /// <summary>Independent uniform [0, 1) values on <c>linspace(−1, 1, steps)</c>^dims: the worst case for topology
    /// (about one extremum per 2·d + 1 points, deep merge trees). Deterministic for a given seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive sizes, or too many points.</exception>
    public static Landscape WhiteNoise(int dims, int steps, int seed = 1)
    {
        if (dims < 1) throw new ArgumentOutOfRangeException(nameof(dims), dims, "Must be ≥ 1.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Must be ≥ 1.");
        double total = Math.Pow(steps, dims);
        if (total > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps^dims = {total} points is too many.");
        var random = new Random(seed);
        var values = new double[(int)total];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble();
        return Landscape.OnSymmetricGrid(values, dims, steps, 1.0, new LandscapeMetadata($"white-noise {steps}^{dims} seed {seed}"));
    }
}
