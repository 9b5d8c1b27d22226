using Landscaper.Native;
using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Training;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Training;

[Collection("torch-serial")]
public class CheckpointedTrainingTests
{
    public CheckpointedTrainingTests() => TorchRuntime.Initialize(threads: 1);

    private sealed class Collect(List<Checkpoint> into) : IProgress<Checkpoint> { public void Report(Checkpoint value) => into.Add(value); }
    private sealed class SaveTo(string dir) : IProgress<Checkpoint> { public void Report(Checkpoint value) => CheckpointStore.Save(dir, value); }

    private static (IReadOnlyList<Batch> Train, IReadOnlyList<Batch> Test) DigitsBatches(bool flatten, int trainSamples = 640)
    {
        var (train, test) = Digits.Load().Split(0.2, 5);
        return (train.Take(trainSamples).ToBatches(64, flatten), test.ToBatches(256, flatten));
    }

    private static IReadOnlyList<Checkpoint> RunMlp(int seed, IProgress<Checkpoint>? progress = null, string optimizer = "adam")
    {
        var built = BuiltInModel.Build("mlp-digits", seed);
        var (train, test) = DigitsBatches(true);
        var options = new TrainingOptions(Epochs: 3, LearningRate: 1e-2, Optimizer: optimizer, Seed: seed);
        var schedule = CheckpointSchedule.LogSpaced(CheckpointedTraining.TotalSteps(train, options), 6);
        return CheckpointedTraining.Run(built.Model, train, test, options, schedule, progress);
    }

    [Fact]
    public void Records_the_scheduled_steps_with_fractional_epochs()
    {
        var seen = new List<Checkpoint>();
        var cps = RunMlp(1, new Collect(seen));
        Assert.Equal([0, 1, 2, 5, 13, 30], cps.Select(c => c.Step));   // 3 epochs × 10 batches; 30^(3/4) ≈ 12.8
        Assert.Equal(cps, seen);
        Assert.Equal(1.3, cps[4].Epoch, 12);
        Assert.True(cps[^1].Test.Loss < cps[0].Test.Loss);
        Assert.True(cps[^1].Train.Accuracy > 0.8, $"train accuracy {cps[^1].Train.Accuracy}");
        Assert.Equal(4810, cps[0].State.ParameterCount);
    }

