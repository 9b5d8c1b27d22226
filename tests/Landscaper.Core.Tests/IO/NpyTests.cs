using System.Runtime.InteropServices;
using Landscaper.IO;

namespace Landscaper.Tests.IO;

public class NpyTests
{
    private static NpyArray ReadBytes(byte[] bytes) => Npy.FromBytes(bytes);

    public static TheoryData<string, double[]> DtypeCases()
    {
        var d = new TheoryData<string, double[]>();
        double[] small = [0, 1, 2, 3, 4, 5];
        double[] signed = [-128, -1, 0, 1, 2, 127];
        foreach (var o in new[] { "<", ">" })
        {
            d.Add(o + "f8", [-1.5, 0, double.Epsilon, double.MaxValue, double.NegativeInfinity, 1e-300]);
            d.Add(o + "f4", [-1.5, 0, 0.25, float.MaxValue, float.PositiveInfinity, 3]);
            d.Add(o + "f2", [-1.5, 0, 0.25, 65504, 2, 3]);
            d.Add(o + "i8", [long.MinValue, -1, 0, 1, 1L << 52, 7]);
            d.Add(o + "i4", [int.MinValue, -1, 0, 1, int.MaxValue, 7]);
            d.Add(o + "i2", [short.MinValue, -1, 0, 1, short.MaxValue, 7]);
            d.Add(o + "u2", [0, 1, 2, 3, ushort.MaxValue, 7]);
            d.Add(o + "u4", [0, 1, 2, 3, uint.MaxValue, 7]);
            d.Add(o + "u8", [0, 1, 2, 3, 1L << 53, 7]);
        }
        d.Add("|i1", signed);
        d.Add("|u1", [0, 1, 2, 3, 255, 128]);
        d.Add("|b1", [0, 1, 1, 0, 0, 1]);
        d.Add("<i1", signed);
        d.Add("<u1", small);
        return d;
    }

    [Theory]
    [MemberData(nameof(DtypeCases))]
    public void Reads_every_supported_dtype(string descr, double[] values)
    {
        var bytes = NpyTestBytes.Build(NpyTestBytes.Dict(descr, false, "(2, 3)"), NpyTestBytes.Encode(descr, values));
        var a = ReadBytes(bytes);
        Assert.Equal([2L, 3L], a.Shape);
        Assert.Equal(values, a.Values.ToArray());
        var expected = NpyDtype.Parse(descr);
        Assert.Equal(expected, a.Dtype);
        Assert.Equal(descr.Replace("<i1", "|i1").Replace("<u1", "|u1"), a.Dtype.Descr);
    }

    [Fact]
    public void Boolean_nonzero_bytes_are_true()
    {
        var a = ReadBytes(NpyTestBytes.Build(NpyTestBytes.Dict("|b1", false, "(3,)"), [0, 2, 255]));
        Assert.Equal([0.0, 1, 1], a.Values.ToArray());
    }

    [Fact]
    public void Fortran_order_2d_is_converted_to_c_order()
    {
        // C-order matrix [[0,1,2],[3,4,5]] stored column-major: 0,3,1,4,2,5
        double[] f = [0, 3, 1, 4, 2, 5];
        var a = ReadBytes(NpyTestBytes.Build(NpyTestBytes.Dict("<f8", true, "(2, 3)"), NpyTestBytes.Encode("<f8", f)));
        Assert.True(a.FortranOrder);
        Assert.Equal([0.0, 1, 2, 3, 4, 5], a.Values.ToArray());
    }

    [Fact]
    public void Fortran_order_3d_big_endian_int_is_converted_to_c_order()
    {
        long[] shape = [2, 3, 4];
        var c = Enumerable.Range(0, 24).Select(i => (double)i).ToArray();
        var f = new double[24];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    f[i + 2 * j + 6 * k] = c[i * 12 + j * 4 + k];
        var a = ReadBytes(NpyTestBytes.Build(NpyTestBytes.Dict(">i4", true, "(2, 3, 4)"), NpyTestBytes.Encode(">i4", f)));
        Assert.Equal(shape, a.Shape);
        Assert.Equal(c, a.Values.ToArray());
    }

