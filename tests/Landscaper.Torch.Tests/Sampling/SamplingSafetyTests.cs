using Landscaper.Data;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Sampling;
using static Landscaper.Tests.Sampling.SamplingTestSupport;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Sampling;

[Collection("Sampling")]
public sealed class SamplingSafetyTests
{
    private static SamplingOptions Small(int dims = 2, int steps = 9) => new(SamplingGrid.Symmetric(dims, steps, 0.05)) { ModelName = "mlp-digits" };

    [Fact]
    public void WeightsBitIdenticalAfterSampling()
    {
        var m = Model;
        var before = ParameterBytes(m.Model);
        var storage = m.Model.parameters().Select(p => Address(p)).ToArray();
        new LandscapeSampler(Random(2), m.AnalysisBatches, Small()).Run();
        AssertBitIdentical(before, ParameterBytes(m.Model));
        Assert.Equal(storage, m.Model.parameters().Select(p => Address(p)).ToArray());
        Assert.False(m.Model.training);
    }

    [Fact]
    public void ExceptionInScalarFunctionNamesPointKeepsCheckpointAndRestoresWeights()
    {
        var m = Model;
        var dir = TempFolders.Create("sampling");
        var ckpt = Path.Combine(dir, "run.npz");
        var before = ParameterBytes(m.Model);
        int calls = 0;
        var failing = ScalarFunction.Custom("loss", (mod, b) =>
        {
            if (++calls == 40) throw new InvalidOperationException("boom");
            return ScalarFunction.Loss.Evaluate(mod, b);
        });
        var opts = Small() with { Function = failing, CheckpointPath = ckpt, CheckpointEveryPoints = 7 };
        var ex = Assert.Throws<SamplingPointException>(() => new LandscapeSampler(Random(2), m.AnalysisBatches, opts).Run());
        // 1 centre + 5 timed evaluations precede the loop: call 40 is loop point 33.
        Assert.Equal(33, ex.FlatIndex);
        Assert.Contains("grid point 33", ex.Message);
        Assert.Contains("boom", ex.Message);
        Assert.Equal(new[] { 3, 6 }, ex.GridIndex);
        Assert.Equal(ckpt, ex.CheckpointPath);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        AssertBitIdentical(before, ParameterBytes(m.Model));
        var partial = SampleFile.Read(ckpt);
        Assert.Equal(33, partial.Done);
        Assert.False(partial.IsComplete);

        // Resume with a healthy function: identical to an uninterrupted run.
        var resumed = new LandscapeSampler(Random(2), m.AnalysisBatches, opts with { Function = ScalarFunction.Loss, Resume = true }).Run();
        Assert.Equal(33, resumed.PointsResumed);
        var full = new LandscapeSampler(Random(2), m.AnalysisBatches, Small()).Run();
        BitAssert.SameBits(full.Landscape!.Values, resumed.Landscape!.Values);
        AssertBitIdentical(before, ParameterBytes(m.Model));
    }

