using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Models;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Hessian;

[Collection(SmallProblems.Collection)]
public class HessianValidationTests
{
    public HessianValidationTests() => SmallProblems.Init();

    private static (Mlp Model, IReadOnlyList<Batch> Batches) Fresh()
    {
        var model = Seeded.Create(1, () => new Mlp([64, 8, 10])).to(ScalarType.Float64);
        var batches = Digits.Load().Take(64).ToBatches(32, true, dtype: ScalarType.Float64);
        return (model, batches);
    }

    private static Tensor Ones(HessianOperator op) => ones(new[] { op.Dimension }, dtype: ScalarType.Float64);

    [Fact]
    public void No_trainable_parameters_is_an_argument_exception()
    {
        var (model, _) = Fresh();
        foreach (var p in model.parameters()) p.requires_grad = false;
        var ex = Assert.Throws<ArgumentException>(() => HessianOperator.ForModel(model, Fresh().Batches));
        Assert.Equal("module", ex.ParamName);
    }

    [Fact]
    public void Empty_batch_sequence_is_an_argument_exception()
    {
        var (model, _) = Fresh();
        var ex = Assert.Throws<ArgumentException>(() => HessianOperator.ForModel(model, Array.Empty<Batch>()));
        Assert.Equal("batches", ex.ParamName);
    }

    [Fact]
    public void Non_scalar_loss_is_a_hessian_exception()
    {
        var (model, batches) = Fresh();
        using var op = new HessianOperator(ParameterSelection.All(model), batches,
            (m, b) => nn.functional.cross_entropy(((Mlp)m).call(b.Input), b.Target, reduction: nn.Reduction.None));
        var ex = Assert.Throws<HessianException>(() => op.Apply(Ones(op)));
        Assert.Contains("not a scalar", ex.Message);
        Assert.Equal(0, ex.BatchIndex);
    }

    [Fact]
    public void Loss_detached_from_the_parameters_is_a_hessian_exception()
    {
        var (model, batches) = Fresh();
        using var op = new HessianOperator(ParameterSelection.All(model), batches,
            (m, b) => nn.functional.cross_entropy(((Mlp)m).call(b.Input).detach(), b.Target));
        var ex = Assert.Throws<HessianException>(() => op.Apply(Ones(op)));
        Assert.Contains("does not depend", ex.Message);
    }

    [Fact]
    public void Loss_ignoring_some_selected_parameters_names_them()
    {
        var (model, batches) = Fresh();
        var w0 = model.named_parameters().First(p => p.name == "layers.0.weight").parameter;
        using var op = new HessianOperator(ParameterSelection.All(model), batches, (m, b) => w0.square().sum());
        var ex = Assert.Throws<HessianException>(() => op.Apply(Ones(op)));
        Assert.Contains("layers.1.weight", ex.Message);
        Assert.DoesNotContain("layers.0.weight", ex.Message);
        // The gradient path validates the same way.
        Assert.Throws<HessianException>(() => op.Gradient());
    }

    [Fact]
    public void Loss_that_is_linear_in_the_parameters_gives_a_zero_product()
    {
        var (model, batches) = Fresh();
        var sel = ParameterSelection.Where(model, n => n == "layers.1.bias");
        using var op = new HessianOperator(sel, batches, (m, b) => sel.Parameters[0].sum() * 3);
        Assert.Equal(0.0, op.Apply(Ones(op)).abs().max().item<double>());
    }

    [Fact]
    public void Non_finite_product_names_the_batch_and_restores_weights_and_mode()
    {
        var (model, batches) = Fresh();
        var bias = model.named_parameters().First(p => p.name == "layers.0.bias").parameter;
        using (no_grad()) bias[0].fill_(0.0);
        var sel = ParameterSelection.All(model);
        var before = sel.Snapshot();
        model.train();
        // sqrt(|b|) has an infinite second derivative at b = 0; the term is only added for batch 1.
        using var op = new HessianOperator(sel, batches, (m, b) =>
        {
            var loss = HessianOperator.DefaultLoss(m, b);
            return ReferenceEquals(b, batches[1]) ? loss + 1e-3 * bias.abs().sqrt().sum() : loss;
        });
        var ex = Assert.Throws<HessianException>(() => op.Apply(Ones(op)));
        Assert.Equal(1, ex.BatchIndex);
        Assert.Contains("batch 1", ex.Message);
        Assert.True(model.training);
        Assert.All(model.modules(), m => Assert.True(m.training));
        for (int i = 0; i < before.Length; i++) Assert.Equal(0.0, (before[i] - sel.Parameters[i]).abs().max().item<double>());
    }

    [Fact]
    public void Non_finite_loss_names_the_batch()
    {
        var (model, batches) = Fresh();
        using var op = new HessianOperator(ParameterSelection.All(model), batches,
            (m, b) => HessianOperator.DefaultLoss(m, b) * (ReferenceEquals(b, batches[1]) ? double.PositiveInfinity : 1.0));
        var ex = Assert.Throws<HessianException>(() => op.Apply(Ones(op)));
        Assert.Equal(1, ex.BatchIndex);
    }

    [Fact]
    public void Vector_shape_mismatches_are_argument_exceptions()
    {
        var (model, batches) = Fresh();
        using var op = HessianOperator.ForModel(model, batches);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => op.Apply(ones(new[] { op.Dimension + 1 }, dtype: ScalarType.Float64))).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => op.Apply(ones(new[] { 2L, op.Dimension }, dtype: ScalarType.Float64))).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => op.Apply(ones(new[] { op.Dimension }, dtype: ScalarType.Int64))).ParamName);
        var parts = op.Selection.Shapes.Select(s => ones(s, dtype: ScalarType.Float64)).ToArray();
        parts[1] = ones(new long[] { 3, 3 }, dtype: ScalarType.Float64);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => op.Multiply(parts)).ParamName);
        Assert.Equal("vector", Assert.Throws<ArgumentException>(() => op.Multiply(parts.Take(2).ToArray())).ParamName);
        Assert.Equal(0, op.Products);
    }

    [Fact]
    public void Default_loss_needs_a_tensor_to_tensor_module()
    {
        var (model, batches) = Fresh();
        var wrapper = new Wrapper(model);
        var ex = Assert.Throws<ArgumentException>(() => new HessianOperator(ParameterSelection.All(wrapper), batches));
        Assert.Equal("loss", ex.ParamName);
    }

    [Fact]
    public void Solver_arguments_are_validated()
    {
        var (model, batches) = Fresh();
        using var op = HessianOperator.ForModel(model, batches);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => Lanczos.TopEigenpairs(op, 0)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => PowerIteration.TopEigenpairs(op, (int)op.Dimension + 1)).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => TraceEstimator.HutchPlusPlus(op, 3)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => StochasticLanczosQuadrature.Estimate(op, new SlqOptions(Probes: 0))).ParamName);
    }

    private sealed class Wrapper : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly Mlp inner;
        public Wrapper(Mlp m) : base("wrapper") { inner = m; RegisterComponents(); }
        public override Tensor forward(Tensor x, Tensor y) => inner.call(x);
    }
}