    [Fact]
    public void Fortran_order_1d_is_unchanged()
    {
        var a = ReadBytes(NpyTestBytes.Build(NpyTestBytes.Dict("<f4", true, "(3,)"), NpyTestBytes.Encode("<f4", [1, 2, 3])));
        Assert.Equal([1.0, 2, 3], a.Values.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Reads_format_versions(int major)
    {
        var a = ReadBytes(NpyTestBytes.Float64([1, 2, 3, 4], "(2, 2)", major));
        Assert.Equal([1.0, 2, 3, 4], a.Values.ToArray());
    }

    [Fact]
    public void Version3_header_is_utf8_and_invalid_utf8_is_rejected()
    {
        var ok = NpyTestBytes.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }  ", NpyTestBytes.Encode("<f8", [7]), major: 3);
        Assert.Equal([7.0], ReadBytes(ok).Values.ToArray());
        var bad = (byte[])ok.Clone();
        bad[12] = 0xFF; // first header byte '{' → invalid UTF-8
        var e = Assert.Throws<NpyFormatException>(() => ReadBytes(bad));
        Assert.Contains("UTF-8", e.Message);
    }

    [Theory]
    [InlineData("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}")]
    [InlineData("{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}")]
    [InlineData("  {  'descr' :'<f8' ,'fortran_order':False,'shape':( 2 , ) , }  \r\n")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }")]
    public void Header_parser_accepts_python_literal_variants(string dict)
    {
        var a = ReadBytes(NpyTestBytes.Build(dict, NpyTestBytes.Encode("<f8", [1, 2])));
        Assert.Equal([2L], a.Shape);
        Assert.Equal([1.0, 2], a.Values.ToArray());
    }

    [Fact]
    public void Reads_scalar_and_empty_arrays()
    {
        var scalar = ReadBytes(NpyTestBytes.Build(NpyTestBytes.Dict("<f8", false, "()"), NpyTestBytes.Encode("<f8", [42])));
        Assert.Equal(0, scalar.Rank);
        Assert.Equal([42.0], scalar.Values.ToArray());
        var empty = ReadBytes(NpyTestBytes.Build(NpyTestBytes.Dict("<f8", false, "(3, 0)"), []));
        Assert.Equal([3L, 0L], empty.Shape);
        Assert.Equal(0, empty.Count);
        var emptyF = ReadBytes(NpyTestBytes.Build(NpyTestBytes.Dict("<f8", true, "(0, 4)"), []));
        Assert.Equal(0, emptyF.Count);
    }

    [Fact]
    public void Writer_pads_header_to_64_bytes_like_numpy()
    {
        foreach (var shape in new long[][] { [], [5], [10, 10], [5, 5, 5, 5, 5], [1, 2, 3, 4, 5, 6], [123456789012, 0] })
        {
            long n = shape.Aggregate(1L, (p, d) => p * d);
            var bytes = Npy.ToBytes(new NpyArray(new double[n], shape));
            int headerLength = bytes[8] | bytes[9] << 8;
            Assert.Equal(1, bytes[6]);
            Assert.Equal(0, (10 + headerLength) % 64);
            Assert.Equal((byte)'\n', bytes[10 + headerLength - 1]);
            Assert.Equal(10 + headerLength + n * 8, bytes.Length);
        }
    }

    [Fact]
    public void Writer_header_text_matches_numpy()
    {
        var bytes = Npy.ToBytes(new NpyArray(new double[100], [10, 10]));
        string header = System.Text.Encoding.Latin1.GetString(bytes, 10, 118);
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (10, 10), }" + new string(' ', 56) + "\n", header);
        var one = System.Text.Encoding.Latin1.GetString(Npy.ToBytes(new NpyArray([1.0], [1])));
        Assert.Contains("'shape': (1,), }", one);
    }

    [Theory]
    [InlineData(new long[] { 7 })]
    [InlineData(new long[] { 3, 4 })]
    [InlineData(new long[] { 2, 3, 4 })]
    [InlineData(new long[] { 2, 1, 3, 2 })]
    [InlineData(new long[] { 2, 2, 2, 2, 2 })]
    [InlineData(new long[] { 1, 2, 3, 1, 2, 3 })]
    public void Round_trip_is_bit_identical(long[] shape)
    {
        var rng = new Random(shape.Length);
        int n = (int)shape.Aggregate(1L, (p, d) => p * d);
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = BitConverter.Int64BitsToDouble(rng.NextInt64());
        values[0] = -0.0;
        if (n > 1) values[1] = double.NaN;
        var a = new NpyArray(values, shape);
        var back = Npy.FromBytes(Npy.ToBytes(a));
        Assert.Equal(a, back);
        Assert.True(MemoryMarshal.Cast<double, long>(values.AsSpan()).SequenceEqual(MemoryMarshal.Cast<double, long>(back.Values.Span)));
    }

    [Fact]
    public void Read_from_stream_reads_consecutive_arrays()
    {
        var ms = new MemoryStream();
        Npy.Write(ms, new NpyArray([1.0, 2], [2]));
        Npy.Write(ms, new NpyArray([3.0], [1, 1]));
        ms.Position = 0;
        Assert.Equal([1.0, 2], Npy.Read(ms).Values.ToArray());
        Assert.Equal([1L, 1L], Npy.Read(ms).Shape);
        Assert.Equal(ms.Length, ms.Position);
    }

    [Fact]
    public void Read_from_non_seekable_stream_works()
    {
        var bytes = Npy.ToBytes(new NpyArray(Enumerable.Range(0, 300_000).Select(i => (double)i).ToArray(), [300_000]));
        var a = Npy.Read(new NonSeekableStream(bytes));
        Assert.Equal(299_999.0, a.Values.Span[^1]);
    }

    [Fact]
    public void File_read_and_write()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
        try
        {
            using (var fs = File.Create(path)) Npy.Write(fs, new NpyArray([1.0, 2, 3], [3]));
            Assert.Equal([1.0, 2, 3], Npy.Read(path).Values.ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Write_rejects_shape_mismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => Npy.Write(new MemoryStream(), [1.0, 2], [3]));
        Assert.Contains("needs 3", e.Message);
        Assert.Throws<ArgumentException>(() => new NpyArray([1.0], [-1]));
    }

    [Fact]
    public void Dtype_parse_and_descr()
    {
        Assert.Equal("<f8", NpyDtype.Float64.Descr);
        Assert.Equal(">u2", NpyDtype.Parse(">u2").Descr);
        Assert.Equal("|b1", NpyDtype.Parse("|b1").Descr);
        foreach (var bad in new[] { "<c16", "<U5", "|O", "=f8", "<f1", "|f8", "<b2", "f8", "<M8", "" })
            Assert.False(NpyDtype.TryParse(bad, out _), bad);
        Assert.Throws<NpyFormatException>(() => NpyDtype.Parse("<c16"));
        Assert.Throws<ArgumentException>(() => new NpyDtype(NpyDtypeKind.Boolean, 2));
    }

    internal sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
