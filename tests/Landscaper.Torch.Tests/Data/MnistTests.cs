using Landscaper.Data;
using static Landscaper.Tests.Data.DataFiles;

namespace Landscaper.Tests.Data;

public class MnistTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trip_of_plain_and_gzip_files(bool gzip)
    {
        using var dir = new TempDir();
        int[] labels = [3, 0, 9, 7, 1];
        byte[] images = MnistImages(labels.Length, 28, 28), lab = MnistLabels(labels);
        File.WriteAllBytes(dir.File("i"), gzip ? Gzip(images) : images);
        File.WriteAllBytes(dir.File("l"), gzip ? Gzip(lab) : lab);
        var ds = Mnist.ReadFiles(dir.File("i"), dir.File("l"), "t");
        Assert.Equal([1, 28, 28], ds.SampleShape);
        Assert.Equal(labels, ds.Labels);
        Assert.Equal(10, ds.ClassCount);
        Assert.Equal(labels.Length * 784, ds.Features.Length);
        for (int i = 0; i < labels.Length; i++)
            for (int j = 0; j < 784; j += 97)
                Assert.Equal(Pixel(i, j) / 255f, ds.Features[i * 784 + j]);
        Assert.InRange(ds.Features.Min(), 0f, 1f);
        Assert.InRange(ds.Features.Max(), 0f, 1f);
    }

    [Fact]
    public void Load_finds_standard_names_with_and_without_gz()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte.gz"), Gzip(MnistImages(4, 28, 28)));
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte.gz"), Gzip(MnistLabels([1, 2, 3, 4])));
        File.WriteAllBytes(dir.File("t10k-images.idx3-ubyte"), MnistImages(2, 28, 28));
        File.WriteAllBytes(dir.File("t10k-labels.idx1-ubyte"), MnistLabels([5, 6]));
        var train = Mnist.Load(dir.Path, train: true);
        var test = Mnist.Load(dir.Path, train: false);
        Assert.Equal([1, 2, 3, 4], train.Labels);
        Assert.Equal([5, 6], test.Labels);
        Assert.Equal("mnist-test", test.Name);
        File.Delete(dir.File("t10k-labels.idx1-ubyte"));
        var ex = Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir.Path, train: false));
        Assert.Contains("t10k-labels-idx1-ubyte", ex.Message);
    }

    private static InvalidDataException Hostile(byte[] images, byte[] labels) =>
        Assert.Throws<InvalidDataException>(() => Mnist.Read(new MemoryStream(images), new MemoryStream(labels)));

    [Fact]
    public void Bad_magic_numbers_are_named()
    {
        var ex = Hostile(Idx(0x801, [2, 28, 28], new byte[2 * 784]), MnistLabels([0, 1]));
        Assert.Contains("bad magic number 0x00000801", ex.Message);
        Assert.Contains("0x00000803", ex.Message);
        ex = Hostile(MnistImages(2, 28, 28), Idx(0x803, [2], [0, 1]));
        Assert.Contains("labels: bad magic number", ex.Message);
    }

    [Fact]
    public void Count_mismatch_between_images_and_labels()
    {
        var ex = Hostile(MnistImages(3, 28, 28), MnistLabels([0, 1]));
        Assert.Contains("Count mismatch", ex.Message);
        Assert.Contains("3 images", ex.Message);
        Assert.Contains("2 labels", ex.Message);
    }

    [Fact]
    public void Truncated_files_and_trailing_bytes()
    {
        var images = MnistImages(3, 28, 28);
        var ex = Hostile(images[..^1], MnistLabels([0, 1, 2]));
        Assert.Contains("truncated", ex.Message);
        ex = Hostile(images[..10], MnistLabels([0, 1, 2]));
        Assert.Contains("header", ex.Message);
        ex = Hostile(images, MnistLabels([0, 1, 2])[..^1]);
        Assert.Contains("truncated", ex.Message);
        ex = Hostile([.. images, 0], MnistLabels([0, 1, 2]));
        Assert.Contains("unexpected bytes", ex.Message);
        // Truncated gzip data (non-seekable stream): detected while reading.
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("i.gz"), Gzip(images[..^5]));
        File.WriteAllBytes(dir.File("l"), MnistLabels([0, 1, 2]));
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Mnist.ReadFiles(dir.File("i.gz"), dir.File("l"))).Message);
    }

    [Fact]
    public void Label_out_of_range()
    {
        var ex = Hostile(MnistImages(3, 28, 28), MnistLabels([0, 10, 2]));
        Assert.Contains("label 10 of sample 1", ex.Message);
    }

    [Fact]
    public void Hostile_headers_do_not_allocate_what_they_claim()
    {
        // 2^31-1 images of 28×28 declared in a 16-byte file (plain and gzip): an error, not an OutOfMemoryException.
        var images = Idx(0x803, [int.MaxValue, 28, 28], []);
        var labels = Idx(0x801, [int.MaxValue], []);
        Assert.Contains("exceed", Hostile(images, labels).Message);
        var fewer = Idx(0x803, [1_000_000, 28, 28], new byte[100]);
        var fewerLabels = Idx(0x801, [1_000_000], new byte[100]);
        Assert.Contains("truncated", Hostile(fewer, fewerLabels).Message);
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("i.gz"), Gzip(fewer));
        File.WriteAllBytes(dir.File("l.gz"), Gzip(Idx(0x801, [1_000_000], new byte[1_000_000])));
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Mnist.ReadFiles(dir.File("i.gz"), dir.File("l.gz"))).Message);
        Assert.Contains("outside 1..4096", Hostile(Idx(0x803, [1, 0, 28], []), MnistLabels([0])).Message);
        Assert.Contains("negative", Hostile(Idx(0x803, [-1, 28, 28], []), MnistLabels([0])).Message);
    }
}
