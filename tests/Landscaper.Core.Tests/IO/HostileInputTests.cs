using System.Diagnostics;
using Landscaper.IO;

namespace Landscaper.Tests.IO;

public class HostileInputTests
{
    private static NpyFormatException NpyFails(byte[] bytes) => Assert.Throws<NpyFormatException>(() => Npy.FromBytes(bytes));

    private static NpyFormatException NpzFails(byte[] zip) => Assert.Throws<NpyFormatException>(() => Npz.ReadLandscape(new MemoryStream(zip)));

    private static byte[] Header(string dict, byte[]? data = null) => NpyTestBytes.Build(dict, data ?? new byte[16]);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(9)]
    public void Truncated_preamble(int length)
    {
        var bytes = NpyTestBytes.Float64([1, 2], "(2,)")[..length];
        Assert.Contains("truncated", NpyFails(bytes).Message);
    }

    [Fact]
    public void Bad_magic_and_version()
    {
        var good = NpyTestBytes.Float64([1, 2], "(2,)");
        var bad = (byte[])good.Clone(); bad[1] = (byte)'X';
        Assert.Contains("bad magic", NpyFails(bad).Message);
        bad = (byte[])good.Clone(); bad[6] = 4;
        Assert.Contains("version 4.0", NpyFails(bad).Message);
        bad = (byte[])good.Clone(); bad[7] = 1;
        Assert.Contains("version 1.1", NpyFails(bad).Message);
    }

    [Fact]
    public void Header_longer_than_the_data_or_the_cap()
    {
        var good = NpyTestBytes.Float64([1, 2], "(2,)");
        var bad = (byte[])good.Clone(); bad[8] = 0xFF; bad[9] = 0xFF;
        Assert.Contains("truncated", NpyFails(bad).Message);
        var v2 = NpyTestBytes.Float64([1, 2], "(2,)", major: 2);
        v2[8] = v2[9] = v2[10] = v2[11] = 0xFF;
        Assert.Contains("exceeds the limit", NpyFails(v2).Message);
        // Non-seekable: the cap still applies before any allocation.
        Assert.Throws<NpyFormatException>(() => Npy.Read(new NpyTests.NonSeekableStream(v2)));
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False}", "no 'shape'")]
    [InlineData("{'descr': '<f8', 'shape': (2,)}", "no 'fortran_order'")]
    [InlineData("{'fortran_order': False, 'shape': (2,)}", "no 'descr'")]
    [InlineData("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,)}", "duplicate key 'descr'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "unexpected header key 'extra'")]
    [InlineData("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2,)}", "True or False")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}", "'(n,)'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': [2]}", "must be a tuple")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,)}", "negative")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", "does not fit")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, x)}", "expected an integer")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)", "expected ',' or '}'")]
    [InlineData("{'descr' '<f8', 'fortran_order': False, 'shape': (2,)}", "expected ':'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} junk", "unexpected text")]
    [InlineData("['descr', '<f8']", "must start with '{'")]
    [InlineData("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,)}", "structured")]
    [InlineData("{'descr': 'a\\'b', 'fortran_order': False, 'shape': (2,)}", "escape")]
    [InlineData("{'descr': '<f8", "unterminated")]
    [InlineData("", "must start with '{'")]
    public void Malformed_headers(string dict, string expected)
    {
        var e = NpyFails(Header(dict));
        Assert.Contains("bad npy header", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("<c16")]
    [InlineData("<U5")]
    [InlineData("|O")]
    [InlineData(">M8")]
    [InlineData("<f16")]
    public void Unknown_dtype(string descr)
    {
        var e = NpyFails(Header(NpyTestBytes.Dict(descr, false, "(2,)")));
        Assert.Contains($"unsupported dtype '{descr}'", e.Message);
    }

    [Fact]
    public void Too_many_dimensions()
    {
        string shape = "(" + string.Join(", ", Enumerable.Repeat("1", 65)) + ")";
        Assert.Contains("more than 64 dimensions", NpyFails(Header(NpyTestBytes.Dict("<f8", false, shape))).Message);
    }

    [Theory]
    [InlineData("(4294967296, 4294967296)")]
    [InlineData("(9223372036854775807, 2)")]
    [InlineData("(3000000000,)")]
    public void Overflowing_shape_is_rejected_without_allocation(string shape)
    {
        var e = NpyFails(Header(NpyTestBytes.Dict("<f8", false, shape)));
        Assert.Contains("elements", e.Message);
    }

    [Fact]
    public void Huge_declared_shape_with_little_data_fails_fast_everywhere()
    {
        var bytes = Header(NpyTestBytes.Dict("<f8", false, "(200000000,)"), new byte[64]);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        Assert.Contains("truncated", NpyFails(bytes).Message);
        Assert.Throws<NpyFormatException>(() => Npy.Read(new NpyTests.NonSeekableStream(bytes)));
        var zip = NpyTestBytes.Zip([("loss.npy", bytes)], deflate: true);
        Assert.Throws<NpyFormatException>(() => Npz.Read(new MemoryStream(zip)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64L << 20, "allocated more than 64 MiB");
    }

    [Fact]
    public void Shape_product_not_matching_data_length()
    {
        var shortData = NpyTestBytes.Build(NpyTestBytes.Dict("<f8", false, "(3,)"), new byte[16]);
        Assert.Contains("needs 24 data bytes but only 16", NpyFails(shortData).Message);
        var longData = NpyTestBytes.Build(NpyTestBytes.Dict("<f8", false, "(1,)"), new byte[16]);
        // Checked against the declared size before the data is allocated or read.
        Assert.Contains("needs 8 data bytes but 16 follow the header", NpyFails(longData).Message);

        var zipLong = NpyTestBytes.Zip([("loss.npy", longData)], deflate: false);
        var e = Assert.Throws<NpyFormatException>(() => Npz.Read(new MemoryStream(zipLong)));
        Assert.Contains("loss.npy", e.Message);
        Assert.Contains("needs 8 data bytes but 16 follow the header", e.Message);
        var zipShort = NpyTestBytes.Zip([("loss.npy", shortData)], deflate: true);
        e = Assert.Throws<NpyFormatException>(() => Npz.Read(new MemoryStream(zipShort)));
        Assert.Equal("npz stream › loss.npy", e.EntryName);
        Assert.Contains("truncated", e.Problem);
    }

    [Fact]
    public void Not_a_zip()
    {
        var e = NpzFails([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Contains("not a valid zip archive", e.Message);
        Assert.IsAssignableFrom<InvalidDataException>(e.InnerException);
        NpzFails([]);
        var npy = NpyTestBytes.Float64([1, 2], "(2,)");
        Assert.Contains("not a valid zip", NpzFails(npy).Message);
    }

    [Fact]
    public void Bad_entry_names_the_entry()
    {
        var bad = NpyTestBytes.Float64([1, 2], "(2,)"); bad[0] = 0;
        var zip = NpyTestBytes.Zip([("coordinates.npy", NpyTestBytes.Float64([1, 2], "(1, 2)")), ("loss.npy", bad)], deflate: false);
        var e = NpzFails(zip);
        Assert.Equal("npz stream › loss.npy", e.EntryName);
        Assert.Contains("bad magic", e.Message);
    }

    [Fact]
    public void Duplicate_entries()
    {
        var a = NpyTestBytes.Float64([1, 2], "(2,)");
        var zip = NpyTestBytes.Zip([("loss.npy", a), ("loss.npy", a)], deflate: false);
        Assert.Contains("duplicate entry", NpzFails(zip).Message);
    }

    public static TheoryData<string, string[], string[], string> LandscapeCases() => new()
    {
        { "no loss", ["coordinates"], ["(2, 2)"], "missing the 'loss' array" },
        { "no coordinates", ["loss"], ["(2, 2)"], "missing the 'coordinates' array" },
        { "scalar loss", ["loss", "coordinates"], ["()", "(1, 1)"], "0-dimensional" },
        { "empty axis", ["loss", "coordinates"], ["(2, 0)", "(2, 0)"], "axis 1 is empty" },
        { "rows", ["loss", "coordinates"], ["(2, 2)", "(3, 2)"], "3 rows" },
        { "steps", ["loss", "coordinates"], ["(2, 2)", "(2, 3)"], "axis 0 has 2 points" },
        { "3-d coordinates", ["loss", "coordinates"], ["(2, 2)", "(2, 2, 1)"], "must be a 2-D array" },
        { "both forms", ["loss", "coordinates", "coordinates_0"], ["(2,)", "(1, 2)", "(2,)"], "ambiguous" },
        { "ragged missing", ["loss", "coordinates_0"], ["(2, 3)", "(2,)"], "missing 'coordinates_1'" },
        { "ragged extra", ["loss", "coordinates_0", "coordinates_1"], ["(2,)", "(2,)", "(2,)"], "'coordinates_1' is present" },
        { "ragged length", ["loss", "coordinates_0", "coordinates_1"], ["(2, 3)", "(2,)", "(4,)"], "axis 1 has 3 points" },
        { "ragged rank", ["loss", "coordinates_0"], ["(2,)", "(1, 2)"], "must be 1-D" },
    };

    [Theory]
    [MemberData(nameof(LandscapeCases))]
    public void Landscape_key_and_shape_problems(string name, string[] keys, string[] shapes, string expected)
    {
        _ = name;
        var entries = keys.Select((k, i) =>
        {
            var dims = shapes[i].Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse);
            int n = dims.Aggregate(1, (p, d) => p * d);
            return (k + ".npy", NpyTestBytes.Float64(Enumerable.Range(0, n).Select(v => (double)v).ToArray(), shapes[i]));
        }).ToArray();
        var e = NpzFails(NpyTestBytes.Zip(entries, deflate: false));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Coordinates_not_increasing_or_not_finite()
    {
        var zip = NpyTestBytes.Zip([
            ("loss.npy", NpyTestBytes.Float64([1, 2, 3, 4], "(2, 2)")),
            ("coordinates.npy", NpyTestBytes.Float64([0, 1, 1, 0], "(2, 2)"))], deflate: false);
        var e = NpzFails(zip);
        Assert.Contains("invalid landscape", e.Message);
        Assert.Contains("not strictly increasing", e.Message);
        zip = NpyTestBytes.Zip([
            ("loss.npy", NpyTestBytes.Float64([1, 2], "(2,)")),
            ("coordinates.npy", NpyTestBytes.Float64([0, double.NaN], "(1, 2)"))], deflate: false);
        Assert.Contains("non-finite", NpzFails(zip).Message);
    }

    [Fact]
    public void Corrupt_deflate_data_is_reported_for_the_entry()
    {
        var npy = NpyTestBytes.Float64(Enumerable.Range(0, 500).Select(i => (double)(i % 7)).ToArray(), "(500,)");
        var zip = NpyTestBytes.Zip([("loss.npy", npy)], deflate: true);
        // The deflate stream starts after the 30-byte local header and the 8-byte name.
        for (int i = 38; i < 60; i++) zip[i] ^= 0x5A;
        var e = Assert.Throws<NpyFormatException>(() => Npz.Read(new MemoryStream(zip)));
        Assert.Contains("loss.npy", e.Message);
    }
}
