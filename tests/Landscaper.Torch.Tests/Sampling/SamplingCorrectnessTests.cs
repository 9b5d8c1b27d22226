using Landscaper.Data;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Sampling;
using static Landscaper.Tests.Sampling.SamplingTestSupport;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Sampling;

[Collection("Sampling")]
public sealed class SamplingCorrectnessTests
{
    private static readonly IReadOnlyList<Batch> NoBatches = [new Batch(zeros(1, 1), zeros(new long[] { 1 }, ScalarType.Int64))];

    [Fact]
    public void CentrePointEqualsUnperturbedLossExactly()
    {
        var m = Model;
        double unperturbed;
        using (no_grad()) unperturbed = ScalarFunction.Loss.Evaluate(m.Model, m.AnalysisBatches);
        var result = new LandscapeSampler(Random(2), m.AnalysisBatches, new SamplingOptions(SamplingGrid.Symmetric(2, 7, 0.01))).Run();
        var l = result.Landscape!;
        Assert.Equal(unperturbed, l[3, 3]);
        Assert.Equal(unperturbed, result.CentreValue);
        Assert.NotEqual(unperturbed, l[0, 0]);
        Assert.Equal("loss", l.Metadata.Quantity);
        Assert.Equal(Landscape.Linspace(-0.01, 0.01, 7), l.CoordinateAxes[1]);
    }

    [Fact]
    public void HostCrossEntropyMatchesLibtorch()
    {
        var m = Model;
        using var _ = no_grad();
        double ours = ScalarFunction.Loss.Evaluate(m.Model, m.AnalysisBatches);
        double torchLoss = nn.functional.cross_entropy(m.Model.call(m.AnalysisBatches[0].Input), m.AnalysisBatches[0].Target).ToDouble();
        Assert.Equal(torchLoss, ours, 1e-6);
        double acc = ScalarFunction.Accuracy.Evaluate(m.Model, m.AnalysisBatches);
        Assert.InRange(acc, 0.5, 1.0);
    }

    [Fact]
    public void QuadraticModelMatchesHalfLambdaCSquared()
    {
        Init();
        double[] lambda = [3.0, 0.5, -2.0, 7.0];
        var model = new ParameterHolder(new double[4]);
        var sel = ParameterSelection.All(model);
        Tensor Basis(int i) { var e = zeros(4, ScalarType.Float64); e[i] = 1.0; return e; }
        // Eigen-directions of diag(λ): the coordinate axes 0 and 3 (axis 2 has negative curvature: checked in 1-D below).
        var dirs = new DirectionSet(sel, [[Basis(0)], [Basis(3)]], ["e0", "e3"]);
        var quad = ScalarFunction.Custom("quadratic", (mod, _) =>
        {
            var v = ((ParameterHolder)mod).Values();
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += 0.5 * lambda[i] * v[i] * v[i];
            return s;
        });
        var coords = new[] { new[] { -1.0, -0.25, 0, 0.5, 2.0 }, new[] { -0.3, 0, 0.1 } };
        var result = new LandscapeSampler(dirs, NoBatches,
            new SamplingOptions(SamplingGrid.FromCoordinates(coords)) { Scale = SamplingScale.Plain, Function = quad }).Run();
        var l = result.Landscape!;
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 3; j++)
            {
                double c0 = coords[0][i], c1 = coords[1][j];
                Assert.Equal(0.5 * lambda[0] * c0 * c0 + 0.5 * lambda[3] * c1 * c1, l[i, j], 12);
            }
        Assert.Equal(0.0, l[2, 1]);

