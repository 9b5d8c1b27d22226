using Landscaper.Data;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Models;

/// <summary>A model trained on a data set, with the batches used to analyse it.</summary>
/// <param name="Name">Built-in name (e.g. <c>mlp-digits</c>).</param>
/// <param name="Model">The trained model (eval mode).</param>
/// <param name="AnalysisBatches">The batches the loss landscape and Hessian are computed on (a fixed training subset).</param>
/// <param name="TestBatches">Held-out batches.</param>
/// <param name="Train">Evaluation on the full training split after training.</param>
/// <param name="Test">Evaluation on the test split after training.</param>
/// <param name="Seed">Seed of the initialisation, split and batch order.</param>
public sealed record TrainedModel(string Name, nn.Module<Tensor, Tensor> Model, IReadOnlyList<Batch> AnalysisBatches,
    IReadOnlyList<Batch> TestBatches, Evaluation Train, Evaluation Test, int Seed);

/// <summary>Small built-in models on the embedded UCI digits, trained briefly on the CPU — for the CLI, tests and notebooks.</summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>mlp-digits</c></term><description><see cref="Mlp"/> 64-64-10 ReLU, 4,810 parameters, flattened inputs.</description></item>
/// <item><term><c>cnn-digits</c></term><description><see cref="SmallCnn"/> (LeNet-style, 4→8 filters).</description></item>
/// <item><term><c>resnet-digits</c></term><description><see cref="SmallResNet"/> width 8, 4 blocks, with skips (10,978 parameters).</description></item>
/// <item><term><c>resnet-noskip-digits</c></term><description>The same without shortcuts (10,818 parameters) — Li et al. 2018's comparison.</description></item>
/// <item><term><c>vit-digits</c></term><description><see cref="TinyVit"/> with 2×2 patches, dim 32, depth 2, 4 heads, MLP 64 (18,218 parameters).</description></item>
/// </list>
/// </remarks>
public static class BuiltInModel
{
    /// <summary>Names accepted by <see cref="Build"/> and <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp-digits", "cnn-digits", "resnet-digits", "resnet-noskip-digits", "vit-digits"];

    /// <summary>Builds the untrained, deterministically initialised model <paramref name="name"/> (see the remarks of
    /// <see cref="BuiltInModel"/>) — the factory <see cref="Create"/> trains.</summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    /// <param name="seed">Seed of the initialisation (same seed → identical parameters).</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static UntrainedModel Build(string name, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "mlp-digits" => new UntrainedModel(name, Seeded.Create(seed, () => new Mlp([Digits.Features, 64, Digits.Classes])), FlattenInputs: true, LearningRate: 1e-2),
            "cnn-digits" => new UntrainedModel(name, Seeded.Create(seed, () => new SmallCnn()), FlattenInputs: false, LearningRate: 1e-2),
            "resnet-digits" => new UntrainedModel(name, Seeded.Create(seed, () => new SmallResNet(1, Digits.Classes, width: 8, blocks: 4, skip: true)), FlattenInputs: false, LearningRate: 1e-2),
            "resnet-noskip-digits" => new UntrainedModel(name, Seeded.Create(seed, () => new SmallResNet(1, Digits.Classes, width: 8, blocks: 4, skip: false)), FlattenInputs: false, LearningRate: 1e-2),
            "vit-digits" => new UntrainedModel(name, Seeded.Create(seed, () => new TinyVit(8, 2, 1, Digits.Classes, dim: 32, depth: 2, heads: 4, mlpDim: 64)), FlattenInputs: false, LearningRate: 3e-3),
            _ => throw new ArgumentException($"Unknown model '{name}'. Built-in models: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>Builds and trains a built-in model: a seeded 80/20 split of the digits, seeded initialisation, Adam
    /// with the model's <see cref="UntrainedModel.LearningRate"/>.</summary>
    /// <param name="name">A name from <see cref="Names"/> (see the remarks of <see cref="BuiltInModel"/>).</param>
    /// <param name="seed">Seed of everything random.</param>
    /// <param name="epochs">Training epochs (0 = untrained).</param>
    /// <param name="analysisSamples">Training samples in <see cref="TrainedModel.AnalysisBatches"/> (one batch).</param>
    /// <param name="dtype">Parameter and input dtype (float32 or float64).</param>
    /// <exception cref="ArgumentException">Unknown name or unsupported dtype.</exception>
    public static TrainedModel Create(string name, int seed = 0, int epochs = 10, int analysisSamples = 256, ScalarType dtype = ScalarType.Float32)
    {
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"dtype must be Float32 or Float64, got {dtype}.", nameof(dtype));
        if (analysisSamples < 1) throw new ArgumentOutOfRangeException(nameof(analysisSamples), analysisSamples, "Must be ≥ 1.");
        var built = Build(name, seed);
        var (train, test) = Digits.Load().Split(0.2, seed);
        bool flatten = built.FlattenInputs;
        var model = built.Model;
        if (dtype == ScalarType.Float64) model = model.to(ScalarType.Float64);
        var trainBatches = train.ToBatches(64, flatten, dtype: dtype);
        Trainer.Train(model, trainBatches, new TrainingOptions(epochs, built.LearningRate, "adam", seed));
        var testBatches = test.ToBatches(512, flatten, dtype: dtype);
        var analysis = train.Take(analysisSamples).ToBatches(analysisSamples, flatten, dtype: dtype);
        return new TrainedModel(name, model, analysis, testBatches, Trainer.Evaluate(model, trainBatches), Trainer.Evaluate(model, testBatches), seed);
    }
}
