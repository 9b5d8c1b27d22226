using Landscaper.Hessian;
using static TorchSharp.torch;

namespace Landscaper.Tests.Hessian;

/// <summary>The solvers on explicit matrices with planted spectra (A = Q diag(λ) Qᵀ, Q random orthogonal): the exact
/// answer is known by construction, independently of any network code.</summary>
[Collection(SmallProblems.Collection)]
public class PlantedSpectrumTests
{
    public PlantedSpectrumTests() => SmallProblems.Init();

    /// <summary>n eigenvalues: the given leading ones, then a seeded bulk uniform in [lo, hi].</summary>
    private static double[] Spectrum(int n, double[] leading, double lo, double hi, int seed = 3)
    {
        var rng = new Random(seed);
        return leading.Concat(Enumerable.Range(0, n - leading.Length).Select(_ => lo + (hi - lo) * rng.NextDouble())).ToArray();
    }

    private static void AssertEigenpairs(DenseSymmetricOperator op, EigenResult r, double[] expected, double tol)
    {
        Assert.Equal(expected.Length, r.Eigenvalues.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(r.Eigenvalues[i] - expected[i]) <= tol * Math.Max(1, Math.Abs(expected[i])),
                $"λ{i + 1}: {r.Eigenvalues[i]:R} vs planted {expected[i]:R}");
            using var scope = NewDisposeScope();
            var v = r.Vectors[i];
            Assert.Equal(1.0, v.norm().item<double>(), 8);
            double residual = (op.Matrix.mv(v) - expected[i] * v).norm().item<double>();
            Assert.True(residual <= 1e3 * tol * Math.Max(1, Math.Abs(expected[i])), $"pair {i + 1}: ‖Av − λv‖ = {residual:E2}");
        }
    }

    [Fact]
    public void Lanczos_finds_well_separated_top_eigenvalues()
    {
        var spectrum = Spectrum(300, [100, 50, 20, 10], -1, 1);
        using var op = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 1);
        var r = Lanczos.TopEigenpairs(op, 4, new LanczosOptions(Tolerance: 1e-9, Seed: 2));
        Assert.True(r.Converged);
        AssertEigenpairs(op, r, [100, 50, 20, 10], 1e-8);
        Assert.Equal(r.Hvps, op.Products);
    }

    [Fact]
    public void Lanczos_resolves_a_cluster_at_the_top()
    {
        var spectrum = Spectrum(400, [10, 9.999, 9.998, 5], -1, 1);
        using var op = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 4);
        var r = Lanczos.TopEigenpairs(op, 3, new LanczosOptions(Tolerance: 1e-10, MaxBasis: 120, Seed: 5));
        Assert.True(r.Converged, $"{r.Hvps} products");
        AssertEigenpairs(op, r, [10, 9.999, 9.998], 1e-9);
    }

    [Fact]
    public void Lanczos_finds_the_most_negative_eigenvalues()
    {
        var spectrum = Spectrum(300, [-50, -20, 30], -1, 2);
        using var op = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 6);
        var r = Lanczos.TopEigenpairs(op, 2, new LanczosOptions(Tolerance: 1e-9, Which: SpectrumEnd.Smallest, Seed: 7));
        Assert.True(r.Converged);
        AssertEigenpairs(op, r, [-50, -20], 1e-8);
        var top = Lanczos.TopEigenpairs(op, 1, new LanczosOptions(Tolerance: 1e-9, Seed: 7));
        AssertEigenpairs(op, top, [30], 1e-8); // "largest" is the largest algebraic value, not magnitude
    }

    [Fact]
    public void Thick_restarts_converge_with_a_basis_far_smaller_than_needed_without_them()
    {
        // Slowly decaying spectrum: with 12 basis vectors one start cannot resolve the top 4.
        var spectrum = Enumerable.Range(0, 500).Select(i => 1.0 / (1 + 0.05 * i)).ToArray();
        using var op = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 8);
        var single = Lanczos.TopEigenpairs(op, 4, new LanczosOptions(Tolerance: 1e-8, MaxBasis: 12, MaxRestarts: 0, Seed: 9));
        Assert.False(single.Converged);
        using var op2 = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 8);
        var thick = Lanczos.TopEigenpairs(op2, 4, new LanczosOptions(Tolerance: 1e-8, MaxBasis: 12, MaxRestarts: 200, Seed: 9));
        Assert.True(thick.Converged, $"not converged after {thick.Iterations.Count} starts, {thick.Hvps} products");
        Assert.True(thick.Iterations.Count > 1, "the test spectrum should need restarts");
        AssertEigenpairs(op2, thick, spectrum.Take(4).ToArray(), 1e-7);
    }

    [Fact]
    public void Power_iteration_finds_the_largest_magnitude_eigenvalues()
    {
        var spectrum = Spectrum(200, [40, -25, 10], -1, 1);
        using var op = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 10);
        var r = PowerIteration.TopEigenpairs(op, 3, new PowerIterationOptions(Tolerance: 1e-7, MaxIterations: 2000, Rule: PowerStopRule.RelativeResidual, Seed: 11));
        Assert.True(r.Converged);
        AssertEigenpairs(op, r, [40, -25, 10], 1e-6);
    }

    [Fact]
    public void Hutchinson_and_hutch_plus_plus_estimate_the_planted_trace()
    {
        var spectrum = Spectrum(200, [30, 20, 10], -0.5, 1);
        double exact = spectrum.Sum();
        int covered = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            using var op = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 12);
            var h = TraceEstimator.Hutchinson(op, maxProbes: 60, tolerance: 0, seed: seed);
            if (Math.Abs(h.Value - exact) <= 3 * h.StandardError) covered++;
        }
        Assert.True(covered >= 17, $"the 3-SE interval covered the exact trace in only {covered} of 20 seeds");
        // Hutch++ is exact on a matrix whose rank fits its sketch.
        var lowRank = new double[150];
        new[] { 5.0, -3, 2, 1, 0.5 }.CopyTo(lowRank, 0);
        using var low = DenseSymmetricOperator.WithSpectrum(lowRank, seed: 13);
        var hpp = TraceEstimator.HutchPlusPlus(low, budget: 30, seed: 1);
        Assert.Equal(lowRank.Sum(), hpp.Value, 8);
    }

    [Fact]
    public void Slq_density_matches_the_planted_spectrum()
    {
        var spectrum = Spectrum(300, [8, 6], -1, 1);
        using var op = DenseSymmetricOperator.WithSpectrum(spectrum, seed: 14);
        var density = StochasticLanczosQuadrature.Estimate(op, new SlqOptions(Probes: 20, Steps: 60, Seed: 3));
        double width = spectrum.Max() - spectrum.Min();
        double w1 = density.Wasserstein1(spectrum);
        Assert.True(w1 <= 0.02 * width, $"W1 = {w1:G3} of a spectrum {width:G3} wide");
        Assert.Equal(1.0, density.Mass(), 6);
    }

    [Fact]
    public void The_dense_operator_refuses_bad_matrices_and_vectors()
    {
        Assert.Throws<ArgumentException>(() => new DenseSymmetricOperator(ones(new long[] { 2, 3 }, dtype: ScalarType.Float64)));
        Assert.Throws<ArgumentException>(() => new DenseSymmetricOperator(tensor(new double[,] { { 1, 2 }, { 3, 4 } })));
        Assert.Throws<ArgumentException>(() => new DenseSymmetricOperator(tensor(new double[,] { { double.NaN, 0 }, { 0, 1 } })));
        Assert.Throws<ArgumentException>(() => DenseSymmetricOperator.WithSpectrum([]));
        using var op = DenseSymmetricOperator.WithSpectrum([1, 2, 3]);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => op.Apply(ones(new long[] { 4 }, dtype: ScalarType.Float64))).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => op.Apply(ones(new long[] { 3 }, dtype: ScalarType.Float32))).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.TopEigenpairs(op, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.TopEigenpairs(op, 1, new LanczosOptions(Tolerance: -1)));
    }
}