    [Fact]
    public void CancellationWritesCheckpointRestoresWeightsAndResumesBitIdentically()
    {
        var m = Model;
        var ckpt = Path.Combine(TempFolders.Create("sampling"), "run.npz");
        var before = ParameterBytes(m.Model);
        using var cts = new CancellationTokenSource();
        var opts = Small(3, 7) with { CheckpointPath = ckpt, CheckpointEveryPoints = 1_000_000, CheckpointEverySeconds = 1e6 };
        int calls = 0;
        var cancelling = ScalarFunction.Custom("loss", (mod, b) => { if (++calls == 106) cts.Cancel(); return ScalarFunction.Loss.Evaluate(mod, b); });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new LandscapeSampler(Random(3), m.AnalysisBatches, opts with { Function = cancelling }).Run(null, cts.Token));
        AssertBitIdentical(before, ParameterBytes(m.Model));
        var partial = SampleFile.Read(ckpt);
        Assert.Equal(100, partial.Done); // 6 preflight calls, then loop points 0..99
        Assert.Throws<InvalidDataException>(() => new LandscapeSampler(Random(3), m.AnalysisBatches, opts).Run()); // exists, not resuming
        var resumed = new LandscapeSampler(Random(3), m.AnalysisBatches, opts with { Resume = true }).Run();
        var full = new LandscapeSampler(Random(3), m.AnalysisBatches, Small(3, 7)).Run();
        BitAssert.SameBits(full.Landscape!.Values, resumed.Landscape!.Values);
        Assert.True(SampleFile.Read(ckpt).IsComplete);
        // A checkpoint of another run is refused.
        var other = Path.Combine(TempFolders.Create("sampling"), "other.npz");
        File.Copy(ckpt, other);
        var ex = Assert.Throws<InvalidDataException>(() =>
            new LandscapeSampler(Random(3, seed: 99), m.AnalysisBatches, opts with { CheckpointPath = other, Resume = true }).Run());
        Assert.Contains("the directions", ex.Message);
    }

    [Fact]
    public void ProgressReportsReachTotal()
    {
        var m = Model;
        var reports = new List<SamplingProgress>();
        new LandscapeSampler(Random(2), m.AnalysisBatches, Small()).Run(new SyncProgress(reports.Add));
        Assert.Equal(81, reports[^1].Done);
        Assert.Equal(81, reports[^1].Total);
        Assert.True(reports[^1].PointsPerSecond > 0);
    }

    [Fact]
    public void EstimateAndDryRunEvaluateNothingPersistent()
    {
        var m = Model;
        var ckpt = Path.Combine(TempFolders.Create("sampling"), "dry.npz");
        var before = ParameterBytes(m.Model);
        var r = new LandscapeSampler(Random(2), m.AnalysisBatches, Small() with { DryRun = true, CheckpointPath = ckpt }).Run();
        Assert.Null(r.Landscape);
        Assert.Equal(81, r.Estimate.Points);
        Assert.True(r.Estimate.SecondsPerPoint > 0 && r.Estimate.EstimatedSeconds > 0 && r.Estimate.EstimatedBytes > 81 * 8);
        Assert.Equal(4810, r.Estimate.ParameterCount);
        Assert.False(File.Exists(ckpt));
        AssertBitIdentical(before, ParameterBytes(m.Model));
    }

    [Fact]
    public void BadInputFailsBeforeAnyWork()
    {
        var m = Model;
        var batches = m.AnalysisBatches;
        int calls = 0;
        var counting = ScalarFunction.Custom("loss", (mod, b) => { calls++; return ScalarFunction.Loss.Evaluate(mod, b); });
        var sel = ParameterSelection.All(m.Model);

        Assert.Throws<ArgumentException>("directions", () => new LandscapeSampler(Random(1), batches, Small(2) with { Function = counting }));
        Assert.Throws<ArgumentOutOfRangeException>("steps", () => SamplingGrid.Symmetric(2, 1, 0.01));
        Assert.Throws<ArgumentOutOfRangeException>("distances", () => SamplingGrid.Symmetric(2, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>("distances", () => SamplingGrid.Symmetric(2, 5, -1));
        Assert.Throws<ArgumentOutOfRangeException>("distances", () => SamplingGrid.Symmetric(2, 5, double.NaN));
        Assert.Throws<ArgumentException>("coordinates", () => SamplingGrid.FromCoordinates([[0.0]]));
        Assert.Throws<ArgumentException>("batches", () => new LandscapeSampler(Random(2), [], Small()));
        Assert.Throws<ArgumentException>("options", () => new LandscapeSampler(Random(1), batches,
            new SamplingOptions(SamplingGrid.FromCoordinates([[0.0, 1.0]]))));

        // Shapes that do not match the parameters.
        var wrong = sel.Shapes.Select(s => zeros(s.Select(x => x + 1).ToArray())).ToArray();
        Assert.Throws<ArgumentException>("directions[0]", () => new DirectionSet(sel, [wrong]));

        // Zero and non-finite directions (mutated after the set was validated) are caught by the sampler.
        var zero = Random(2);
        foreach (var t in zero.Directions[1]) t.zero_();
        var ex = Assert.Throws<ArgumentException>("directions", () => new LandscapeSampler(zero, batches, Small()));
        Assert.Contains("zero", ex.Message);
        var nan = Random(2);
        nan.Directions[0][1].fill_(double.NaN);
        ex = Assert.Throws<ArgumentException>("directions", () => new LandscapeSampler(nan, batches, Small()));
        Assert.Contains("non-finite", ex.Message);

        // NaN from the scalar function with policy Error: refused on the unperturbed model, before the grid.
        var ckpt = Path.Combine(TempFolders.Create("sampling"), "nan.npz");
        var nanFunction = ScalarFunction.Custom("loss", (_, _) => double.NaN);
        var pex = Assert.Throws<SamplingPointException>(() =>
            new LandscapeSampler(Random(2), batches, Small() with { Function = nanFunction, NonFinite = NonFinitePolicy.Error, CheckpointPath = ckpt }).Run());
        Assert.Contains("θ0", pex.Message);
        Assert.False(File.Exists(ckpt));

        Assert.Throws<ArgumentException>("options", () => new LandscapeSampler(Random(2), batches, Small() with { Resume = true }));
        Assert.Throws<ArgumentOutOfRangeException>("options", () => new LandscapeSampler(Random(2), batches, Small() with { Shard = new ShardSpec(3, 3) }));
        Assert.Throws<FormatException>(() => ShardSpec.Parse("3/3"));
        Assert.Equal(0, calls);
    }

    private sealed class SyncProgress(Action<SamplingProgress> action) : IProgress<SamplingProgress>
    {
        public void Report(SamplingProgress value) => action(value);
    }
}
