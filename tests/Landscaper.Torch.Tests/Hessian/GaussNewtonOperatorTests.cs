using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.ParameterSpace;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Tests.Hessian;

/// <summary>The Gauss–Newton operator against an explicit Jacobian (one backward pass per output), against the Hessian
/// where the two must agree (a network linear in θ), and its positive semi-definiteness.</summary>
[Collection(SmallProblems.Collection)]
public class GaussNewtonOperatorTests
{
    public GaussNewtonOperatorTests() => SmallProblems.Init();

    private static (nn.Module<Tensor, Tensor> Model, Batch Batch) Digits(int[] sizes, int samples, int seed)
    {
        var model = Seeded.Create(seed, () => new Mlp(sizes, activation: "tanh")).to(ScalarType.Float64);
        model.eval();
        var data = Landscaper.Data.Digits.Load();
        var batch = data.Subset(Enumerable.Range(100, samples).ToArray()).ToBatches(samples, flatten: true, dtype: ScalarType.Float64)[0];
        return (model, batch);
    }

    /// <summary>G = Σᵢ Jᵢᵀ Hᵢ Jᵢ with Jᵢ built row by row from the gradients of each output zᵢc.</summary>
    private static Tensor ExplicitGgn(nn.Module<Tensor, Tensor> model, Batch batch, GaussNewtonLoss loss)
    {
        var sel = ParameterSelection.All(model);
        var parameters = sel.Parameters.Cast<Tensor>().ToArray();
        var z = model.call(batch.Input);
        long b = z.shape[0], c = z.shape[1];
        var jac = zeros(new[] { b * c, sel.Count }, dtype: ScalarType.Float64);
        for (long i = 0; i < b; i++)
            for (long k = 0; k < c; k++)
            {
                var g = autograd.grad([z[i, k]], parameters, retain_graph: true, allow_unused: true);
                jac[i * c + k] = cat(g.Select((t, j) => (t is null || t.IsInvalid ? zeros_like(parameters[j]) : t).reshape(-1)).ToArray());
            }
        var h = zeros(new[] { b * c, b * c }, dtype: ScalarType.Float64);
        using (no_grad())
        {
            if (loss == GaussNewtonLoss.CrossEntropy)
            {
                var p = nn.functional.softmax(z.detach(), 1);
                for (long i = 0; i < b; i++)
                    h[TensorIndex.Slice(i * c, (i + 1) * c), TensorIndex.Slice(i * c, (i + 1) * c)] = (diag(p[i]) - outer(p[i], p[i])) / b;
            }
            else h = eye(b * c, dtype: ScalarType.Float64) * (2.0 / (b * c));
        }
        return jac.t().mm(h).mm(jac);
    }

    [Fact]
    public void Products_match_an_explicit_jacobian_for_cross_entropy()
    {
        var (model, batch) = Digits([64, 12, 10], 24, seed: 3);
        var g = ExplicitGgn(model, batch, GaussNewtonLoss.CrossEntropy);
        var op = new GaussNewtonOperator(ParameterSelection.All(model), [batch]);
        var gen = new Generator(5);
        for (int t = 0; t < 3; t++)
        {
            var v = randn(new[] { op.Dimension }, dtype: ScalarType.Float64, generator: gen);
            double rel = ((op.Apply(v) - g.mv(v)).norm() / g.mv(v).norm()).item<double>();
            Assert.True(rel < 1e-10, $"relative difference {rel:E2}");
        }
        Assert.Equal(3, op.Products);
    }

    [Fact]
    public void Products_match_an_explicit_jacobian_for_mean_squared_error()
    {
        var model = Seeded.Create(4, () => new Mlp([5, 7, 3], activation: "tanh")).to(ScalarType.Float64);
        var gen = new Generator(6);
        var batch = new Batch(randn(new long[] { 9, 5 }, dtype: ScalarType.Float64, generator: gen), randn(new long[] { 9, 3 }, dtype: ScalarType.Float64, generator: gen));
        var g = ExplicitGgn(model, batch, GaussNewtonLoss.MeanSquaredError);
        var op = new GaussNewtonOperator(ParameterSelection.All(model), [batch], GaussNewtonLoss.MeanSquaredError);
        var v = randn(new[] { op.Dimension }, dtype: ScalarType.Float64, generator: gen);
        double rel = ((op.Apply(v) - g.mv(v)).norm() / g.mv(v).norm()).item<double>();
        Assert.True(rel < 1e-10, $"relative difference {rel:E2}");
    }

    [Fact]
    public void Equals_the_hessian_for_a_network_linear_in_its_parameters()
    {
        // Softmax regression: z is linear in θ, so ∇²z = 0 and G = H exactly.
        var (model, batch) = Digits([64, 10], 40, seed: 7);
        var sel = ParameterSelection.All(model);
        var ggn = new GaussNewtonOperator(sel, [batch]);
        using var hessian = new HessianOperator(sel, [batch]);
        var gen = new Generator(8);
        var v = randn(new[] { ggn.Dimension }, dtype: ScalarType.Float64, generator: gen);
        var a = ggn.Apply(v);
        var h = hessian.Apply(v);
        Assert.True(((a - h).norm() / h.norm()).item<double>() < 1e-10);
    }

    [Fact]
    public void Is_positive_semidefinite_and_the_solvers_run_on_it()
    {
        var (model, batch) = Digits([64, 12, 10], 48, seed: 9);
        var op = new GaussNewtonOperator(ParameterSelection.All(model), [batch]);
        var top = Lanczos.TopEigenpairs(op, 2, new LanczosOptions(Tolerance: 1e-8, MaxBasis: 200, Seed: 1));
        var bottom = Lanczos.TopEigenpairs(op, 1, new LanczosOptions(Tolerance: 1e-8, MaxBasis: 200, Which: SpectrumEnd.Smallest, Seed: 1));
        Assert.True(top.Converged);
        Assert.True(top.Eigenvalues[0] > 0);
        // The GGN of 48 samples × 10 classes has rank ≤ 48·9 < 910 parameters: its smallest eigenvalue is 0 (a large
        // null space, where a relative tolerance cannot be met); the smallest Ritz value must sit at 0, never below.
        Assert.True(bottom.Eigenvalues[0] >= -1e-9 * top.Eigenvalues[0], $"λmin = {bottom.Eigenvalues[0]:E3}");
        Assert.True(bottom.Eigenvalues[0] <= 1e-6 * top.Eigenvalues[0], $"λmin = {bottom.Eigenvalues[0]:E3}");
        var dirs = top.ToDirectionSet(op.Selection, "gauss-newton");
        Assert.Equal(2, dirs.Count);
        Assert.Equal(1.0, dirs.Norm(0), 6);
        var trace = TraceEstimator.HutchPlusPlus(op, 60, seed: 2);
        Assert.True(trace.Value > top.Eigenvalues[0]);
    }

    [Fact]
    public void Refuses_outputs_that_do_not_fit_the_loss()
    {
        var (model, batch) = Digits([64, 10], 8, seed: 1);
        var wrong = new Batch(batch.Input, zeros(new long[] { 8, 3 }, dtype: ScalarType.Float64));
        var op = new GaussNewtonOperator(ParameterSelection.All(model), [wrong], GaussNewtonLoss.MeanSquaredError);
        var ex = Assert.Throws<HessianException>(() => op.Apply(ones(new[] { op.Dimension }, dtype: ScalarType.Float64)));
        Assert.Contains("target's shape", ex.Message);
        Assert.Throws<ArgumentException>(() => new GaussNewtonOperator(ParameterSelection.All(model), []));
    }
}
