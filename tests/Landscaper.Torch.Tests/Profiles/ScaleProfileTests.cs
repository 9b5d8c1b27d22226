using Landscaper.Data;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using Landscaper.Profiles;
using Landscaper.Sampling;
using Landscaper.Tests.Sampling;
using static TorchSharp.torch;

namespace Landscaper.Tests.Profiles;

/// <summary>The scale profile on an analytic landscape whose minima are known: f(p₁, p₂) = −cos 2πp₁ − cos 2πp₂ around
/// θ0 = (1, 1), sampled along the two coordinate axes. Minima sit at integer p, so a half-width below 1 sees the one
/// minimum at θ0 and a half-width of 1.5 sees 3 × 3 = 9.</summary>
[Collection("torch-serial")]
public class ScaleProfileTests
{
    public ScaleProfileTests() => TorchRuntime.Initialize(threads: 1);

    private static (DirectionSet Directions, Batch[] Batches, ScalarFunction F) Setup()
    {
        var holder = new ParameterHolder([1.0], [1.0]);
        var sel = ParameterSelection.All(holder);
        var dirs = new DirectionSet(sel, [[tensor(new[] { 1.0 }), tensor(new[] { 0.0 })], [tensor(new[] { 0.0 }), tensor(new[] { 1.0 })]]);
        var f = ScalarFunction.Custom("cosines", (m, _) =>
        {
            var v = ((ParameterHolder)m).Values();
            return -Math.Cos(2 * Math.PI * v[0]) - Math.Cos(2 * Math.PI * v[1]);
        });
        return (dirs, [new Batch(zeros(1), zeros(1))], f);
    }

    [Fact]
    public void Minima_appear_at_the_radius_the_function_puts_them()
    {
        var (dirs, batches, f) = Setup();
        double norm = Math.Sqrt(2);
        // Relative radii: half-width = r·‖θ0‖ = r·√2.
        var relative = ScaleProfile.Compute(dirs, batches, new ScaleProfileOptions([0.5 / norm, 1.5 / norm], RadiusConvention.Relative, Steps: 31, Function: f));
        Assert.Equal([1, 9], relative.Select(p => p.Minima));
        Assert.Equal(0.5, relative[0].HalfWidth, 12);
        Assert.Equal(norm, relative[0].ThetaNorm, 12);
        Assert.Equal(0.0, relative[0].Smad.Plain);
        Assert.True(relative[1].Smad.Plain > 0);
        Assert.Equal(-2.0, relative[0].CentreValue, 12);
        // Absolute radii are half-widths in parameter units.
        var absolute = ScaleProfile.Compute(dirs, batches, new ScaleProfileOptions([0.5, 1.5], RadiusConvention.Absolute, Steps: 31, Function: f));
        Assert.Equal([1, 9], absolute.Select(p => p.Minima));
        Assert.Equal(1.5 / norm, absolute[1].Distance, 12);
        Assert.Equal(relative[1].Smad, absolute[1].Smad);
        // The parameters are back at θ0.
        Assert.Equal([1.0, 1.0], ((ParameterHolder)dirs.Selection.Module).Values());
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        var (dirs, batches, f) = Setup();
        Assert.Throws<ArgumentException>(() => ScaleProfile.Compute(dirs, batches, new ScaleProfileOptions([])));
        Assert.Throws<ArgumentException>(() => ScaleProfile.Compute(dirs, batches, new ScaleProfileOptions([0.2, 0.1])));
        Assert.Throws<ArgumentException>(() => ScaleProfile.Compute(dirs, batches, new ScaleProfileOptions([0.1], Steps: 20)));
        Assert.Throws<ArgumentException>(() => ScaleProfile.Compute(dirs, batches, new ScaleProfileOptions([0.1], Dimensions: 3, Function: f)));
        Assert.Equal(8, ScaleProfileOptions.DefaultLadder.Count);
    }
}
