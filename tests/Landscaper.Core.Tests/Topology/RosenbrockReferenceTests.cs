using Landscaper.Topology;
using Xunit.Abstractions;
using Landscaper.Metrics;

namespace Landscaper.Tests.Topology;

public class RosenbrockReferenceTests(ITestOutputHelper output)
{
    private static Landscape Load(string name, bool float32)
    {
        var l = Landscaper.IO.Npz.ReadLandscape(RepoPaths.TestData(name));
        if (!float32) return l;
        var v = l.Values.ToArray();
        for (int i = 0; i < v.Length; i++) v[i] = (double)(float)v[i];
        return l.WithValues(v);
    }

    private static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++) s += 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2);
        return s;
    }

    [Theory]
    [InlineData("rosenbrock_2d.npz")]
    [InlineData("rosenbrock_5d.npz")]
    public void Npz_values_are_the_rosenbrock_function_on_the_grid(string name)
    {
        // The Python package evaluated with an 'xy' meshgrid: array axes 0 and 1 are swapped relative to the coordinates.
        var l = Load(name, float32: false);
        for (int p = 0; p < l.Count; p++)
        {
            var x = l.PointCoordinates(p);
            (x[0], x[1]) = (x[1], x[0]);
            double expected = Rosenbrock(x);
            Assert.True(Math.Abs(l.Values[p] - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"point {p}: {l.Values[p]} vs {expected}");
        }
    }

    [Theory]
    [InlineData(false, 1e-6)]
    [InlineData(true, 1e-12)]
    public void Rosenbrock_2d_matches_the_python_reference(bool float32, double tolerance)
    {
        var reference = Reference.Load("rosenbrock_2d.reference.json");
        var a = LandscapeTopology.Analyze(Load("rosenbrock_2d.npz", float32));
        var tree = a.SublevelTree;
        Assert.Equal(reference.MtNodes, tree.Nodes.Count);
        Assert.Equal(reference.MtEdges, tree.Arcs.Count);
        Assert.Equal(reference.MtLeaves, tree.LeafCount);
        Assert.Equal(reference.MtBranches, tree.SaddleCount);
        Assert.Equal(reference.MscNMinima, a.UnstableManifolds.Count);
        Assert.Equal(reference.MscNMaxima, a.StableManifolds.Count);

        Assert.Equal(reference.PairsDetail.Length, a.SaddleMinimumPairs.Count);
        for (int i = 0; i < reference.PairsDetail.Length; i++)
        {
            var r = reference.PairsDetail[i];
            var p = a.SaddleMinimumPairs[i];
            Assert.Equal(r.SaddleIdx, p.Saddle);
            Assert.Equal(r.MinIdx, p.Minimum);
            Assert.Equal(r.BasinSize, p.BasinSize);
            AssertRelative(r.SaddleValue, p.SaddleValue, tolerance);
            AssertRelative(r.MinValue, p.MinimumValue, tolerance);
        }
        Assert.Equal(reference.UnstableManifoldsSizesSorted, a.UnstableManifolds.Sizes.Order().ToArray());
        AssertRelative(reference.SmadPlain, a.Smad.Plain, tolerance);
        AssertRelative(reference.SmadNormalized, a.Smad.Normalized, tolerance);
        AssertRelative(reference.SmadNormalizedWeighted, a.Smad.Weighted, tolerance);
        // The reference prints persistence_range with 6 decimals (float32 rendering).
        AssertRelative(reference.PersistenceRange, a.PersistenceRange, Math.Max(tolerance, 1e-9));
    }

    [Fact]
    public void Rosenbrock_5d_compared_with_the_python_reference()
    {
        var reference = Reference.Load("rosenbrock_5d.reference.json");
        var a = LandscapeTopology.Analyze(Load("rosenbrock_5d.npz", float32: true));
        var tree = a.SublevelTree;
        output.WriteLine($"ours: nodes {tree.Nodes.Count}, arcs {tree.Arcs.Count}, leaves {tree.LeafCount}, saddles {tree.SaddleCount}, minima basins {a.UnstableManifolds.Count}, maxima {a.StableManifolds.Count}");
        output.WriteLine($"ref : nodes {reference.MtNodes}, arcs {reference.MtEdges}, leaves {reference.MtLeaves}, saddles {reference.MtBranches}, msc minima {reference.MscNMinima}, maxima {reference.MscNMaxima}");
        output.WriteLine($"ours smad {a.Smad.Plain} {a.Smad.Normalized} {a.Smad.Weighted} pr {a.PersistenceRange}");
        output.WriteLine($"ref  smad {reference.SmadPlain} {reference.SmadNormalized} {reference.SmadNormalizedWeighted} pr {reference.PersistenceRange}");
        foreach (var p in a.SaddleMinimumPairs) output.WriteLine($"ours pair s={p.Saddle} m={p.Minimum} {p.SaddleValue} {p.MinimumValue} basin {p.BasinSize}");
        foreach (var r in reference.PairsDetail) output.WriteLine($"ref  pair s={r.SaddleIdx} m={r.MinIdx} {r.SaddleValue} {r.MinValue} basin {r.BasinSize}");
        output.WriteLine("ours sizes " + string.Join(",", a.UnstableManifolds.Sizes.Order()));
        output.WriteLine("ref  sizes " + string.Join(",", reference.UnstableManifoldsSizesSorted));
        // What agrees despite the different tie rule (explained in docs/topology.md): persistence_range, the 10 basins and
        // their sizes (the package's Morse-Smale complex also descends along equal-valued edges), and 6 of the 10 pairs.
        AssertRelative(reference.PersistenceRange, a.PersistenceRange, 1e-12);
        Assert.Equal(reference.MscNMinima, a.UnstableManifolds.Count);
        Assert.Equal(reference.UnstableManifoldsSizesSorted, a.UnstableManifolds.Sizes.Order().ToArray());
        var ours = a.SaddleMinimumPairs.Select(p => (p.Saddle, p.Minimum, p.BasinSize)).ToHashSet();
        var shared = reference.PairsDetail.Where(r => ours.Contains((r.SaddleIdx, r.MinIdx, r.BasinSize))).Select(r => r.SaddleIdx).ToArray();
        Assert.Equal([3092, 2462, 2592, 1724, 974, 1544], shared);
        // Ours: 10 leaves (one per basin); the package: 12 (two plateau points without a strictly lower neighbour).
        Assert.Equal(10, tree.LeafCount);
        Assert.Equal(reference.MtLeaves - 2, tree.LeafCount);
        Assert.Equal(12.75, a.Smad.Plain, 12);
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
        => Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1e-300, Math.Abs(expected)) || Math.Abs(expected - actual) <= tolerance * 1e-3,
            $"expected {expected:R}, got {actual:R} (tolerance {tolerance})");
}
