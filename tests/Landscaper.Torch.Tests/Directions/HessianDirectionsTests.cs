using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Tests.Hessian;

namespace Landscaper.Tests.Directions;

[Collection(SmallProblems.Collection)]
public class HessianDirectionsTests
{
    public HessianDirectionsTests() => SmallProblems.Init();

    [Fact]
    public void Top_eigenvectors_are_an_orthonormal_direction_set_that_lanczos_and_power_agree_on()
    {
        var p = SmallProblems.Cnn;
        using var op = p.Operator(new HessianOptions(CacheGradients: true));
        var lz = HessianDirections.Top(op, 2, EigenMethod.Lanczos, seed: 1);
        var pw = HessianDirections.Top(op, 1, EigenMethod.Power, seed: 1);
        Assert.Equal("hessian", lz.Kind);
        Assert.Equal(2, lz.Count);
        Assert.Equal(1.0, lz.Norm(0), 9);
        Assert.Equal(0.0, lz.Dot(0, 1), 6);
        Assert.True(Math.Abs(DirectionSimilarity.Cosine(lz, 0, pw, 0)) > 0.99);
        Assert.Throws<ArgumentException>(() => HessianDirections.Top(op, 1, EigenMethod.Power, which: SpectrumEnd.Smallest));
    }
}
