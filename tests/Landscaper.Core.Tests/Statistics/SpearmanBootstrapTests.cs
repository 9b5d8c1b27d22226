using Landscaper.Statistics;

namespace Landscaper.Tests.Experiments;

public class SpearmanBootstrapTests
{
    [Fact]
    public void Partial_spearman_matches_a_hand_computation()
    {
        // No ties, so ρ = 1 − 6Σd²/(n(n²−1)) with n = 5 (n(n²−1) = 120):
        // x–y: d = [−1, 1, −1, 1, 0], Σd² = 4 → 0.8; x–z: d = [0, −1, 1, −1, 1], Σd² = 4 → 0.8;
        // y–z: d = [1, −2, 2, −2, 1], Σd² = 14 → 0.3. Partial = (0.8 − 0.8·0.3)/√((1 − 0.64)(1 − 0.09)).
        double[] x = [1, 2, 3, 4, 5], y = [2, 1, 4, 3, 5], z = [1, 3, 2, 5, 4];
        Assert.Equal(0.56 / Math.Sqrt(0.36 * 0.91), SpearmanBootstrap.PartialSpearman(x, y, z), 12);
        // Monotone transforms change nothing (ranks only).
        Assert.Equal(0.56 / Math.Sqrt(0.36 * 0.91), SpearmanBootstrap.PartialSpearman(x.Select(Math.Exp).ToArray(), y, z.Select(v => v * v).ToArray()), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Partial_spearman_is_the_correlation_of_rank_residuals_and_equals_the_closed_formula(int seed)
    {
        var rng = new Random(seed);
        int n = 30;
        // Values rounded to one decimal, so ties occur.
        var z = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 3, 1)).ToArray();
        var x = z.Select(v => Math.Round(v + rng.NextDouble() * 2, 1)).ToArray();
        var y = z.Select(v => Math.Round(-v + rng.NextDouble() * 2, 1)).ToArray();
        double viaFormula;
        {
            double xy = ExperimentStatistics.Spearman(x, y), xz = ExperimentStatistics.Spearman(x, z), yz = ExperimentStatistics.Spearman(y, z);
            viaFormula = (xy - xz * yz) / Math.Sqrt((1 - xz * xz) * (1 - yz * yz));
        }
        // Brute force: residuals of explicit least squares on the average ranks.
        var rx = ExperimentStatistics.AverageRanks(x);
        var ry = ExperimentStatistics.AverageRanks(y);
        var rz = ExperimentStatistics.AverageRanks(z);
        double[] Residual(double[] v)
        {
            double mz = rz.Average(), mv = v.Average();
            double sxy = 0, sxx = 0;
            for (int i = 0; i < n; i++) { sxy += (rz[i] - mz) * (v[i] - mv); sxx += (rz[i] - mz) * (rz[i] - mz); }
            double b = sxy / sxx;
            return v.Select((t, i) => t - mv - b * (rz[i] - mz)).ToArray();
        }
        var ex = Residual(rx);
        var ey = Residual(ry);
        double viaResiduals = ex.Zip(ey, (a, b) => a * b).Sum() / Math.Sqrt(ex.Sum(a => a * a) * ey.Sum(b => b * b));
        double partial = SpearmanBootstrap.PartialSpearman(x, y, z);
        Assert.Equal(viaResiduals, partial, 10);
        Assert.Equal(viaFormula, partial, 10);
    }

    [Fact]
    public void Partial_spearman_is_undefined_when_x_is_a_monotone_function_of_z()
    {
        double[] z = [1, 2, 3, 4, 5, 6], x = z.Select(v => v * v).ToArray(), y = [3, 1, 2, 6, 5, 4];
        Assert.True(double.IsNaN(SpearmanBootstrap.PartialSpearman(x, y, z)));
        // A constant z removes nothing: the partial correlation is the plain Spearman ρ.
        Assert.Equal(ExperimentStatistics.Spearman(x, y), SpearmanBootstrap.PartialSpearman(x, y, [2, 2, 2, 2, 2, 2]), 12);
    }

    [Fact]
    public void Quantile_is_the_R7_definition()
    {
        Assert.Equal(1.75, Bootstrap.Quantile([4, 1, 3, 2], 0.25), 12);     // h = 0.75 → 1 + 0.75·(2 − 1)
        Assert.Equal(29.5, Bootstrap.Quantile([30, 10, 20], 0.975), 12);   // h = 1.95 → 20 + 0.95·10
        Assert.Equal(10, Bootstrap.Quantile([30, 10, 20], 0), 12);
        Assert.Equal(30, Bootstrap.Quantile([30, 10, 20], 1), 12);
    }