    [Fact]
    public void Seeded_runs_are_identical_and_seeds_matter()
    {
        var a = RunMlp(2, optimizer: "sgd");
        var b = RunMlp(2, optimizer: "sgd");
        var c = RunMlp(3, optimizer: "sgd");
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Test, b[i].Test);
            Assert.Equal(a[i].Train, b[i].Train);
            for (int e = 0; e < a[i].State.Entries.Count; e++) Assert.Equal(a[i].State.Entries[e].Data, b[i].State.Entries[e].Data);
        }
        Assert.NotEqual(a[^1].Test.Loss, c[^1].Test.Loss);
    }

    [Fact]
    public void A_checkpoint_restored_from_disk_reproduces_its_test_loss_exactly()
    {
        string dir = Path.Combine(Path.GetTempPath(), "landscaper-ckpt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var built = BuiltInModel.Build("resnet-digits", 4);
            var (train, test) = DigitsBatches(false, trainSamples: 256);
            var options = new TrainingOptions(2, 1e-2, "adam", 4);
            var cps = CheckpointedTraining.Run(built.Model, train, test, options, CheckpointSchedule.LogSpaced(8, 4), new SaveTo(dir));
            var loaded = CheckpointStore.LoadAll(dir);
            Assert.Equal(cps.Select(c => c.Step), loaded.Select(c => c.Step));
            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
            var fresh = BuiltInModel.Build("resnet-digits", 99).Model;
            foreach (var cp in loaded)
            {
                cp.RestoreInto(fresh);
                var again = Trainer.Evaluate(fresh, test);
                Assert.Equal(cp.Test.Loss, again.Loss);
                Assert.Equal(cp.Test.Accuracy, again.Accuracy);
            }
            // The analysis pipeline's path: parameter tensors aligned with a ParameterSelection.
            var selection = ParameterSelection.All(fresh);
            var theta = loaded[1].State.ParameterTensors(selection);
            selection.Restore(theta);
            Assert.Equal(loaded[1].Test.Loss, Trainer.Evaluate(fresh, test).Loss);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Buffers_are_part_of_the_state()
    {
        var model = Seeded.Create(0, () => nn.Sequential(("fc1", nn.Linear(64, 16)), ("bn", nn.BatchNorm1d(16)), ("relu", nn.ReLU()), ("fc2", nn.Linear(16, 10))));
        var (train, test) = DigitsBatches(true, trainSamples: 128);
        var cps = CheckpointedTraining.Run(model, train, test, new TrainingOptions(2, 1e-2, "adam", 0), CheckpointSchedule.Explicit([0, 4]));
        Assert.Contains(cps[1].State.Entries, e => e.IsBuffer && e.Name == "bn.running_mean");
        var fresh = Seeded.Create(1, () => nn.Sequential(("fc1", nn.Linear(64, 16)), ("bn", nn.BatchNorm1d(16)), ("relu", nn.ReLU()), ("fc2", nn.Linear(16, 10))));
        cps[1].RestoreInto(fresh);
        Assert.Equal(cps[1].Test.Loss, Trainer.Evaluate(fresh, test).Loss);
    }

    [Fact]
    public void Corrupt_files_and_mismatched_models_are_rejected()
    {
        string dir = Path.Combine(Path.GetTempPath(), "landscaper-ckpt-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cps = RunMlp(5);
            string path = CheckpointStore.Save(dir, cps[2]);
            Assert.Equal(CheckpointStore.FileName(2), Path.GetFileName(path));
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..^10]);
            Assert.Throws<Landscaper.IO.NpyFormatException>(() => CheckpointStore.Load(path));   // truncated: no end record
            int data = bytes.AsSpan().IndexOf("layers.0.weight.npy"u8) + 300;
            bytes[data] ^= 1;                                                                    // one bit inside a stored weight
            File.WriteAllBytes(path, bytes);
            Assert.Contains("CRC-32", Assert.Throws<Landscaper.IO.NpyFormatException>(() => CheckpointStore.Load(path)).Message);
            File.WriteAllBytes(path, [1, 2, 3]);
            Assert.Contains("not a valid zip", Assert.Throws<Landscaper.IO.NpyFormatException>(() => CheckpointStore.Load(path)).Message);
            var weightsOnly = Path.Combine(dir, "weights.npz");
            ModelStateFile.Save(weightsOnly, cps[2].State);
            Assert.Contains("not a Landscaper checkpoint", Assert.Throws<Landscaper.IO.NpyFormatException>(() => CheckpointStore.Load(weightsOnly)).Message);
            var other = BuiltInModel.Build("cnn-digits", 0).Model;
            Assert.Throws<ArgumentException>(() => cps[2].RestoreInto(other));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Invalid_runs_are_rejected_before_training()
    {
        var built = BuiltInModel.Build("mlp-digits", 0);
        var (train, test) = DigitsBatches(true, trainSamples: 128);
        var options = new TrainingOptions(1, 1e-2, "adam", 0);
        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() =>
            CheckpointedTraining.Run(built.Model, train, test, options, CheckpointSchedule.LogSpaced(3, 2))).ParamName);
        Assert.Throws<ArgumentException>(() => CheckpointedTraining.Run(built.Model, train, test, options with { Optimizer = "lbfgs" }, CheckpointSchedule.Explicit([0])));
        Assert.Throws<ArgumentException>(() => CheckpointedTraining.Run(built.Model, [], test, options, CheckpointSchedule.Explicit([0])));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => CheckpointedTraining.Run(built.Model, train, test, options, CheckpointSchedule.Explicit([0, 1]), cancellationToken: cts.Token));
    }
}