        var neg = new DirectionSet(sel, [[Basis(2)]], ["e2"]);
        var l1 = new LandscapeSampler(neg, NoBatches,
            new SamplingOptions(SamplingGrid.Symmetric(1, 9, 2.0)) { Scale = SamplingScale.Plain, Function = quad }).Run().Landscape!;
        var c = l1.CoordinateAxes[0];
        for (int i = 0; i < 9; i++) Assert.Equal(0.5 * lambda[2] * c[i] * c[i], l1[i], 12);
    }

    [Fact]
    public void PythonScalingMatchesHandComputedExample()
    {
        Init();
        // θ0: p0 = [3, 4] (norm 5), p1 = [12] (norm 12); ‖θ0‖ = 13.
        var model = new ParameterHolder([3.0, 4.0], [12.0]);
        var sel = ParameterSelection.All(model);
        // d: p0 part [1, 0] → rescaled to norm 5: [5, 0]; p1 part [2] → rescaled to norm 12: [12]. Whole vector [5, 0, 12], norm 13.
        var dirs = new DirectionSet(sel, [[tensor(new[] { 1.0, 0.0 }), tensor(new[] { 2.0 })]]);
        var probe = ScalarFunction.Custom("probe", (mod, _) =>
        {
            var v = ((ParameterHolder)mod).Values();
            return v[0] + 10 * v[1] + 100 * v[2];
        });
        // steps 5, distance 0.1: one step has length 13·0.1/(5/2) = 0.52 along [5, 0, 12]/13 → [0.2, 0, 0.48]; centre index 2.
        var sampler = new LandscapeSampler(dirs, NoBatches, new SamplingOptions(SamplingGrid.Symmetric(1, 5, 0.1)) { Function = probe });
        var l = sampler.Run().Landscape!;
        for (int i = 0; i < 5; i++)
        {
            double k = i - 2;
            double expected = (3 + 0.2 * k) + 10 * 4 + 100 * (12 + 0.48 * k);
            Assert.Equal(expected, l[i], 1e-9 * Math.Abs(expected)); // the 1e-10 layer eps moves values by ~1e-12 relative
            Assert.Equal(k, sampler.Multiplier(0, i));
        }
        Assert.Equal(new[] { -0.1, -0.05, 0, 0.05, 0.1 }, l.CoordinateAxes[0].Select(x => Math.Round(x, 15)));

        // Even step count: centre = 4 div 2 = 2, indices −2..1, step length 13·0.1/(4/2) = 0.65 → [0.25, 0, 0.6].
        var l4 = new LandscapeSampler(dirs, NoBatches, new SamplingOptions(SamplingGrid.Symmetric(1, 4, 0.1)) { Function = probe }).Run().Landscape!;
        for (int i = 0; i < 4; i++)
        {
            double k = i - 2;
            Assert.Equal((3 + 0.25 * k) + 40 + 100 * (12 + 0.6 * k), l4[i], 1e-9 * 1300);
        }
        Assert.Equal(Fingerprints.Parameters(sel), Fingerprints.Parameters(sel));
        Assert.Equal(3.0, model.Values()[0]);
    }

    [Fact]
    public void UnequalStepsAndThreeDimensionsUseIjOrder()
    {
        Init();
        var model = new ParameterHolder([1.0, 2.0, 3.0]);
        var sel = ParameterSelection.All(model);
        Tensor Basis(int i) { var e = zeros(3, ScalarType.Float64); e[i] = 1.0; return e; }
        var dirs = new DirectionSet(sel, [[Basis(0)], [Basis(1)], [Basis(2)]]);
        var f = ScalarFunction.Custom("linear", (mod, _) => { var v = ((ParameterHolder)mod).Values(); return v[0] + 10 * v[1] + 100 * v[2]; });
        var grid = SamplingGrid.FromCoordinates([[0, 1], [0, 1, 2], [0, 1, 2, 3]]);
        var l = new LandscapeSampler(dirs, NoBatches, new SamplingOptions(grid) { Scale = SamplingScale.Plain, Function = f }).Run().Landscape!;
        Assert.Equal(new[] { 2, 3, 4 }, l.Shape);
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++)
            Assert.Equal((1 + i) + 10 * (2 + j) + 100 * (3 + k), l[i, j, k], 12);
    }

    [Fact]
    public void NonFinitePolicies()
    {
        Init();
        var model = new ParameterHolder([1.0]);
        var sel = ParameterSelection.All(model);
        var dirs = new DirectionSet(sel, [[ones(1, ScalarType.Float64)]]);
        // x = 1 + c for c in {−1, 0, 0.5, 1}: values 0, 1, +∞, NaN.
        var f = ScalarFunction.Custom("pole", (mod, _) => { double x = ((ParameterHolder)mod).Values()[0]; return x == 1.5 ? double.PositiveInfinity : x == 2.0 ? double.NaN : x; });
        var grid = SamplingGrid.FromCoordinates([[-1.0, 0.0, 0.5, 1.0]]);
        SamplingOptions Opt(NonFinitePolicy p) => new(grid) { Scale = SamplingScale.Plain, Function = f, NonFinite = p };
        var replaced = new LandscapeSampler(dirs, NoBatches, Opt(NonFinitePolicy.Replace)).Run().Landscape!;
        Assert.Equal(new[] { 0.0, 1.0, 1.0, 0.5 }, replaced.Values.ToArray()); // +∞ → max finite 1, NaN → mean of {0, 1} = 0.5
        Assert.Equal(2, replaced.Metadata.NonFiniteReplaced);
        var kept = new LandscapeSampler(dirs, NoBatches, Opt(NonFinitePolicy.Keep)).Run().Landscape!;
        Assert.True(double.IsPositiveInfinity(kept[2]) && double.IsNaN(kept[3]));
        var ex = Assert.Throws<SamplingPointException>(() => new LandscapeSampler(dirs, NoBatches, Opt(NonFinitePolicy.Error)).Run());
        Assert.Equal(2, ex.FlatIndex);
        Assert.Contains("grid point 2", ex.Message);
        Assert.Equal(1.0, model.Values()[0]);
    }
}
