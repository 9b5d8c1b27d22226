using Landscaper.Data;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Models.Graphs;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using Landscaper.Sampling;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Tests.Models.Graphs;

[Collection("torch-serial")]
public class GraphModelTests
{
    public GraphModelTests() => TorchRuntime.Initialize(threads: 1);

    public static TheoryData<string> Architectures => new() { "gin", "schnet" };

    private static nn.Module<Tensor, Tensor> Make(string arch, int seed = 0, int outputs = 1, double dropout = 0, ScalarType dtype = ScalarType.Float64)
    {
        nn.Module<Tensor, Tensor> m = arch == "gin"
            ? Seeded.Create(seed, () => new GinModel(TestGraphs.NodeFeatures, TestGraphs.EdgeFeatures, width: 12, depth: 3, outputs, dropout))
            : Seeded.Create(seed, () => new SchNetModel(TestGraphs.NodeFeatures, width: 12, interactions: 2, outputs, cutoff: 4.0, radialBasis: 10, dropout));
        return dtype == ScalarType.Float64 ? m.to(ScalarType.Float64) : m;
    }

    private static double[] Predict(nn.Module<Tensor, Tensor> model, IReadOnlyList<GraphData> graphs)
    {
        model.eval();
        using var _ = no_grad();
        using var input = GraphBatch.Pack(graphs, ScalarType.Float64);
        using var output = model.call(input);
        return output.to_type(ScalarType.Float64).data<double>().ToArray();
    }

