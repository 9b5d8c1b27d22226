using System.IO.Compression;
using Landscaper.IO;

namespace Landscaper.Tests.IO;

public class NpzTests
{
    private static string TempPath(string ext = ".npz") => Path.Combine(Path.GetTempPath(), $"npz-test-{Guid.NewGuid():N}{ext}");

    private static byte[] EntryBytes(string npzPath, string entry)
    {
        using var zip = ZipFile.OpenRead(npzPath);
        using var s = zip.GetEntry(entry)!.Open();
        var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void Reference_2d_loads_with_shape_values_and_linspace_coordinates()
    {
        var arrays = Npz.Read(RepoPaths.TestData("rosenbrock_2d.npz"));
        Assert.Equal(["loss", "coordinates"], arrays.Keys);
        Assert.Equal([10L, 10L], arrays["loss"].Shape);
        Assert.Equal([2L, 10L], arrays["coordinates"].Shape);

        var l = Npz.ReadLandscape(RepoPaths.TestData("rosenbrock_2d.npz"));
        Assert.Equal([10, 10], l.Shape);
        var expected = Landscape.Linspace(-1, 1, 10);
        for (int k = 0; k < 2; k++) Assert.Equal(expected, l.Coordinates(k).ToArray());
        Assert.Equal(404.0, l.Values[0]);
        Assert.Equal(0.0, l.Values[99]);
        Assert.Equal((0.0, 404.0), l.Range());
        int argmin = l.Values.IndexOf(l.Range().Min);
        Assert.Equal(99, argmin);
        // Rosenbrock (1-x)^2 + 100(y-x^2)^2 at the grid corner (1, 1) is the minimum 0; value 4/9 at index 56.
        Assert.Equal(4.0 / 9.0, l.Values[56], 12);
    }

    [Fact]
    public void Reference_5d_loads_with_shape_and_coordinates()
    {
        var l = Npz.ReadLandscape(RepoPaths.TestData("rosenbrock_5d.npz"));
        Assert.Equal([5, 5, 5, 5, 5], l.Shape);
        Assert.Equal(3125, l.Count);
        for (int k = 0; k < 5; k++) Assert.Equal([-1.0, -0.5, 0, 0.5, 1], l.Coordinates(k).ToArray());
        Assert.All(l.ValuesMemory.ToArray(), v => Assert.True(double.IsFinite(v) && v >= 0));
    }

    [Theory]
    [InlineData("rosenbrock_2d.npz")]
    [InlineData("rosenbrock_5d.npz")]
    public void Rewriting_a_reference_file_gives_byte_identical_npy_entries(string name)
    {
        string src = RepoPaths.TestData(name);
        string dst = TempPath();
        try
        {
            Npz.WriteLandscape(dst, Npz.ReadLandscape(src));
            foreach (var entry in new[] { "loss.npy", "coordinates.npy" })
                Assert.Equal(EntryBytes(src, entry), EntryBytes(dst, entry));
            using var zip = ZipFile.OpenRead(dst);
            Assert.Equal(["loss.npy", "coordinates.npy"], zip.Entries.Select(e => e.FullName));
        }
        finally { File.Delete(dst); }
    }

    public static TheoryData<int[]> Grids() => new()
    {
        new[] { 7 },
        new[] { 4, 4 },
        new[] { 3, 3, 3 },
        new[] { 3, 3, 3, 3 },
        new[] { 2, 2, 2, 2, 2 },
        new[] { 2, 2, 2, 2, 2, 2 },
        new[] { 5, 7 },
        new[] { 1, 4 },
        new[] { 2, 3, 4 },
        new[] { 3, 1, 2, 2, 1, 4 },
    };

    private static Landscape MakeLandscape(int[] shape, int seed)
    {
        var rng = new Random(seed);
        var coords = shape.Select(n => Enumerable.Range(0, n).Select(i => i * 0.37 - rng.NextDouble()).Distinct().OrderBy(v => v).ToArray()).ToArray();
        // Distinct().OrderBy keeps them strictly increasing; the spacing 0.37 > 1 - 0 is not guaranteed, so rebuild if needed.
        for (int k = 0; k < coords.Length; k++)
            if (coords[k].Length != shape[k]) coords[k] = Landscape.Linspace(-1, 1, shape[k]);
        int n = shape.Aggregate(1, (p, d) => p * d);
        var values = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 1e3 - 10).ToArray();
        values[0] = double.NaN;
        if (n > 1) values[n - 1] = -0.0;
        return new Landscape(values, coords);
    }

