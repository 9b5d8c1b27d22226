using CsCheck;
using Landscaper.IO;

namespace Landscaper.Tests.IO;

/// <summary>CsCheck properties: write → read is the identity, bit for bit.</summary>
public class NpyPropertyTests
{
    private static readonly Gen<(long[] Shape, double[] Values)> GenArray =
        Gen.Int[0, 4].Array[0, 5].SelectMany(shape =>
            Gen.Double.Array[shape.Aggregate(1, (p, d) => p * d)].Select(values => (shape.Select(d => (long)d).ToArray(), values)));

    [Fact]
    public void Npy_round_trip_is_identity()
    {
        GenArray.Sample(t =>
        {
            var a = new NpyArray(t.Values, t.Shape);
            Assert.Equal(a, Npy.FromBytes(Npy.ToBytes(a)));
        }, iter: 500);
    }

    [Fact]
    public void Npz_round_trip_is_identity()
    {
        Gen.Select(GenArray, GenArray, Gen.Bool).Sample(t =>
        {
            var arrays = new Dictionary<string, NpyArray>
            {
                ["a"] = new NpyArray(t.Item1.Values, t.Item1.Shape),
                ["b"] = new NpyArray(t.Item2.Values, t.Item2.Shape),
            };
            var ms = new MemoryStream();
            Npz.Write(ms, arrays, compress: t.Item3);
            ms.Position = 0;
            var back = Npz.Read(ms);
            Assert.Equal(arrays["a"], back["a"]);
            Assert.Equal(arrays["b"], back["b"]);
        }, iter: 200);
    }

    [Fact]
    public void Landscape_round_trip_is_identity()
    {
        var gen = Gen.Int[1, 4].Array[1, 4].SelectMany(shape =>
            Gen.Double[-1e6, 1e6].Array[shape.Aggregate(1, (p, d) => p * d)].Select(values => (shape, values)));
        gen.Sample(t =>
        {
            var coords = t.shape.Select(n => Landscape.Linspace(-0.5, 2, n)).ToArray();
            var l = new Landscape(t.values, coords);
            var ms = new MemoryStream();
            Npz.WriteLandscape(ms, l);
            ms.Position = 0;
            var back = Npz.ReadLandscape(ms);
            Assert.Equal(l.Shape, back.Shape);
            Assert.Equal(l.Values.ToArray(), back.Values.ToArray());
            for (int k = 0; k < l.Dimensions; k++) Assert.Equal(l.Coordinates(k).ToArray(), back.Coordinates(k).ToArray());
        }, iter: 200);
    }
}