    private static void Close(double[] expected, double[] actual, double tolerance = 1e-10)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"output {i}: {expected[i]:R} vs {actual[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Outputs_one_value_per_graph(string arch)
    {
        var graphs = TestGraphs.Several(5);
        Assert.Equal(5, Predict(Make(arch), graphs).Length);
        using var _ = no_grad();
        using var input = GraphBatch.Pack(graphs, ScalarType.Float64);
        Assert.Equal(new long[] { 5, 3 }, Make(arch, outputs: 3).call(input).shape);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Renumbering_the_nodes_of_a_graph_does_not_change_its_prediction(string arch)
    {
        var model = Make(arch);
        var graphs = TestGraphs.Several(4, seed: 2);
        var before = Predict(model, graphs);
        var order = Enumerable.Range(0, graphs[1].NodeCount).Reverse().ToArray();
        new Random(5).Shuffle(order);
        var permuted = graphs.ToArray();
        permuted[1] = graphs[1].Permuted(order);
        Assert.False(permuted[1].NodeFeatures.SequenceEqual(graphs[1].NodeFeatures));   // the test really permutes
        Close(before, Predict(model, permuted));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void A_prediction_does_not_depend_on_the_other_graphs_of_the_batch(string arch)
    {
        var model = Make(arch);
        var graphs = TestGraphs.Several(6, seed: 4);
        var together = Predict(model, graphs);
        for (int g = 0; g < graphs.Length; g++) Close([together[g]], Predict(model, [graphs[g]]));
        var reversed = Predict(model, graphs.Reverse().ToArray());
        Close(together, reversed.Reverse().ToArray());
    }

    [Fact]
    public void SchNet_is_invariant_to_rotation_and_translation_but_not_to_deformation()
    {
        var model = Make("schnet");
        var graphs = TestGraphs.Several(4, seed: 6);
        var before = Predict(model, graphs);
        // A proper rotation from Euler angles, then a translation.
        double a = 0.7, b = -1.1, c = 2.3;
        double[,] rz = { { Math.Cos(a), -Math.Sin(a), 0 }, { Math.Sin(a), Math.Cos(a), 0 }, { 0, 0, 1 } };
        double[,] ry = { { Math.Cos(b), 0, Math.Sin(b) }, { 0, 1, 0 }, { -Math.Sin(b), 0, Math.Cos(b) } };
        double[,] rx = { { 1, 0, 0 }, { 0, Math.Cos(c), -Math.Sin(c) }, { 0, Math.Sin(c), Math.Cos(c) } };
        var r = Mul(rz, Mul(ry, rx));
        (double, double, double) Move((double X, double Y, double Z) p) =>
            (r[0, 0] * p.X + r[0, 1] * p.Y + r[0, 2] * p.Z + 3.5, r[1, 0] * p.X + r[1, 1] * p.Y + r[1, 2] * p.Z - 7.25, r[2, 0] * p.X + r[2, 1] * p.Y + r[2, 2] * p.Z + 0.125);
        var moved = graphs.Select(g => g.WithPositions(Move)).ToArray();
        Assert.NotEqual(graphs[0].Positions[0], moved[0].Positions[0]);
        // Positions are stored as float32, so rotated coordinates carry ~1e-7 Å rounding.
        Close(before, Predict(model, moved), 1e-5);
        var stretched = graphs.Select(g => g.WithPositions(p => (1.3 * p.X, p.Y, p.Z))).ToArray();
        Assert.Contains(Enumerable.Range(0, before.Length), i => Math.Abs(Predict(model, stretched)[i] - before[i]) > 1e-4);
    }

    [Fact]
    public void GIN_ignores_positions_and_uses_edge_features()
    {
        var model = Make("gin");
        var graphs = TestGraphs.Several(3, seed: 8);
        var before = Predict(model, graphs);
        Close(before, Predict(model, graphs.Select(g => g.WithPositions(p => (p.X * 2, -p.Y, p.Z + 5))).ToArray()));
        var flipped = graphs.Select(g => new GraphData(
            Enumerable.Range(0, g.NodeCount).Select(i => g.NodeFeatures.Slice(i * g.NodeFeatureCount, g.NodeFeatureCount).ToArray()).ToArray(),
            Enumerable.Range(0, g.NodeCount).Select(i => ((double)g.Positions[3 * i], (double)g.Positions[3 * i + 1], (double)g.Positions[3 * i + 2])).ToArray(),
            Enumerable.Range(0, g.EdgeCount).Select(e => (g.Sources[e], g.Targets[e])).ToArray(),
            Enumerable.Range(0, g.EdgeCount).Select(e => g.EdgeFeatures.Slice(e * g.EdgeFeatureCount, g.EdgeFeatureCount).ToArray().Select(v => 1 - v).ToArray()).ToArray())).ToArray();
        Assert.Contains(Enumerable.Range(0, before.Length), i => Math.Abs(Predict(model, flipped)[i] - before[i]) > 1e-6);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Same_seed_same_model_and_feature_mismatch_is_an_argument_error(string arch)
    {
        var graphs = TestGraphs.Several(3);
        Close(Predict(Make(arch, seed: 3), graphs), Predict(Make(arch, seed: 3), graphs), 0);
        Assert.NotEqual(Predict(Make(arch, seed: 3), graphs), Predict(Make(arch, seed: 4), graphs));
        var other = new GraphData([[1f, 0f]], [(0, 0, 0)], []);
        using var input = GraphBatch.Pack([other], ScalarType.Float64);
        Assert.Contains("features", Assert.Throws<ArgumentException>(() => Make(arch).call(input)).Message);
        using var notPacked = zeros(4, 3, dtype: ScalarType.Float64);
        Assert.Throws<ArgumentException>(() => Make(arch).call(notPacked));
    }

    private static Batch MakeBatch(int count, int seed, ScalarType dtype = ScalarType.Float64)
    {
        var graphs = TestGraphs.Several(count, seed);
        var rng = new Random(seed);
        return GraphBatch.ToBatch(graphs, graphs.Select(g => 0.3 * g.NodeCount + rng.NextDouble()).ToArray(), dtype);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Gradients_are_finite_and_reach_every_parameter_tensor(string arch)
    {
        var model = Make(arch);
        model.train();
        var batch = MakeBatch(6, 1);
        var loss = BatchLoss.Compute(model, batch);
        loss.backward();
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.NotNull(p.grad);
            Assert.True(p.grad!.isfinite().all().item<bool>(), $"{name}: non-finite gradient");
            Assert.True(p.grad.abs().sum().item<double>() > 0, $"{name}: zero gradient");
        }
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Hessian_vector_products_are_symmetric_and_match_finite_differences(string arch)
    {
        var model = Make(arch);
        var batches = new[] { MakeBatch(5, 2), MakeBatch(3, 3) };
        using var op = HessianOperator.ForModel(model, batches);
        Assert.True(op.SymmetryError(seed: 1) < 1e-10, $"asymmetry {op.SymmetryError(seed: 1):E2}");
        var gen = new Generator(11);
        var u = randn(new[] { op.Dimension }, dtype: ScalarType.Float64, generator: gen);
        var w = randn(new[] { op.Dimension }, dtype: ScalarType.Float64, generator: gen);
        double uHw = u.dot(op.Apply(w)).item<double>(), wHu = w.dot(op.Apply(u)).item<double>();
        Assert.True(Math.Abs(uHw - wHu) <= 1e-9 * Math.Max(1, Math.Abs(uHw)), $"uᵀHw = {uHw:R}, wᵀHu = {wHu:R}");

        var sel = op.Selection;
        var theta0 = sel.Snapshot();
        var v = u / u.norm();
        var hv = op.Apply(v);
        const double eps = 1e-6;
        Tensor GradAt(double step)
        {
            using (no_grad()) sel.Restore(sel.Unflatten(sel.Flatten(theta0) + step * v));
            return sel.Flatten(op.Gradient());
        }
        Tensor fd;
        try { fd = (GradAt(eps) - GradAt(-eps)) / (2 * eps); }
        finally { sel.Restore(theta0); }
        double rel = ((hv - fd).norm() / fd.norm()).item<double>();
        Assert.True(rel < 1e-5, $"{arch}: relative error {rel:E2}");
        Assert.True(hv.norm().item<double>() > 0);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void The_sampler_runs_on_graph_models_and_restores_the_parameters(string arch)
    {
        var model = Make(arch, dtype: ScalarType.Float32);
        var batches = new[] { MakeBatch(8, 5, ScalarType.Float32) };
        var selection = ParameterSelection.All(model);
        var before = model.parameters().Select(p => p.detach().clone()).ToArray();
        var directions = RandomDirections.Orthonormal(selection, 2, seed: 1);
        var result = new LandscapeSampler(directions, batches, new SamplingOptions(SamplingGrid.Symmetric(2, 5, 0.1)) { Scale = SamplingScale.PythonCompatible }).Run();
        var landscape = result.Landscape!;
        Assert.Equal(25, landscape.Values.Length);
        Assert.All(landscape.Values.ToArray(), v => Assert.True(double.IsFinite(v)));
        double centre = landscape.Values[12];
        double direct;
        model.eval();
        using (no_grad()) direct = BatchLoss.Compute(model, batches[0]).item<float>();
        Assert.True(Math.Abs(centre - direct) <= 1e-5 * Math.Max(1, direct), $"centre {centre} vs loss {direct}");
        Assert.Contains(landscape.Values.ToArray(), v => Math.Abs(v - centre) > 1e-6);
        var after = model.parameters().ToArray();
        for (int i = 0; i < before.Length; i++) Assert.True(before[i].equal(after[i]).all().item<bool>(), $"parameter {i} changed");
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void The_trainer_fits_a_graph_size_regression(string arch)
    {
        var model = Make(arch, dtype: ScalarType.Float32);
        var batches = Enumerable.Range(0, 4).Select(i => MakeBatch(16, 20 + i, ScalarType.Float32)).ToArray();
        double start = Trainer.Evaluate(model, batches).Loss;
        var history = Trainer.Train(model, batches, new TrainingOptions(40, 3e-3, "adam", 0, WeightDecay: 1e-4));
        Assert.True(double.IsNaN(history[^1].Accuracy));
        Assert.True(history[^1].Loss < 0.5 * start, $"loss {start:G3} → {history[^1].Loss:G3}");
    }

    [Fact]
    public void Dropout_acts_in_training_mode_only()
    {
        var model = Make("gin", dropout: 0.5);
        var graphs = TestGraphs.Several(4);
        using var input = GraphBatch.Pack(graphs, ScalarType.Float64);
        model.train();
        using var a = model.call(input);
        using var b = model.call(input);
        Assert.False(a.equal(b).all().item<bool>());
        Close(Predict(model, graphs), Predict(model, graphs), 0);
    }

    [Fact]
    public void Radial_basis_and_cutoff_match_their_formulas()
    {
        using var d = tensor(new[] { 0.0, 1.3, 2.5, 4.0, 4.5 }, ScalarType.Float64);
        var phi = RadialBasis.Gaussians(d, 4.0, 5).data<double>().ToArray();
        for (int i = 0; i < 5; i++)
            for (int k = 0; k < 5; k++)
            {
                double dv = new[] { 0.0, 1.3, 2.5, 4.0, 4.5 }[i], mu = k * 1.0;
                Assert.Equal(Math.Exp(-(dv - mu) * (dv - mu) / 2), phi[i * 5 + k], 12);
            }
        var f = RadialBasis.CosineCutoff(d, 4.0).data<double>().ToArray();
        Assert.Equal([1.0, 0.5 * (Math.Cos(Math.PI * 1.3 / 4) + 1), 0.5 * (Math.Cos(Math.PI * 2.5 / 4) + 1), 0, 0], f, new ToleranceComparer(1e-12));
        var ssp = ShiftedSoftplus.Apply(tensor(new[] { -30.0, 0, 1, 40 }, ScalarType.Float64)).data<double>().ToArray();
        Assert.Equal([Math.Log(0.5 * Math.Exp(-30) + 0.5), 0, Math.Log(0.5 * Math.E + 0.5), 40 - Math.Log(2)], ssp, new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Neighbour_pairs_are_the_brute_force_pairs_within_the_cutoff()
    {
        var graphs = TestGraphs.Several(5, seed: 9);
        using var t = GraphBatch.Pack(graphs, ScalarType.Float64);
        using var p = GraphBatch.Unpack(t);
        var (rec, snd) = NeighbourPairs.Within(p, 3.0);
        var expected = new HashSet<(long, long)>();
        int offset = 0;
        foreach (var g in graphs)
        {
            for (int i = 0; i < g.NodeCount; i++)
                for (int j = 0; j < g.NodeCount; j++)
                {
                    double dx = g.Positions[3 * i] - g.Positions[3 * j], dy = g.Positions[3 * i + 1] - g.Positions[3 * j + 1], dz = g.Positions[3 * i + 2] - g.Positions[3 * j + 2];
                    if (i != j && Math.Sqrt(dx * dx + dy * dy + dz * dz) < 3.0) expected.Add((offset + i, offset + j));
                }
            offset += g.NodeCount;
        }
        Assert.Equal(expected.Count, rec.Length);
        Assert.Equal(expected, rec.Zip(snd).Select(x => (x.First, x.Second)).ToHashSet());
        Assert.True(expected.Count > 0 && expected.Count < offset * (offset - 1));
    }

    private static double[,] Mul(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[i, j] += a[i, k] * b[k, j];
        return r;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
