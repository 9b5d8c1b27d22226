using CsCheck;
using Landscaper.Metrics;
using Landscaper.Synthetic;
using Landscaper.Tests.Topology;
using Landscaper.Topology;

namespace Landscaper.Tests.Metrics;

public class BasinEntropyTests
{
    private static readonly double[] Fractions = [0, 1.0 / 16, 0.25, 0.5, 1.5];

    /// <summary>Shannon entropy (nats) of the parts, written out without the library.</summary>
    private static double Entropy(IEnumerable<int> parts)
    {
        var p = parts.ToArray();
        double n = p.Sum();
        return p.Where(s => s > 0).Sum(s => -(s / n) * Math.Log(s / n));
    }

    /// <summary>
    /// The persistence-filtered basin sizes from first principles: minima from the brute-force merge tree, their elder-rule
    /// persistence from its pairs, basins from explicit steepest walks. A minimum is significant when its persistence is at
    /// least τ (the global minimum always is). Sweeping the filtration one point at a time and flood-filling the sublevel
    /// set, each minimum joins the oldest minimum of its component at the first moment that component holds a significant
    /// minimum. Returns the group sizes ordered by their minimum's position in the filtration.
    /// </summary>
    private static int[] OracleSizes(RandomFields.Field field, double fraction)
    {
        var v = field.Values;
        int n = v.Length;
        var walked = BruteForceBasins.WalkToExtremum(field, 1.0);
        var tree = new BruteForceMergeTree(field.Shape, v, field.Connectivity);
        var order = Enumerable.Range(0, n).OrderBy(i => v[i]).ThenBy(i => i).ToArray();
        var rank = new int[n];
        for (int i = 0; i < n; i++) rank[order[i]] = i;
        double tau = fraction * (v.Max() - v.Min());
        var minima = tree.Nodes.Where(x => x.Kind == "leaf").Select(x => x.Point).ToArray();
        var significant = tree.ElderPairs.Where(p => p.Birth == order[0] || v[p.Death] - v[p.Birth] >= tau).Select(p => p.Birth).ToHashSet();
        var neighbours = Enumerable.Range(0, n).Select(p => BruteForceMergeTree.Neighbours(field.Shape, p, field.Connectivity).ToArray()).ToArray();

        var group = new Dictionary<int, int>();
        var inSet = new bool[n];
        for (int k = 0; k < n; k++)
        {
            inSet[order[k]] = true;
            var component = Components(inSet, neighbours);
            foreach (int m in minima)
            {
                if (!inSet[m] || group.ContainsKey(m)) continue;
                var members = minima.Where(x => inSet[x] && component[x] == component[m]).ToArray();
                if (members.Any(significant.Contains)) group[m] = members.MinBy(x => rank[x]);
            }
        }
        Assert.Equal(minima.Length, group.Count);
        Assert.All(group.Values, g => Assert.Contains(g, significant));
        return Enumerable.Range(0, n).GroupBy(p => group[walked[p]]).OrderBy(g => rank[g.Key]).Select(g => g.Count()).ToArray();
    }

    private static int[] Components(bool[] inSet, int[][] neighbours)
    {
        var label = Enumerable.Repeat(-1, inSet.Length).ToArray();
        int next = 0;
        for (int s = 0; s < inSet.Length; s++)
        {
            if (!inSet[s] || label[s] >= 0) continue;
            var stack = new Stack<int>([s]);
            label[s] = next;
            while (stack.Count > 0)
                foreach (int q in neighbours[stack.Pop()])
                    if (inSet[q] && label[q] < 0) { label[q] = next; stack.Push(q); }
            next++;
        }
        return label;
    }

    [Fact]
    public void Merged_basins_and_entropy_equal_brute_force_walks_and_sublevel_flood_fills()
    {
        RandomFields.Small.Sample(field =>
        {
            var a = LandscapeTopology.Analyze(field.ToLandscape(), new TopologyOptions(field.Connectivity));
            foreach (double fraction in Fractions)
            {
                var expected = OracleSizes(field, fraction);
                Assert.Equal(expected, BasinEntropy.MergedBasinSizes(a, fraction));
                Assert.Equal(Entropy(expected), new BasinEntropy(fraction).Compute(a), 12);
            }
        }, iter: 600);
    }

    [Fact]
    public void Entropy_lies_between_zero_and_log_of_the_basin_count_and_is_zero_only_for_one_basin()
    {
        RandomFields.Small.Sample(field =>
        {
            var a = LandscapeTopology.Analyze(field.ToLandscape(), new TopologyOptions(field.Connectivity));
            foreach (double fraction in Fractions)
            {
                var sizes = BasinEntropy.MergedBasinSizes(a, fraction);
                double h = new BasinEntropy(fraction).Compute(a);
                Assert.Equal(a.Landscape.Count, sizes.Sum());
                Assert.All(sizes, s => Assert.True(s > 0));
                Assert.True(h >= 0 && h <= Math.Log(sizes.Length) + 1e-12, $"H = {h} with {sizes.Length} basins");
                Assert.Equal(sizes.Length == 1, h == 0);
            }
            Assert.Equal(a.UnstableManifolds.Sizes, BasinEntropy.MergedBasinSizes(a, 0));
        }, iter: 1000);
    }

