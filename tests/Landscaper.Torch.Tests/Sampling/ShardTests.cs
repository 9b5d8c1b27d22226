using CsCheck;
using Landscaper.Sampling;
using static Landscaper.Tests.Sampling.SamplingTestSupport;

namespace Landscaper.Tests.Sampling;

[Collection("Sampling")]
public sealed class ShardTests
{
    private static SamplingOptions Opts() => new(SamplingGrid.Symmetric([7, 5], [0.02, 0.01])) { ModelName = "mlp-digits" };

    [Fact]
    public void ShardRangesPartitionTheGrid()
    {
        foreach (int total in new[] { 1, 7, 35, 1681 })
            for (int n = 1; n <= Math.Min(total, 9); n++)
            {
                int next = 0;
                for (int i = 0; i < n; i++)
                {
                    var (s, e) = new ShardSpec(i, n).Range(total);
                    Assert.Equal(next, s);
                    Assert.True(e > s);
                    next = e;
                }
                Assert.Equal(total, next);
            }
        Assert.Equal(new ShardSpec(2, 5), ShardSpec.Parse("2/5"));
    }

    [Fact]
    public void ShardsMergeBitIdenticallyAndBadSetsAreRefused()
    {
        var m = Model;
        var dir = TempFolders.Create("sampling");
        var full = new LandscapeSampler(Random(2), m.AnalysisBatches, Opts()).Run().Landscape!;
        var paths = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            var p = Path.Combine(dir, $"part-{i}.npz");
            var r = new LandscapeSampler(Random(2), m.AnalysisBatches, Opts() with { Shard = new ShardSpec(i, 4), CheckpointPath = p }).Run();
            Assert.Null(r.Landscape);
            paths.Add(p);
        }
        paths.Reverse();
        var (merged, file) = SampleMerge.Merge(paths);
        BitAssert.SameBits(full.Values, merged.Values);
        Assert.Equal(full.CoordinateAxes[0], merged.CoordinateAxes[0]);
        Assert.True(file.IsComplete);

        // Missing shard.
        var ex = Assert.Throws<InvalidDataException>(() => SampleMerge.Merge(paths.Take(3).ToList()));
        Assert.Contains("missing", ex.Message);
        // Overlap: the same shard twice.
        ex = Assert.Throws<InvalidDataException>(() => SampleMerge.Merge([.. paths, paths[0]]));
        Assert.Contains("overlap", ex.Message);
        // Incomplete shard.
        var partial = SampleFile.Read(paths[1]);
        var incomplete = Path.Combine(dir, "incomplete.npz");
        SampleFile.Write(incomplete, partial with { Done = partial.Done - 1 });
        ex = Assert.Throws<InvalidDataException>(() => SampleMerge.Merge([paths[0], incomplete, paths[2], paths[3]]));
        Assert.Contains("incomplete", ex.Message);
        // Inconsistent: different directions, different grid, different model.
        var other = Path.Combine(dir, "other.npz");
        new LandscapeSampler(Random(2, seed: 5), m.AnalysisBatches, Opts() with { Shard = new ShardSpec(0, 4), CheckpointPath = other }).Run();
        ex = Assert.Throws<InvalidDataException>(() => SampleMerge.Merge([other, paths[0], paths[1], paths[2]]));
        Assert.Contains("the directions", ex.Message);
        var otherModel = Path.Combine(dir, "othermodel.npz");
        var f = SampleFile.Read(paths[3]);
        SampleFile.Write(otherModel, f with { Header = f.Header with { ModelFingerprint = new string('0', 64) } });
        ex = Assert.Throws<InvalidDataException>(() => SampleMerge.Merge([paths[0], paths[1], paths[2], otherModel]));
        Assert.Contains("the model parameters", ex.Message);
        var otherData = Path.Combine(dir, "otherdata.npz");
        SampleFile.Write(otherData, f with { Header = f.Header with { DataFingerprint = new string('1', 64) } });
        ex = Assert.Throws<InvalidDataException>(() => SampleMerge.Merge([paths[0], paths[1], paths[2], otherData]));
        Assert.Contains("the data", ex.Message);
        var otherGrid = Path.Combine(dir, "othergrid.npz");
        SampleFile.Write(otherGrid, f with { Header = f.Header with { Coordinates = [f.Header.Coordinates[0], f.Header.Coordinates[0]] } });
        Assert.Throws<InvalidDataException>(() => SampleMerge.Merge([paths[0], paths[1], paths[2], otherGrid]));
    }

    [Fact]
    public void SampleFileRoundTripsAndDetectsCorruption()
    {
        var dir = TempFolders.Create("sampling");
        var header = new SampleFileHeader("m", new string('a', 64), new string('c', 64), "random", new string('b', 64), ["d0"], "loss", SamplingScale.Plain,
            [[-1.0, 0.1 + 0.2, 1.0]], null, 0, 1, 0, 3, new Dictionary<string, string> { ["seed"] = "1" });
        var file = new SampleFile(header, [1.5, double.PositiveInfinity, double.NaN], 2);
        var path = Path.Combine(dir, "x.npz");
        SampleFile.Write(path, file);
        var back = SampleFile.Read(path);
        Assert.Null(back.Header.FirstDifference(header));
        Assert.Equal(0.1 + 0.2, back.Header.Coordinates[0][1]);
        Assert.Equal(2, back.Done);
        Assert.Equal(1.5, back.Values[0]);
        Assert.True(double.IsPositiveInfinity(back.Values[1]));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        var bytes = File.ReadAllBytes(path);
        int values = bytes.AsSpan().IndexOf("values.npy"u8);
        bytes[values + 10 + 128 + 9] ^= 1; // in values[1] (after the name and the 128-byte npy header): the CRC-32 no longer matches
        File.WriteAllBytes(path, bytes);
        Assert.Contains("CRC-32", Assert.Throws<Landscaper.IO.NpyFormatException>(() => SampleFile.Read(path)).Message);
        File.WriteAllBytes(path, bytes[..20]);
        Assert.Throws<Landscaper.IO.NpyFormatException>(() => SampleFile.Read(path));
    }
}

public sealed class ShardPropertyTests
{
    [Fact]
    public void AnyShardCountPartitionsAnyGridIntoContiguousDisjointRanges()
    {
        var gen = from total in Gen.Int[1, 200_000]
                  from n in Gen.Int[1, Math.Min(total, 512)]
                  select (total, n);
        gen.Sample(t =>
            {
                var (total, n) = t;
                int next = 0;
                for (int i = 0; i < n; i++)
                {
                    var (s, e) = new ShardSpec(i, n).Range(total);
                    if (s != next || e < s) return false;
                    next = e;
                }
                return next == total && ShardSpec.Parse(new ShardSpec(n - 1, n).ToString()) == new ShardSpec(n - 1, n);
            });
    }
}
