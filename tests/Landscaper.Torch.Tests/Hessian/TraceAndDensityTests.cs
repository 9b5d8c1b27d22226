using Xunit.Abstractions;
using Landscaper.Hessian;
using static TorchSharp.torch;

namespace Landscaper.Tests.Hessian;

[Collection(SmallProblems.Collection)]
public class TraceAndDensityTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = InitAnd(output);

    private static ITestOutputHelper InitAnd(ITestOutputHelper o) { SmallProblems.Init(); return o; }

    [Fact]
    public void Hutchinson_is_within_three_standard_errors_over_many_seeds()
    {
        var p = SmallProblems.Mlp;
        using var op = p.Operator(new HessianOptions(CacheGradients: true));
        int inside = 0, runs = 20;
        for (int seed = 0; seed < runs; seed++)
        {
            var t = TraceEstimator.Hutchinson(op, maxProbes: 30, tolerance: 0, seed: seed);
            Assert.Equal(30, t.Probes);
            Assert.Equal(30, t.Hvps);
            if (Math.Abs(t.Value - p.Trace) <= 3 * t.StandardError) inside++;
        }
        Assert.True(inside >= runs - 2, $"{inside}/{runs} estimates within 3 standard errors of {p.Trace}");
        _output.WriteLine($"Hutchinson (30 probes): {inside}/{runs} within 3 SE of {p.Trace:G6}");
    }

    [Fact]
    public void Hutchinson_reference_rule_stops_early()
    {
        var p = SmallProblems.Cnn;
        using var op = p.Operator(new HessianOptions(CacheGradients: true));
        var t = TraceEstimator.Hutchinson(op, seed: 1);
        Assert.InRange(t.Probes, 2, 100);
        Assert.Equal(t.Probes < 100, t.Converged);
        Assert.True(double.IsFinite(t.StandardError));
    }

    [Fact]
    public void HutchPlusPlus_is_within_three_standard_errors_over_many_seeds()
    {
        var p = SmallProblems.Mlp;
        using var op = p.Operator(new HessianOptions(CacheGradients: true));
        int inside = 0, runs = 20;
        double meanSe = 0;
        for (int seed = 0; seed < runs; seed++)
        {
            var t = TraceEstimator.HutchPlusPlus(op, budget: 30, seed: seed);
            Assert.Equal(30, t.Hvps);
            meanSe += t.StandardError / runs;
            if (Math.Abs(t.Value - p.Trace) <= 3 * t.StandardError) inside++;
        }
        Assert.True(inside >= runs - 2, $"{inside}/{runs} estimates within 3 standard errors of {p.Trace}");
        _output.WriteLine($"Hutch++ (30 HVPs): {inside}/{runs} within 3 SE of {p.Trace:G6}, mean SE {meanSe:G4}");
    }

    [Theory]
    [InlineData("mlp", 5e-3)]
    [InlineData("cnn", 5e-3)]
    public void Slq_density_has_unit_mass_and_a_close_cdf(string name, double relativeBound)
    {
        var p = HessianOperatorTests.Get(name);
        using var op = p.Operator(new HessianOptions(CacheGradients: true));
        var d = StochasticLanczosQuadrature.Estimate(op, new SlqOptions(Probes: 8, Steps: 40, Seed: 3));
        Assert.Equal(8 * 40, d.Hvps);
        Assert.Equal(1.0, d.Mass(), 9);
        Assert.All(d.Weights, w => Assert.Equal(1.0, w.Sum(), 9));
        // W1 between the quadrature measure and the exact spectral measure, relative to the spectrum's width.
        double width = p.Eigenvalues[0] - p.Eigenvalues[^1];
        double w1 = d.Wasserstein1(p.Eigenvalues);
        _output.WriteLine($"{p.Name}: n = {p.N}, W1 = {w1:E3}, spectrum width {width:E3}, W1/width = {w1 / width:E3}, trace {p.Trace:G6}");
        Assert.True(w1 <= relativeBound * width, $"{p.Name}: W1 = {w1:E3}, width {width:E3}, ratio {w1 / width:E3}");
        // The first moment of each probe's quadrature is exactly its quadratic form, so n·mean is a Hutchinson estimate.
        double trace = p.N * d.Nodes.Select((ns, k) => ns.Zip(d.Weights[k], (x, w) => x * w).Sum()).Average();
        var quad = d.Nodes.Select((ns, k) => p.N * ns.Zip(d.Weights[k], (x, w) => x * w).Sum()).ToArray();
        double se = Math.Sqrt(quad.Select(q => (q - trace) * (q - trace)).Sum() / (quad.Length - 1) / quad.Length);
        Assert.True(Math.Abs(trace - p.Trace) <= 4 * se, $"SLQ trace {trace} ± {se} vs exact {p.Trace}");
        // The extreme nodes converge to the extreme eigenvalues.
        Assert.True(Math.Abs(d.Nodes.Max(ns => ns.Max()) - p.Eigenvalues[0]) <= 1e-6 * p.Eigenvalues[0]);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Slq_density_of_the_2410_parameter_mlp() => Slq_density_has_unit_mass_and_a_close_cdf("mlp-large", 5e-3);

    [Fact]
    public void Slq_cdf_is_monotone_from_zero_to_one()
    {
        var p = SmallProblems.Cnn;
        using var op = p.Operator(new HessianOptions(CacheGradients: true));
        var d = StochasticLanczosQuadrature.Estimate(op, new SlqOptions(Probes: 3, Steps: 20, Seed: 1));
        Assert.Equal(0.0, d.Cdf(d.Grid[0]), 12);
        Assert.Equal(1.0, d.Cdf(d.Grid[^1]), 9);
        double prev = 0;
        foreach (var x in d.Grid.Where((_, i) => i % 50 == 0)) { double c = d.Cdf(x); Assert.True(c >= prev); prev = c; }
    }
}
