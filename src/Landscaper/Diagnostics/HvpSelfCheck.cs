using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Diagnostics;

/// <summary>
/// A self-contained check that TorchSharp's double backward works on this machine: the Hessian-vector product of
/// a seeded two-layer MLP's cross-entropy loss (float64) is compared with the central finite difference of
/// gradients, (∇L(θ+εv) − ∇L(θ−εv)) / 2ε.
/// </summary>
public static class HvpSelfCheck
{
    /// <summary>Runs the check.</summary>
    /// <param name="seed">Seed for the weights, the data and the direction.</param>
    /// <param name="epsilon">Finite-difference step (in parameter units, along a unit-norm direction).</param>
    /// <returns>The relative error ‖Hv − FD‖ / ‖FD‖ and the number of parameters.</returns>
    public static (double RelativeError, long Parameters) Run(int seed = 1, double epsilon = 1e-4)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var gen = new Generator((ulong)seed);
        var x = randn(new long[] { 32, 8 }, dtype: float64, generator: gen);
        var y = randint(0, 3, new long[] { 32 }, generator: gen);
        var w1 = (randn(new long[] { 16, 8 }, dtype: float64, generator: gen) * 0.5).requires_grad_();
        var b1 = (randn(new long[] { 16 }, dtype: float64, generator: gen) * 0.1).requires_grad_();
        var w2 = (randn(new long[] { 3, 16 }, dtype: float64, generator: gen) * 0.5).requires_grad_();
        var b2 = (randn(new long[] { 3 }, dtype: float64, generator: gen) * 0.1).requires_grad_();
        Tensor[] ps = [w1, b1, w2, b2];
        Tensor Loss() => nn.functional.cross_entropy(nn.functional.linear(nn.functional.tanh(nn.functional.linear(x, w1, b1)), w2, b2), y);

        var v = ps.Select(p => randn(p.shape, dtype: float64, generator: gen)).ToArray();
        double norm = Math.Sqrt(v.Sum(t => t.square().sum().item<double>()));
        for (int i = 0; i < v.Length; i++) v[i] = v[i] / norm;

        var grads = autograd.grad([Loss()], ps, create_graph: true, retain_graph: true);
        var dot = grads.Zip(v, (g, d) => (g * d).sum()).Aggregate((a, b) => a + b);
        var hv = autograd.grad([dot], ps, retain_graph: false);

        Tensor[] GradAt(double step)
        {
            using (no_grad()) for (int i = 0; i < ps.Length; i++) ps[i].add_(v[i], alpha: step);
            var g = autograd.grad([Loss()], ps).Select(t => t.detach()).ToArray();
            using (no_grad()) for (int i = 0; i < ps.Length; i++) ps[i].add_(v[i], alpha: -step);
            return g;
        }
        var plus = GradAt(epsilon);
        var minus = GradAt(-epsilon);
        double num = 0, den = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            var fd = (plus[i] - minus[i]) / (2 * epsilon);
            num += (hv[i] - fd).square().sum().item<double>();
            den += fd.square().sum().item<double>();
        }
        return (Math.Sqrt(num / den), ps.Sum(p => p.numel()));
    }
}
