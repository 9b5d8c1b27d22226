using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Diagnostics;

/// <summary>
/// A self-check that the library's Hessian-vector product works on this machine: <see cref="HessianOperator"/> on a
/// seeded two-layer tanh MLP (8 → 16 → 3, float64, cross-entropy on 32 random samples) is compared with the central
/// finite difference of gradients, (∇L(θ+εv) − ∇L(θ−εv)) / 2ε, along a random unit vector v.
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
        var model = Seeded.Create(seed, () => new Mlp([8, 16, 3], "tanh")).to(ScalarType.Float64);
        var gen = new Generator((ulong)seed);
        var batch = new Batch(randn(new long[] { 32, 8 }, dtype: ScalarType.Float64, generator: gen),
                              randint(0, 3, new long[] { 32 }, generator: gen));
        using var op = HessianOperator.ForModel(model, [batch]);
        var v = randn(new long[] { op.Dimension }, dtype: ScalarType.Float64, generator: gen);
        v /= v.norm();
        var hv = op.Apply(v);

        var direction = op.Selection.Unflatten(v);
        Tensor GradientAt(double step)
        {
            using (no_grad()) for (int i = 0; i < direction.Length; i++) op.Selection.Parameters[i].add_(direction[i], alpha: step);
            var g = op.Selection.Flatten(op.Gradient());
            using (no_grad()) for (int i = 0; i < direction.Length; i++) op.Selection.Parameters[i].add_(direction[i], alpha: -step);
            return g;
        }
        var fd = (GradientAt(epsilon) - GradientAt(-epsilon)) / (2 * epsilon);
        return ((hv - fd).norm().item<double>() / fd.norm().item<double>(), op.Dimension);
    }
}
