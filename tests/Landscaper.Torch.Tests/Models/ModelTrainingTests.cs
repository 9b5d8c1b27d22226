using Landscaper.Native;
using System.Diagnostics;
using Landscaper.Data;
using Landscaper.Models;
using Landscaper.Training;
using Xunit.Abstractions;

namespace Landscaper.Tests.Models;

[Collection("torch-serial")]
public class ModelTrainingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("resnet-digits", 3)]
    [InlineData("resnet-noskip-digits", 6)]
    [InlineData("vit-digits", 4)]
    public void Trains_on_digits_well_above_chance(string name, int epochs)
    {
        TorchRuntime.Initialize(threads: 1);
        var sw = Stopwatch.StartNew();
        var built = BuiltInModel.Build(name, seed: 1);
        var (train, test) = Digits.Load().Split(0.2, 1);
        var trainBatches = train.ToBatches(64, built.FlattenInputs);
        var before = Trainer.Evaluate(built.Model, test.ToBatches(512, built.FlattenInputs));
        Trainer.Train(built.Model, trainBatches, new TrainingOptions(epochs, built.LearningRate, "adam", 1));
        var after = Trainer.Evaluate(built.Model, test.ToBatches(512, built.FlattenInputs));
        output.WriteLine($"{name}: test accuracy {before.Accuracy:P1} → {after.Accuracy:P1}, loss {before.Loss:F3} → {after.Loss:F3}, {sw.Elapsed.TotalSeconds:F1} s");
        Assert.True(after.Accuracy > 0.6, $"{name}: test accuracy {after.Accuracy:P1} after {epochs} epochs");
        Assert.True(after.Loss < before.Loss);
    }
}
