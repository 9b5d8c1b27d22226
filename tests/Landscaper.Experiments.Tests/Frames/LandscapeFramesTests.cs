using Deedle;
using Landscaper.IO;
using Landscaper.Frames;

namespace Landscaper.Tests.IO;

public class LandscapeFramesTests
{
    private static Landscape Grid(int[] shape, LandscapeMetadata? metadata = null)
    {
        var coords = shape.Select((n, k) => Enumerable.Range(0, n).Select(i => i * (k + 1.5) - 2).ToArray()).ToArray();
        int count = shape.Aggregate(1, (p, d) => p * d);
        return new Landscape(Enumerable.Range(0, count).Select(i => i * 0.25 - 3).ToArray(), coords, metadata);
    }

    private static Frame<int, string> Shuffle(Frame<int, string> frame, int seed)
    {
        var rng = new Random(seed);
        var order = frame.RowKeys.OrderBy(_ => rng.Next()).ToArray();
        var cols = frame.ColumnKeys.Select(c =>
        {
            var s = frame.GetColumn<double>(c);
            return new KeyValuePair<string, Series<int, double>>(c, new Series<int, double>(Enumerable.Range(0, order.Length), order.Select(k => s[k])));
        });
        return Frame.FromColumns(cols);
    }

    [Fact]
    public void ToFrame_has_one_row_per_point_and_default_columns()
    {
        var l = Grid([2, 3]);
        var f = LandscapeFrames.ToFrame(l);
        Assert.Equal(["x0", "x1", "loss"], f.ColumnKeys);
        Assert.Equal(Enumerable.Range(0, 6), f.RowKeys);
        for (int i = 0; i < 6; i++)
        {
            var p = l.PointCoordinates(i);
            Assert.Equal(p[0], f.GetColumn<double>("x0")[i]);
            Assert.Equal(p[1], f.GetColumn<double>("x1")[i]);
            Assert.Equal(l.Values[i], f.GetColumn<double>("loss")[i]);
        }
    }

    [Fact]
    public void ToFrame_uses_metadata_names()
    {
        var l = Grid([2, 2], new LandscapeMetadata(Quantity: "accuracy", DirectionNames: ["alpha", "beta"]));
        var f = LandscapeFrames.ToFrame(l);
        Assert.Equal(["alpha", "beta", "accuracy"], f.ColumnKeys);
        var back = LandscapeFrames.FromFrame(f, "accuracy");
        Assert.Equal(["alpha", "beta"], back.Metadata.DirectionNames!);
        Assert.Equal("accuracy", back.Metadata.Quantity);
    }

    [Fact]
    public void ToFrame_rejects_inconsistent_direction_names()
    {
        Assert.Throws<ArgumentException>(() => LandscapeFrames.ToFrame(Grid([2, 2], new LandscapeMetadata(DirectionNames: ["a"]))));
        Assert.Throws<ArgumentException>(() => LandscapeFrames.ToFrame(Grid([2, 2], new LandscapeMetadata(DirectionNames: ["a", "a"]))));
        Assert.Throws<ArgumentException>(() => LandscapeFrames.ToFrame(Grid([2, 2], new LandscapeMetadata(DirectionNames: ["a", "loss"]))));
    }

