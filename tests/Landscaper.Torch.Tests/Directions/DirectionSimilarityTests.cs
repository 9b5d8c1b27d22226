using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Directions;

public class DirectionSimilarityTests
{
    public DirectionSimilarityTests() { TorchNative.EnsureLoaded(); torch.set_num_threads(1); }

    [Fact]
    public void Cosine_and_principal_angles_of_known_subspaces()
    {
        var sel = ParameterSelection.All(Seeded.Create(4, () => new Mlp([6, 5, 3])).to(ScalarType.Float64));
        var basis = RandomDirections.Orthonormal(sel, 4, seed: 3);
        var a = new DirectionSet(sel, [basis.Directions[0], basis.Directions[1]]);
        var b = new DirectionSet(sel, [basis.Directions[2], basis.Directions[3]]);
        // c spans the same plane as a, rotated by 30° and scaled.
        double th = Math.PI / 6;
        var c = new DirectionSet(sel, [
            a.Directions[0].Zip(a.Directions[1], (x, y) => (Math.Cos(th) * x + Math.Sin(th) * y) * 5).ToArray(),
            a.Directions[0].Zip(a.Directions[1], (x, y) => -Math.Sin(th) * x + Math.Cos(th) * y).ToArray()]);
        Assert.Equal(Math.Cos(th), DirectionSimilarity.Cosine(a, 0, c, 0), 9);
        Assert.Equal(0.0, DirectionSimilarity.Cosine(a, 0, b, 1), 9);
        var same = DirectionSimilarity.Subspace(a, c);
        Assert.All(same.Cosines, x => Assert.Equal(1.0, x, 9));
        Assert.Equal(1.0, same.Overlap, 9);
        var orth = DirectionSimilarity.Subspace(a, b);
        Assert.All(orth.PrincipalAngles, x => Assert.Equal(Math.PI / 2, x, 6));
        Assert.Equal(0.0, orth.Overlap, 9);
        // Half-overlapping: span(d0, d2) vs span(d0, d1) → angles 0 and 90°.
        var half = DirectionSimilarity.Subspace(a, new DirectionSet(sel, [basis.Directions[0], basis.Directions[2]]));
        Assert.Equal(0.0, half.PrincipalAngles[0], 6);
        Assert.Equal(Math.PI / 2, half.PrincipalAngles[1], 6);
        Assert.Equal(0.5, half.Overlap, 9);
        var m = DirectionSimilarity.CosineMatrix(a, basis);
        Assert.Equal(1.0, m[1, 1], 9);
        Assert.Throws<ArgumentException>(() => DirectionSimilarity.Subspace(new DirectionSet(sel, [a.Directions[0], a.Directions[0].Select(t => t * 2).ToArray()]), a));
    }
}
