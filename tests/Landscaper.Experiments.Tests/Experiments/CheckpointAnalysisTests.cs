using Landscaper.Native;
using Landscaper.Data;
using Landscaper.Experiments;
using Landscaper.Models;
using Landscaper.Training;
using static TorchSharp.torch;

namespace Landscaper.Tests.Experiments;

[Collection("torch-serial")]
public class CheckpointAnalysisTests
{
    public CheckpointAnalysisTests() => TorchRuntime.Initialize(threads: 1);

    private static readonly CheckpointAnalysisOptions Tiny = new(TopK: 3, Steps2D: 7, Steps3D: 5, TraceBudget: 6, Seed: 4);

    private static (nn.Module<Tensor, Tensor> Model, IReadOnlyList<Batch> Batches) TinyMlp(int seed)
    {
        var built = BuiltInModel.Build("mlp-digits", seed);
        var (train, _) = Digits.Load().Split(0.2, seed);
        var batches = train.Take(32).ToBatches(32, built.FlattenInputs);
        Trainer.Train(built.Model, batches, new TrainingOptions(Epochs: 3, LearningRate: 1e-2, Seed: seed));
        return (built.Model, batches);
    }

    [Fact]
    public void Returns_finite_values_with_consistent_shapes_and_leaves_the_parameters_unchanged()
    {
        var (model, batches) = TinyMlp(2);
        var before = ModelState.Capture(model);
        var r = CheckpointAnalysis.Run(model, batches, Tiny);

        Assert.Equal(3, r.Eigenvalues.Count);
        Assert.Equal(3, r.Residuals.Count);
        Assert.All(r.Eigenvalues.Concat(r.Residuals), v => Assert.True(double.IsFinite(v)));
        Assert.True(r.Eigenvalues[0] >= r.Eigenvalues[1] && r.Eigenvalues[1] >= r.Eigenvalues[2]);
        Assert.Equal(r.Eigenvalues[0], r.LambdaMax);
        Assert.True(r.LanczosHvps > 0);
        Assert.True(r.TraceHvps is > 0 and <= 6);
        Assert.True(double.IsFinite(r.Trace) && double.IsFinite(r.TraceStderr));

        Assert.Equal([7, 7], r.Landscape2D.Landscape.Shape);
        Assert.NotNull(r.Landscape3D);
        Assert.Equal([5, 5, 5], r.Landscape3D!.Landscape.Shape);
        foreach (var l in new[] { r.Landscape2D, r.Landscape3D })
        {
            Assert.True(double.IsFinite(l.Smad.Plain) && l.Smad.Plain >= 0);
            Assert.True(double.IsFinite(l.Smad.Normalized) && double.IsFinite(l.Smad.Weighted));
            Assert.True(l.Minima >= 1);
            Assert.InRange(l.SignificantMinima, 1, l.Minima);
            Assert.True(double.IsFinite(l.PersistenceRange) && l.PersistenceRange >= 0);
            Assert.True(l.TotalPersistence >= 0);
            Assert.True(l.ValueRange >= 0);
        }
        // The centre of both grids is the model itself.
        Assert.Equal(r.Landscape2D.CentreLoss, r.Landscape3D.CentreLoss, 6);

        var after = ModelState.Capture(model);
        for (int i = 0; i < before.Entries.Count; i++) Assert.Equal(before.Entries[i].Data, after.Entries[i].Data);
    }

    [Fact]
    public void Same_seed_gives_the_same_smad_and_eigenvalues()
    {
        var options = Tiny with { Steps3D = 0 };
        var (m1, b1) = TinyMlp(5);
        var (m2, b2) = TinyMlp(5);
        var r1 = CheckpointAnalysis.Run(m1, b1, options);
        var r2 = CheckpointAnalysis.Run(m2, b2, options);
        Assert.Equal(r1.Eigenvalues, r2.Eigenvalues);
        Assert.Equal(r1.Landscape2D.Smad, r2.Landscape2D.Smad);
        Assert.Equal(r1.Landscape2D.Landscape.Values.ToArray(), r2.Landscape2D.Landscape.Values.ToArray());
        Assert.Null(r1.Landscape3D);
    }

    [Fact]
    public void Invalid_options_name_the_argument()
    {
        var (model, batches) = TinyMlp(1);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointAnalysis.Run(model, batches, Tiny with { TopK = 1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointAnalysis.Run(model, batches, Tiny with { TopK = 2, Steps3D = 5 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointAnalysis.Run(model, batches, Tiny with { Distance = 0 })).ParamName);
        Assert.Equal("analysisBatches", Assert.Throws<ArgumentException>(() => CheckpointAnalysis.Run(model, [], Tiny)).ParamName);
    }
}
