using Landscaper.Data;
using static Landscaper.Tests.Data.DataFiles;

namespace Landscaper.Tests.Data;

public class Cifar10Tests
{
    [Fact]
    public void Round_trip_of_train_batches_in_order_and_test_batch()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("data_batch_2.bin"), CifarRecords(2, [4, 5]));
        File.WriteAllBytes(dir.File("data_batch_1.bin"), CifarRecords(0, [0, 9]));
        File.WriteAllBytes(dir.File("test_batch.bin"), CifarRecords(100, [3]));
        var train = Cifar10.Load(dir.Path, train: true);
        Assert.Equal([3, 32, 32], train.SampleShape);
        Assert.Equal([0, 9, 4, 5], train.Labels);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3072; j += 101)
                Assert.Equal(Pixel(i, j) / 255f, train.Features[i * 3072 + j]);
        // Channel-major: red plane first — the pixel (c=1, y=2, x=3) sits at 1024 + 2·32 + 3.
        Assert.Equal(Pixel(0, 1024 + 67) / 255f, train.Features[1024 + 67]);
        var test = Cifar10.Load(dir.Path, train: false);
        Assert.Equal([3], test.Labels);
        Assert.Equal(Pixel(100, 5) / 255f, test.Features[5]);
        Assert.Equal([0, 9, 4], Cifar10.Load(dir.Path, train: true, maxSamples: 3).Labels);
        Assert.Equal("truck", Cifar10.ClassNames[9]);
    }

    [Fact]
    public void Hostile_files()
    {
        var good = CifarRecords(0, [1, 2]);
        var ex = Assert.Throws<InvalidDataException>(() => Cifar10.Read(new MemoryStream(good[..^1]), "b.bin"));
        Assert.Contains("b.bin: truncated", ex.Message);
        Assert.Contains("3,072 bytes", ex.Message);
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => Cifar10.Read(new MemoryStream([]), "e.bin")).Message);
        var bad = CifarRecords(0, [1, 2]);
        bad[3073] = 10;
        Assert.Contains("label 10 of record 1", Assert.Throws<InvalidDataException>(() => Cifar10.Read(new MemoryStream(bad), "x")).Message);
        using var dir = new TempDir();
        Assert.Throws<FileNotFoundException>(() => Cifar10.Load(dir.Path, train: true));
        Assert.Throws<FileNotFoundException>(() => Cifar10.Load(dir.Path, train: false));
        Assert.Throws<DirectoryNotFoundException>(() => Cifar10.Load(dir.File("missing")));
    }
}