    [Theory]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { 3, 4 })]
    [InlineData(new[] { 2, 3, 2 })]
    [InlineData(new[] { 2, 2, 2, 3 })]
    [InlineData(new[] { 1, 3, 1 })]
    public void Round_trip_in_any_row_order(int[] shape)
    {
        var l = Grid(shape);
        var f = Shuffle(LandscapeFrames.ToFrame(l), shape.Length);
        var names = Enumerable.Range(0, shape.Length).Select(LandscapeFrames.DefaultCoordinateColumn).ToArray();
        var back = LandscapeFrames.FromFrame(f, names, "loss");
        Assert.Equal(l.Shape, back.Shape);
        Assert.Equal(l.Values.ToArray(), back.Values.ToArray());
        for (int k = 0; k < shape.Length; k++) Assert.Equal(l.Coordinates(k).ToArray(), back.Coordinates(k).ToArray());
    }

    [Fact]
    public void NaN_values_survive_as_missing_cells()
    {
        var l = new Landscape([1.0, double.NaN, 3, 4], [[0.0, 1], [0.0, 1]]);
        var back = LandscapeFrames.FromFrame(LandscapeFrames.ToFrame(l));
        Assert.True(double.IsNaN(back.Values[1]));
        Assert.Equal(4.0, back.Values[3]);
    }

    private static Frame<int, string> Points(params (double X, double Y, double V)[] rows)
    {
        var keys = Enumerable.Range(0, rows.Length).ToArray();
        return Frame.FromColumns(new[]
        {
            new KeyValuePair<string, Series<int, double>>("x", new Series<int, double>(keys, rows.Select(r => r.X))),
            new KeyValuePair<string, Series<int, double>>("y", new Series<int, double>(keys, rows.Select(r => r.Y))),
            new KeyValuePair<string, Series<int, double>>("v", new Series<int, double>(keys, rows.Select(r => r.V))),
        });
    }

    [Fact]
    public void FromFrame_rejects_duplicates_missing_points_and_bad_columns()
    {
        var dup = Points((0, 0, 1), (0, 1, 2), (1, 0, 3), (1, 1, 4), (0, 1, 5));
        var e = Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(dup, ["x", "y"], "v"));
        Assert.Contains("rows 1 and 4 are both at (0, 1)", e.Message);

        var dupSameCount = Points((0, 0, 1), (0, 1, 2), (1, 0, 3), (0, 0, 4));
        Assert.Contains("both at (0, 0)", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(dupSameCount, ["x", "y"], "v")).Message);

        var missing = Points((0, 0, 1), (0, 1, 2), (1, 0, 3));
        Assert.Contains("points are missing", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(missing, ["x", "y"], "v")).Message);

        var ok = Points((1, 1, 4), (0, 0, 1), (1, 0, 3), (0, 1, 2));
        Assert.Equal([1.0, 2, 3, 4], LandscapeFrames.FromFrame(ok, ["x", "y"], "v").Values.ToArray());

        Assert.Contains("no coordinate column 'z'", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(ok, ["x", "z"], "v")).Message);
        Assert.Contains("no value column 'w'", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(ok, ["x", "y"], "w")).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(ok, ["x", "x"], "v")).Message);
        Assert.Contains("both a coordinate and the value", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(ok, ["x", "v"], "v")).Message);
        Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(ok, [], "v"));

        var nanCoord = Points((0, 0, 1), (double.NaN, 1, 2));
        Assert.Contains("missing (or NaN)", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(nanCoord, ["x", "y"], "v")).Message);
        var infCoord = Points((0, 0, 1), (double.PositiveInfinity, 1, 2));
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => LandscapeFrames.FromFrame(infCoord, ["x", "y"], "v")).Message);
    }

    [Fact]
    public void FromFrame_reads_integer_columns_and_large_grids()
    {
        var keys = Enumerable.Range(0, 6).ToArray();
        var f = Frame.FromColumns(new[]
        {
            new KeyValuePair<string, Series<int, int>>("i", new Series<int, int>(keys, [0, 0, 0, 1, 1, 1])),
            new KeyValuePair<string, Series<int, int>>("j", new Series<int, int>(keys, [0, 1, 2, 0, 1, 2])),
            new KeyValuePair<string, Series<int, int>>("loss", new Series<int, int>(keys, [5, 4, 3, 2, 1, 0])),
        });
        var l = LandscapeFrames.FromFrame(f);
        Assert.Equal([2, 3], l.Shape);
        Assert.Equal([5.0, 4, 3, 2, 1, 0], l.Values.ToArray());

        var big = Npz.ReadLandscape(RepoPaths.TestData("rosenbrock_5d.npz"));
        var back = LandscapeFrames.FromFrame(Shuffle(LandscapeFrames.ToFrame(big), 11));
        Assert.Equal(big.Values.ToArray(), back.Values.ToArray());
    }
}
