using Landscaper.Native;
using Landscaper.Experiments;

namespace Landscaper.Tests.Experiments;

[Collection("torch-serial")]
public class TrainingDynamicsExperimentTests
{
    public TrainingDynamicsExperimentTests() => TorchRuntime.Initialize(threads: 1);

    private static readonly ExperimentOptions Tiny = ExperimentOptions.Quick with
    {
        Epochs = 1,
        Checkpoints = 3,
        AnalysisSamples = 32,
        Analysis = ExperimentOptions.Quick.Analysis with { Steps2D = 5, TraceBudget = 6 },
    };

    [Fact]
    public void Frame_has_one_row_per_model_checkpoint_and_seed_and_saves_as_csv()
    {
        var result = TrainingDynamicsExperiment.Run(["mlp-digits"], [0, 1], Tiny);
        Assert.Equal(2 * 3, result.Rows.Count);
        Assert.Equal(["mlp-digits"], result.Models);
        Assert.Equal([0, 1], result.Seeds);
        foreach (int seed in result.Seeds)
            Assert.Equal([0, 1, 23], result.Run("mlp-digits", seed).Select(r => r.Step));   // 1 epoch of 23 batches, log-spaced
        Assert.All(result.Rows, r => Assert.True(double.IsFinite(r.Smad) && double.IsFinite(r.LambdaMax) && double.IsFinite(r.Trace)));

        var frame = result.ToFrame();
        Assert.Equal(6, frame.RowCount);
        string[] expected = ["model", "seed", "step", "epoch", "trainLoss", "trainAcc", "testLoss", "testAcc", "lambda1", "lambda2",
            "trace", "traceStderr", "smad", "smadNormalized", "smadWeighted", "minima2d", "minima3d", "persistenceRange", "seconds"];
        Assert.All(expected, c => Assert.Contains(c, frame.ColumnKeys));
        Assert.Equal(result.Rows.Select(r => r.Smad), frame.GetColumn<double>("smad").Values);
        Assert.Equal(result.Rows.Select(r => r.Model), frame.GetColumn<string>("model").Values);

        string dir = Path.Combine(Path.GetTempPath(), "landscaper-exp-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = result.Save(Path.Combine(dir, "dynamics.csv"));
            var lines = File.ReadAllLines(path);
            Assert.Equal(7, lines.Length);
            Assert.Equal(string.Join(',', result.Columns), lines[0]);
            Assert.StartsWith("mlp-digits,0,0,0,", lines[1]);
            Assert.Single(Directory.GetFiles(dir));   // no temporary file left behind
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }

        var smad = result.MeanOverSeeds(r => r.TestLoss);
        Assert.Equal(3, smad.Count);
        foreach (var agg in smad)
        {
            var values = result.Rows.Where(r => r.Step == agg.Step).Select(r => r.TestLoss).ToArray();
            Assert.Equal(2, agg.Value.Count);
            Assert.Equal((values[0] + values[1]) / 2, agg.Value.Mean, 12);
            Assert.Equal(Math.Abs(values[0] - values[1]) / Math.Sqrt(2), agg.Value.Sd, 12);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_rows()
    {
        var a = TrainingDynamicsExperiment.RunOne("mlp-digits", 3, Tiny with { Checkpoints = 2 });
        var b = TrainingDynamicsExperiment.RunOne("mlp-digits", 3, Tiny with { Checkpoints = 2 });
        Assert.Equal(a.Select(r => r.Smad), b.Select(r => r.Smad));
        Assert.Equal(a.Select(r => r.LambdaMax), b.Select(r => r.LambdaMax));
        Assert.Equal(a.Select(r => r.TestLoss), b.Select(r => r.TestLoss));
    }

    [Fact]
    public void Invalid_arguments_are_named()
    {
        Assert.Equal("architectures", Assert.Throws<ArgumentException>(() => TrainingDynamicsExperiment.Run(["nope"], [0], Tiny)).ParamName);
        Assert.Equal("architectures", Assert.Throws<ArgumentException>(() => TrainingDynamicsExperiment.Run([], [0], Tiny)).ParamName);
        Assert.Equal("seeds", Assert.Throws<ArgumentException>(() => TrainingDynamicsExperiment.Run(["mlp-digits"], [1, 1], Tiny)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => TrainingDynamicsExperiment.Run(["mlp-digits"], [0], Tiny with { Epochs = 0 })).ParamName);
    }
}