    private static void AssertBitIdentical(Landscape expected, Landscape actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(
            expected.Values.ToArray().Select(BitConverter.DoubleToInt64Bits),
            actual.Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
        for (int k = 0; k < expected.Dimensions; k++)
            Assert.Equal(
                expected.Coordinates(k).ToArray().Select(BitConverter.DoubleToInt64Bits),
                actual.Coordinates(k).ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(Grids))]
    public void Landscape_round_trip_is_bit_identical(int[] shape)
    {
        var l = MakeLandscape(shape, shape.Sum());
        string path = TempPath();
        try
        {
            Npz.WriteLandscape(path, l);
            AssertBitIdentical(l, Npz.ReadLandscape(path));
            var keys = Npz.Read(path).Keys.ToArray();
            if (shape.All(n => n == shape[0]))
                Assert.Equal(["loss", "coordinates"], keys);
            else
                Assert.Equal(new[] { "loss" }.Concat(Enumerable.Range(0, shape.Length).Select(k => $"coordinates_{k}")), keys);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Landscape_stream_round_trip()
    {
        var l = MakeLandscape([3, 5], 1);
        var ms = new MemoryStream();
        Npz.WriteLandscape(ms, l);
        ms.Position = 0;
        AssertBitIdentical(l, Npz.ReadLandscape(ms));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_stored_and_deflated_entries_built_by_hand(bool deflate)
    {
        var loss = NpyTestBytes.Build(NpyTestBytes.Dict(">f4", true, "(2, 3)"), NpyTestBytes.Encode(">f4", [0, 3, 1, 4, 2, 5]));
        var coords0 = NpyTestBytes.Build(NpyTestBytes.Dict("<i2", false, "(2,)"), NpyTestBytes.Encode("<i2", [-1, 1]), major: 2);
        var coords1 = NpyTestBytes.Build(NpyTestBytes.Dict("<f8", false, "(3,)"), NpyTestBytes.Encode("<f8", [0, 0.5, 1]), major: 3);
        var zip = NpyTestBytes.Zip([("loss.npy", loss), ("coordinates_0.npy", coords0), ("coordinates_1.npy", coords1), ("README.txt", [1, 2, 3])], deflate);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
            Assert.All(archive.Entries.Where(e => e.Name.EndsWith(".npy")), e => Assert.Equal(deflate, e.CompressedLength != e.Length));
        var arrays = Npz.Read(new MemoryStream(zip));
        Assert.Equal(["loss", "coordinates_0", "coordinates_1"], arrays.Keys);
        var l = Npz.ReadLandscape(new MemoryStream(zip));
        Assert.Equal([2, 3], l.Shape);
        Assert.Equal([0.0, 1, 2, 3, 4, 5], l.Values.ToArray());
        Assert.Equal([-1.0, 1], l.Coordinates(0).ToArray());
        Assert.Equal([0.0, 0.5, 1], l.Coordinates(1).ToArray());
    }

    [Fact]
    public void One_dimensional_landscape_accepts_flat_coordinates()
    {
        var zip = NpyTestBytes.Zip([
            ("loss.npy", NpyTestBytes.Float64([3, 2, 1], "(3,)")),
            ("coordinates.npy", NpyTestBytes.Float64([0, 1, 2], "(3,)"))], deflate: false);
        var l = Npz.ReadLandscape(new MemoryStream(zip));
        Assert.Equal([0.0, 1, 2], l.Coordinates(0).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_read_archive_with_compression_choice(bool compress)
    {
        var arrays = new Dictionary<string, NpyArray>
        {
            ["a"] = new NpyArray(new double[1000], [10, 100]),
            ["b.c"] = new NpyArray([1.0], []),
        };
        string path = TempPath();
        try
        {
            Npz.Write(path, arrays, compress);
            using (var zip = ZipFile.OpenRead(path))
            {
                var e = zip.GetEntry("a.npy")!;
                Assert.Equal(compress, e.CompressedLength < e.Length);
            }
            var back = Npz.Read(path);
            Assert.Equal(arrays["a"], back["a"]);
            Assert.Equal(arrays["b.c"], back["b.c"]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Write_is_atomic_overwrite_and_leaves_no_temp_files()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"npz-atomic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "l.npz");
            File.WriteAllText(path, "old content");
            var l = MakeLandscape([4, 4], 3);
            Npz.WriteLandscape(path, l);
            AssertBitIdentical(l, Npz.ReadLandscape(path));
            Assert.Equal(["l.npz"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.Throws<ArgumentException>(() => Npz.Write(path, new Dictionary<string, NpyArray> { [""] = new NpyArray([1.0], [1]) }));
            AssertBitIdentical(l, Npz.ReadLandscape(path)); // failed write left the old file
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => Npz.ReadLandscape(TempPath()));
    }
}
