using Landscaper.Molecules;

namespace Landscaper.Tests.Molecules;

public class OodSplitTests
{
    private static void AssertPartition(OodSplit s, int n)
    {
        var all = s.Train.Concat(s.IdTest).Concat(s.OodTest).Concat(s.Excluded).ToArray();
        Assert.Equal(n, all.Length);                                   // every molecule in exactly one part ...
        Assert.Equal(Enumerable.Range(0, n), all.Order());             // ... and none in two
        foreach (var part in new[] { s.Train, s.IdTest, s.OodTest, s.Excluded })
            Assert.Equal(part.Order(), part);                          // ascending
        Assert.NotEmpty(s.Train);
        Assert.NotEmpty(s.IdTest);
        Assert.NotEmpty(s.OodTest);
    }

    [Fact]
    public void Property_tail_split_has_the_documented_thresholds()
    {
        var labels = MoleculeData.Dataset.Label("homo_lumo_gap_ev");
        int n = labels.Length;
        var s = OodSplits.PropertyTail("homo_lumo_gap_ev", labels, seed: 1);
        AssertPartition(s, n);
        var sorted = labels.Order().ToArray();
        Assert.Equal(sorted[(int)Math.Floor(0.85 * n)], s.LowerThreshold);
        Assert.Equal(sorted[(int)Math.Floor(0.90 * n)], s.UpperThreshold);
        Assert.All(s.Train.Concat(s.IdTest), i => Assert.True(labels[i] < s.LowerThreshold));
        Assert.All(s.OodTest, i => Assert.True(labels[i] >= s.UpperThreshold));
        Assert.All(s.Excluded, i => Assert.True(labels[i] >= s.LowerThreshold && labels[i] < s.UpperThreshold));
        Assert.Equal((int)Math.Round(0.10 * n), s.IdTest.Length);
        Assert.InRange(s.OodTest.Length, 0.09 * n, 0.11 * n);
        Assert.InRange(s.Train.Length + s.IdTest.Length, 0.84 * n, 0.86 * n);
        // The ID hold-out is seeded.
        Assert.Equal(s.IdTest, OodSplits.PropertyTail("homo_lumo_gap_ev", labels, seed: 1).IdTest);
        Assert.NotEqual(s.IdTest, OodSplits.PropertyTail("homo_lumo_gap_ev", labels, seed: 2).IdTest);
    }

    [Fact]
    public void Property_tail_ties_stay_on_one_side()
    {
        double[] labels = [1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4];
        var s = OodSplits.PropertyTail("x", labels, new OodSplitOptions(TrainQuantile: 0.5, OodQuantile: 0.9, IdTestFraction: 0.1));
        AssertPartition(s, labels.Length);
        Assert.Equal(3, s.LowerThreshold);   // sorted[10] = 3: the pool is every 1 and 2
        Assert.Equal(3, s.UpperThreshold);   // sorted[18] = 3: all the 3s and the 4 are OOD
        Assert.Equal(10, s.Train.Length + s.IdTest.Length);
        Assert.Equal(10, s.OodTest.Length);
        Assert.Empty(s.Excluded);
    }

    [Theory]
    [InlineData(ScaffoldOrder.LargestFirst, 0)]
    [InlineData(ScaffoldOrder.Seeded, 0)]
    [InlineData(ScaffoldOrder.Seeded, 5)]
    public void Scaffold_groups_never_straddle_train_and_OOD(ScaffoldOrder order, int seed)
    {
        var data = MoleculeData.Dataset;
        var keys = data.ScaffoldGroups.Keys;
        var s = OodSplits.Scaffold("homo_lumo_gap_ev", keys, new OodSplitOptions(ScaffoldOrder: order), seed);
        AssertPartition(s, data.Count);
        Assert.Empty(s.Excluded);
        var trainScaffolds = s.Train.Concat(s.IdTest).Select(i => keys[i]).ToHashSet(StringComparer.Ordinal);
        var oodScaffolds = s.OodTest.Select(i => keys[i]).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(trainScaffolds.Intersect(oodScaffolds));
        Assert.All(s.IdTest, i => Assert.Contains(keys[i], trainScaffolds));
        int target = (int)Math.Round(0.10 * data.Count);
        Assert.True(s.OodTest.Length >= (order == ScaffoldOrder.LargestFirst ? target : 1));
        Assert.InRange(s.OodTest.Length, 1, 2 * target);   // the last group taken may overshoot by less than its size
        if (order == ScaffoldOrder.LargestFirst)
        {
            // Held-out groups are the smallest: none is larger than the smallest training group.
            int smallestTrain = trainScaffolds.Min(k => data.ScaffoldGroups.Groups.First(g => g.Key == k).Members.Count);
            int largestOod = oodScaffolds.Max(k => data.ScaffoldGroups.Groups.First(g => g.Key == k).Members.Count);
            Assert.True(largestOod <= smallestTrain, $"OOD group of {largestOod} vs training group of {smallestTrain}");
        }
        else
        {
            Assert.True(s.OodTest.Length >= target);
            Assert.NotEqual(s.OodTest, OodSplits.Scaffold("homo_lumo_gap_ev", keys, new OodSplitOptions(ScaffoldOrder: order), seed + 1).OodTest);
        }
    }

    [Fact]
    public void Random_split_sizes_and_seeds()
    {
        var s = OodSplits.Random("x", 1000, seed: 3);
        AssertPartition(s, 1000);
        Assert.Equal(100, s.OodTest.Length);
        Assert.Equal(100, s.IdTest.Length);
        Assert.Equal(800, s.Train.Length);
        Assert.Equal(s.OodTest, OodSplits.Random("x", 1000, seed: 3).OodTest);
        Assert.NotEqual(s.OodTest, OodSplits.Random("x", 1000, seed: 4).OodTest);
    }

    [Fact]
    public void Bad_inputs_throw()
    {
        Assert.Throws<ArgumentException>(() => OodSplits.Make(OodSplitKind.Scaffold, "x", [1, 2, 3, 4, 5], null));
        Assert.Throws<ArgumentException>(() => OodSplits.PropertyTail("x", [1, 2, double.NaN, 4, 5]));
        Assert.Throws<ArgumentException>(() => OodSplits.Random("x", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => OodSplits.Random("x", 100, new OodSplitOptions(IdTestFraction: 0.6, OodFraction: 0.5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OodSplits.PropertyTail("x", [1, 2, 3, 4, 5], new OodSplitOptions(TrainQuantile: 0.9, OodQuantile: 0.8)));
    }

    [Fact]
    public void Label_scaler_uses_the_training_molecules_only()
    {
        double[] labels = [1, 2, 3, 100, 200];
        var s = LabelScaler.Fit(labels, [0, 1, 2]);
        Assert.Equal(2, s.Mean, 12);
        Assert.Equal(1, s.Sd, 12);   // sample sd of 1, 2, 3
        Assert.Equal(98, s.Transform(100), 12);
        Assert.Equal(100, s.Inverse(s.Transform(100)), 12);
        Assert.Throws<ArgumentException>(() => LabelScaler.Fit(labels, [0]));
        Assert.Throws<ArgumentException>(() => LabelScaler.Fit([5, 5, 5], [0, 1, 2]));
        Assert.Throws<ArgumentException>(() => LabelScaler.Fit(labels, [0, 9]));
    }
}
