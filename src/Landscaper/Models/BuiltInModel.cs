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
public static class BuiltInModel
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp-digits", "cnn-digits"];

    /// <summary>Builds and trains a built-in model: a seeded 80/20 split of the digits, seeded initialisation, Adam.</summary>
    /// <param name="name"><c>mlp-digits</c> (64-64-10 ReLU, 4,810 parameters) or <c>cnn-digits</c> (LeNet-style, 4→8 filters).</param>
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
        var (train, test) = Digits.Load().Split(0.2, seed);
        bool flatten;
        nn.Module<Tensor, Tensor> model;
        switch (name)
        {
            case "mlp-digits": flatten = true; model = Seeded.Create(seed, () => new Mlp([Digits.Features, 64, Digits.Classes])); break;
            case "cnn-digits": flatten = false; model = Seeded.Create(seed, () => new SmallCnn()); break;
            default: throw new ArgumentException($"Unknown model '{name}'. Built-in models: {string.Join(", ", Names)}.", nameof(name));
        }
        if (dtype == ScalarType.Float64) model = model.to(ScalarType.Float64);
        var trainBatches = train.ToBatches(64, flatten, dtype: dtype);
        Trainer.Train(model, trainBatches, new TrainingOptions(epochs, 1e-2, "adam", seed));
        var testBatches = test.ToBatches(512, flatten, dtype: dtype);
        var analysis = train.Take(analysisSamples).ToBatches(analysisSamples, flatten, dtype: dtype);
        return new TrainedModel(name, model, analysis, testBatches, Trainer.Evaluate(model, trainBatches), Trainer.Evaluate(model, testBatches), seed);
    }
}
