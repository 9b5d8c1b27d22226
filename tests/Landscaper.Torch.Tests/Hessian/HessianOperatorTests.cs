using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Models;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Hessian;

[Collection(SmallProblems.Collection)]
public class HessianOperatorTests
{
    public HessianOperatorTests() => SmallProblems.Init();

    public static TheoryData<string> Problems => new() { "mlp", "cnn" };

    internal static SmallProblem Get(string name) => SmallProblems.Get(name);

    [Theory]
    [MemberData(nameof(Problems))]
    public void Exact_hessian_is_symmetric(string name)
    {
        var p = Get(name);
        double scale = p.Eigenvalues.Max(Math.Abs);
        Assert.True(p.MaxAsymmetry <= 1e-6, $"{p.Name}: max |H - Hᵀ| = {p.MaxAsymmetry:E2}");
        Assert.True(p.MaxAsymmetry <= 1e-10 * scale, $"{p.Name}: max |H - Hᵀ| = {p.MaxAsymmetry:E2} vs ‖H‖ {scale:E2}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Hvp_matches_central_finite_differences_of_gradients(string name)
    {
        var p = Get(name);
        using var op = p.Operator();
        var sel = op.Selection;
        var theta0 = sel.Snapshot();
        var gen = new Generator(3);
        var v = randn(new[] { op.Dimension }, dtype: ScalarType.Float64, generator: gen);
        v /= v.norm();
        var hv = op.Apply(v);
        // ReLU/max-pool are piecewise smooth: a larger step (1e-5) crossed a kink for the MLP; 1e-6 keeps the
        // float64 rounding error ~1e-10 relative.
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
        Assert.True(rel < 1e-5, $"{p.Name}: relative error {rel:E2}, |hv| {hv.norm().item<double>():E3}, |fd| {fd.norm().item<double>():E3}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Symmetry_check_is_at_rounding_level_in_float64(string name)
    {
        using var op = Get(name).Operator();
        double err = op.SymmetryError(seed: 3);
        Assert.True(err < 1e-12, $"asymmetry {err:E2}");
        Assert.Equal(2, op.Products);
    }

    [Fact]
    public void Cached_and_uncached_products_agree_and_are_counted()
    {
        var p = SmallProblems.Cnn;
        using var plain = p.Operator();
        using var cached = p.Operator(new HessianOptions(CacheGradients: true));
        var v = randn(new[] { plain.Dimension }, dtype: ScalarType.Float64, generator: new Generator(5));
        for (int rep = 0; rep < 3; rep++)
        {
            var a = plain.Apply(v);
            var b = cached.Apply(v);
            Assert.True(((a - b).norm() / a.norm()).item<double>() < 1e-12);
        }
        Assert.Equal(3, plain.Products);
        Assert.Equal(3, cached.Products);
    }

    [Fact]
    public void Product_is_the_sample_weighted_average_over_batches()
    {
        // Batches of 64 and 32 samples vs the same 96 samples in one batch: same mean loss, same Hessian.
        var p = SmallProblems.Mlp;
        var data = Digits.Load().Subset(Enumerable.Range(600, 96).ToArray());
        var split = data.ToBatches(64, true, dtype: ScalarType.Float64);
        var whole = data.ToBatches(96, true, dtype: ScalarType.Float64);
        using var a = new HessianOperator(ParameterSelection.All(p.Model), split);
        using var b = new HessianOperator(ParameterSelection.All(p.Model), whole);
        var v = randn(new[] { a.Dimension }, dtype: ScalarType.Float64, generator: new Generator(9));
        double rel = ((a.Apply(v) - b.Apply(v)).norm() / b.Apply(v).norm()).item<double>();
        Assert.True(rel < 1e-12, $"relative difference {rel:E2}");
    }

    [Fact]
    public void Per_layer_selection_gives_the_diagonal_block()
    {
        var p = SmallProblems.Mlp;
        var all = ParameterSelection.All(p.Model);
        var layer = ParameterSelection.Where(p.Model, n => n.StartsWith("layers.1."));
        long offset = all.Parameters.TakeWhile(x => !ReferenceEquals(x, layer.Parameters[0])).Sum(x => x.numel());
        using var op = new HessianOperator(layer, p.Batches);
        Assert.Equal(170, op.Dimension);
        var e = zeros(new[] { op.Dimension }, dtype: ScalarType.Float64);
        e[17].fill_(1.0);
        var col = op.Apply(e).data<double>().ToArray();
        for (int i = 0; i < col.Length; i++)
            Assert.Equal(p.Exact[offset + i, offset + 17], col[i], 10);
    }

    [Fact]
    public void Float32_products_agree_with_float64()
    {
        var p = SmallProblems.Mlp;
        var m32 = new Mlp([64, 16, 10]);
        using (no_grad())
            foreach (var (a, b) in m32.parameters().Zip(p.Model.parameters())) a.copy_(b.to_type(ScalarType.Float32));
        var batches32 = p.Batches.Select(b => new Batch(b.Input.to_type(ScalarType.Float32), b.Target)).ToArray();
        using var op32 = new HessianOperator(ParameterSelection.All(m32), batches32);
        using var op64 = p.Operator();
        var v = randn(new[] { op64.Dimension }, dtype: ScalarType.Float64, generator: new Generator(2));
        var a32 = op32.Apply(v);
        Assert.Equal(ScalarType.Float64, a32.dtype);
        double rel = ((a32 - op64.Apply(v)).norm() / a32.norm()).item<double>();
        Assert.True(rel < 1e-4, $"float32 vs float64 relative difference {rel:E2}");
        var aligned = op32.Multiply(ParameterSelection.All(m32).Unflatten(v.to_type(ScalarType.Float32)));
        Assert.All(aligned, t => Assert.Equal(ScalarType.Float32, t.dtype));
    }

    [Fact]
    public void Training_mode_is_switched_with_a_notice_and_restored()
    {
        var p = SmallProblems.Cnn;
        var notices = new List<string>();
        p.Model.train();
        try
        {
            using var op = p.Operator(new HessianOptions(Progress: new SyncProgress(notices.Add)));
            op.Apply(ones(new[] { op.Dimension }, dtype: ScalarType.Float64));
            op.Apply(ones(new[] { op.Dimension }, dtype: ScalarType.Float64));
            Assert.True(op.SwitchedToEval);
            Assert.Single(notices);
            Assert.Contains("eval", notices[0]);
            Assert.True(p.Model.training);
            Assert.All(p.Model.modules(), m => Assert.True(m.training));
        }
        finally { p.Model.eval(); }
    }

    [Fact]
    public void Eval_mode_model_gets_no_notice()
    {
        var p = SmallProblems.Cnn;
        using var op = p.Operator();
        op.Apply(ones(new[] { op.Dimension }, dtype: ScalarType.Float64));
        Assert.False(op.SwitchedToEval);
        Assert.False(p.Model.training);
    }
}

internal sealed class SyncProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
