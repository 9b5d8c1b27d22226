using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Directions;

public class TrajectoryPcaTests
{
    public TrajectoryPcaTests() { TorchNative.EnsureLoaded(); torch.set_num_threads(1); }

    [Fact]
    public void Recovers_the_plane_of_a_planar_trajectory()
    {
        var sel = ParameterSelection.All(Seeded.Create(1, () => new Mlp([8, 6, 3])).to(ScalarType.Float64));
        var basis = RandomDirections.Orthonormal(sel, 2, seed: 9);
        var final = sel.Snapshot();
        var snapshots = new List<IReadOnlyList<Tensor>>();
        for (int t = 0; t < 10; t++)
        {
            double a = 3.0 * (10 - t), b = Math.Sin(t) * 2;
            snapshots.Add(final.Select((f, i) => f + a * basis.Directions[0][i] + b * basis.Directions[1][i]).ToArray());
        }
        snapshots.Add(final);
        var pca = TrajectoryPca.Compute(sel, snapshots, 2);
        Assert.Equal("pca", pca.Directions.Kind);
        Assert.Equal(1.0, pca.ExplainedVariance.Sum(), 9);
        Assert.True(pca.ExplainedVariance[0] > pca.ExplainedVariance[1]);
        var overlap = DirectionSimilarity.Subspace(pca.Directions, basis);
        Assert.All(overlap.Cosines, c => Assert.Equal(1.0, c, 9));
        Assert.True(Math.Abs(DirectionSimilarity.Cosine(pca.Directions, 0, basis, 0)) > 0.99);
        Assert.Equal(0.0, pca.Directions.Dot(0, 1), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrajectoryPca.Compute(sel, snapshots, 3));
        Assert.Throws<ArgumentException>(() => TrajectoryPca.Compute(sel, snapshots.Take(1).ToArray(), 1));
    }
}