    [Fact]
    public void The_bootstrap_interval_matches_the_exact_bootstrap_distribution()
    {
        // n = 5: all 5⁵ = 3125 index tuples are equally likely; enumerate the exact bootstrap distribution of ρ (undefined
        // resamples dropped) and check that the sampled percentile bounds sit at its 2.5 % and 97.5 % points.
        double[] x = [0.3, 1.7, 2.2, 3.9, 5.1], y = [1.1, 0.4, 2.9, 2.2, 4.8];
        var exact = new List<double>();
        var idx = new int[5];
        for (int code = 0; code < 3125; code++)
        {
            for (int i = 0, c = code; i < 5; i++, c /= 5) idx[i] = c % 5;
            double v = ExperimentStatistics.Spearman(idx.Select(i => x[i]).ToArray(), idx.Select(i => y[i]).ToArray());
            if (double.IsFinite(v)) exact.Add(v);
        }
        var sorted = exact.Order().ToArray();
        double Cdf(double t) => sorted.Count(v => v <= t + 1e-12) / (double)sorted.Length;
        double CdfBelow(double t) => sorted.Count(v => v < t - 1e-12) / (double)sorted.Length;
        var interval = SpearmanBootstrap.SpearmanInterval(x, y, resamples: 40_000, seed: 7);
        Assert.Equal(ExperimentStatistics.Spearman(x, y), interval.Estimate, 12);
        // The defined fraction of resamples matches the exact one.
        Assert.Equal(exact.Count / 3125.0, interval.ValidResamples / 40_000.0, 2);
        Assert.True(CdfBelow(interval.Lower) <= 0.025 + 0.01 && Cdf(interval.Lower) >= 0.025 - 0.01, $"lower {interval.Lower}: CDF {CdfBelow(interval.Lower)}..{Cdf(interval.Lower)}");
        Assert.True(CdfBelow(interval.Upper) <= 0.975 + 0.01 && Cdf(interval.Upper) >= 0.975 - 0.01, $"upper {interval.Upper}: CDF {CdfBelow(interval.Upper)}..{Cdf(interval.Upper)}");
    }

    [Fact]
    public void Intervals_are_reproducible_and_cover_the_population_value_at_about_the_nominal_rate()
    {
        var a = SpearmanBootstrap.SpearmanInterval([1, 2, 3, 4, 5, 6, 7], [2, 1, 4, 3, 7, 5, 6], 500, seed: 3);
        Assert.Equal(a, SpearmanBootstrap.SpearmanInterval([1, 2, 3, 4, 5, 6, 7], [2, 1, 4, 3, 7, 5, 6], 500, seed: 3));
        Assert.NotEqual(a.Lower, SpearmanBootstrap.SpearmanInterval([1, 2, 3, 4, 5, 6, 7], [2, 1, 4, 3, 7, 5, 6], 500, seed: 4).Lower);
        Assert.Equal(3, a.Seed);

        // Bivariate normal with correlation r: the population Spearman ρ is (6/π)·asin(r/2).
        const double r = 0.6;
        double target = 6 / Math.PI * Math.Asin(r / 2);
        var rng = new Random(12);
        int covered = 0, trials = 150, n = 40;
        for (int t = 0; t < trials; t++)
        {
            var x = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double u = Gaussian(rng), v = Gaussian(rng);
                x[i] = u;
                y[i] = r * u + Math.Sqrt(1 - r * r) * v;
            }
            if (SpearmanBootstrap.SpearmanInterval(x, y, 1000, seed: t).Contains(target)) covered++;
        }
        double coverage = covered / (double)trials;
        Assert.InRange(coverage, 0.85, 0.99);
    }

    [Fact]
    public void Strong_and_absent_associations_are_told_apart()
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, 30).Select(_ => rng.NextDouble()).ToArray();
        var strong = x.Select(v => v + 0.1 * rng.NextDouble()).ToArray();
        var noise = x.Select(_ => rng.NextDouble()).ToArray();
        var s = SpearmanBootstrap.SpearmanInterval(x, strong);
        Assert.True(s.ExcludesZero && s.Lower > 0.8 && s.Contains(s.Estimate));
        var n = SpearmanBootstrap.SpearmanInterval(x, noise);
        Assert.False(n.ExcludesZero);
        var p = SpearmanBootstrap.PartialSpearmanInterval(x, strong, noise);
        Assert.True(p.ExcludesZero);
        Assert.Equal(SpearmanBootstrap.PartialSpearman(x, strong, noise), p.Estimate, 12);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentException>(() => SpearmanBootstrap.SpearmanInterval([1, 2], [1, 2]));
        Assert.Throws<ArgumentException>(() => SpearmanBootstrap.SpearmanInterval([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => SpearmanBootstrap.SpearmanInterval([1, 2, double.NaN], [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBootstrap.SpearmanInterval([1, 2, 3], [1, 2, 3], resamples: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpearmanBootstrap.SpearmanInterval([1, 2, 3], [1, 2, 3], level: 1));
        Assert.Throws<ArgumentException>(() => SpearmanBootstrap.PartialSpearman([1, 2, 3], [1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => Bootstrap.Quantile([], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Quantile([1], 1.5));
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
