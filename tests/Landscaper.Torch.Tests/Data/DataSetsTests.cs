using Landscaper.Data;
using static Landscaper.Tests.Data.DataFiles;

namespace Landscaper.Tests.Data;

public class DataSetsTests
{
    [Fact]
    public void Digits_is_the_seeded_80_20_split()
    {
        var d = DataSets.Load("digits", seed: 3);
        Assert.Equal(Digits.Count, d.Train.Count + d.Test.Count);
        Assert.Equal(359, d.Test.Count);
        Assert.Equal(d.Test.Labels, DataSets.Load("DIGITS", seed: 3).Test.Labels);
        Assert.Equal(100, DataSets.Load("digits", maxSamples: 100).Train.Count);
    }

    [Fact]
    public void Folder_specs_read_local_files()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte"), MnistImages(3, 28, 28));
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte"), MnistLabels([1, 2, 3]));
        File.WriteAllBytes(dir.File("t10k-images-idx3-ubyte"), MnistImages(1, 28, 28));
        File.WriteAllBytes(dir.File("t10k-labels-idx1-ubyte"), MnistLabels([4]));
        File.WriteAllBytes(dir.File("data_batch_1.bin"), CifarRecords(0, [5, 6]));
        File.WriteAllBytes(dir.File("test_batch.bin"), CifarRecords(0, [7]));
        var m = DataSets.Load("mnist:" + dir.Path);
        Assert.Equal([1, 2, 3], m.Train.Labels);
        Assert.Equal([4], m.Test.Labels);
        var c = DataSets.Load("cifar10:" + dir.Path, maxSamples: 1);
        Assert.Equal([5], c.Train.Labels);
        Assert.Equal([3, 32, 32], c.Test.SampleShape);
    }

    [Theory]
    [InlineData("imagenet:/x")]
    [InlineData("mnist:")]
    [InlineData("cifar10")]
    [InlineData("digits:/somewhere")]
    public void Bad_specs_name_the_argument(string spec)
    {
        var ex = Assert.Throws<ArgumentException>(() => DataSets.Load(spec));
        Assert.Equal("spec", ex.ParamName);
    }
}