    [Fact]
    public void Filter_keeps_the_minima_of_the_simplified_merge_tree_and_only_lowers_the_entropy()
    {
        RandomFields.Small.Sample(field =>
        {
            var a = LandscapeTopology.Analyze(field.ToLandscape(), new TopologyOptions(field.Connectivity));
            double previous = double.PositiveInfinity;
            foreach (double fraction in Fractions)
            {
                var sizes = BasinEntropy.MergedBasinSizes(a, fraction);
                Assert.Equal(a.SublevelTree.Simplify(fraction * a.ValueRange).LeafCount, sizes.Length);
                double h = new BasinEntropy(fraction).Compute(a);
                Assert.True(h <= previous + 1e-12, $"H({fraction}) = {h} > {previous}");
                previous = h;
            }
            Assert.Equal(0, new BasinEntropy(2).Compute(a));
        }, iter: 1000);
    }

    /// <summary>Fields with the same number of points on every axis and axis connectivity: every neighbour step has the same
    /// normalised length, so steepest descent only compares values.</summary>
    private static readonly Gen<RandomFields.Field> Square =
        from d in Gen.Int[1, 3]
        from side in Gen.Int[1, d == 1 ? 14 : 6]
        from values in Gen.Int[-32, 32].Select(i => i / 8.0).Array[(int)Math.Pow(side, d)]
        select new RandomFields.Field(Enumerable.Repeat(side, d).ToArray(), values, Connectivity.Axis);

    [Fact]
    public void Invariant_to_shift_and_scale_and_unfiltered_entropy_to_increasing_transforms_on_square_grids()
    {
        Square.Sample(field =>
        {
            var l = field.ToLandscape();
            var a = LandscapeTopology.Analyze(l);
            var shifted = LandscapeTopology.Analyze(l.WithValues(field.Values.Select(x => 3 * x - 5).ToArray()));
            var exp = LandscapeTopology.Analyze(l.WithValues(field.Values.Select(Math.Exp).ToArray()));
            foreach (double fraction in Fractions)
                Assert.Equal(BasinEntropy.MergedBasinSizes(a, fraction), BasinEntropy.MergedBasinSizes(shifted, fraction));
            Assert.Equal(new BasinEntropy().Compute(a), new BasinEntropy().Compute(exp));
        }, iter: 1000);
    }

    [Fact]
    public void Known_values()
    {
        var bowl = ToyFunctions.Sample(p => p[0] * p[0] + p[1] * p[1], [Landscape.Linspace(-1, 1, 21), Landscape.Linspace(-1, 1, 21)]);
        Assert.Equal(0, new BasinEntropy().Compute(LandscapeTopology.Analyze(bowl)));

        // Two wells of four points each: the point at 2 (index 3) descends left, its equal neighbour (index 4) right.
        var twoWells = LandscapeTopology.Analyze(Landscape.OnSymmetricGrid([1, 0, 1, 2, 2, 1, 0, 1], 1, 8, 1));
        Assert.Equal([4, 4], BasinEntropy.MergedBasinSizes(twoWells, 0));
        Assert.Equal(Math.Log(2), new BasinEntropy().Compute(twoWells), 15);

        // Four equal wells at (±0.5, ±0.5) on an even grid (no point on a symmetry axis): four basins of equal size.
        var wells = new[] { -0.5, 0.5 }.SelectMany(x => new[] { -0.5, 0.5 }.Select(y => new GaussianWell([x, y], 1, 0.3))).ToArray();
        var four = LandscapeTopology.Analyze(ToyFunctions.GaussianWells(wells, 2, 40));
        Assert.Equal([400, 400, 400, 400], BasinEntropy.MergedBasinSizes(four, 0));
        Assert.Equal(Math.Log(4), new BasinEntropy().Compute(four), 14);

        // A shallow dent beside a deep well: a basin of its own, merged away by a 5 % persistence filter.
        var dent = LandscapeTopology.Analyze(ToyFunctions.GaussianWells([new([-0.4, 0], 1, 0.25), new([0.7, 0], 0.02, 0.1)], 2, 41));
        Assert.Equal(2, dent.UnstableManifolds.Count);
        Assert.True(new BasinEntropy().Compute(dent) > 0);
        Assert.Single(BasinEntropy.MergedBasinSizes(dent, 0.05));
        Assert.Equal(0, new BasinEntropy(0.05).Compute(dent));

        Assert.Equal(Math.Log(3), BasinEntropy.Of([5, 0, 5, 5]), 15);
        Assert.Equal(0, BasinEntropy.Of([7]));
        Assert.Throws<ArgumentException>("sizes", () => BasinEntropy.Of([0, 0]));
        Assert.Throws<ArgumentException>("sizes", () => BasinEntropy.Of([3, -1]));
    }

    [Theory]
    [InlineData("rosenbrock_2d")]
    [InlineData("rosenbrock_5d")]
    public void Entropy_of_the_python_packages_basin_sizes(string name)
    {
        var reference = Reference.Load(name + ".reference.json");
        var l = Landscaper.IO.Npz.ReadLandscape(RepoPaths.TestData(name + ".npz"));
        var a = LandscapeTopology.Analyze(l.WithValues(l.Values.ToArray().Select(x => (double)(float)x).ToArray()));
        Assert.Equal(Entropy(reference.UnstableManifoldsSizesSorted), new BasinEntropy().Compute(a), 12);
    }

    [Fact]
    public void Name_and_validation()
    {
        Assert.Equal("basin_entropy", new BasinEntropy().Name);
        Assert.Equal("basin_entropy(0.05)", new BasinEntropy(0.05).Name);
        var a = LandscapeTopology.Analyze(Landscape.OnSymmetricGrid([0, 1, 0], 1, 3, 1));
        Assert.Throws<ArgumentException>("persistenceFraction", () => new BasinEntropy(-0.1).Compute(a));
        Assert.Throws<ArgumentException>("persistenceFraction", () => new BasinEntropy(double.NaN).Compute(a));
        Assert.Throws<ArgumentException>("persistenceFraction", () => new BasinEntropy(double.PositiveInfinity).Compute(a));
    }
}
