using Landscaper.Data;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>The output loss whose curvature the Gauss–Newton matrix uses.</summary>
public enum GaussNewtonLoss
{
    /// <summary>Mean softmax cross-entropy over the batch (classification; the built-in digits models): the output
    /// Hessian of sample i is (diag(pᵢ) − pᵢpᵢᵀ)/B with pᵢ = softmax(zᵢ). The GGN then equals the Fisher information.</summary>
    CrossEntropy,

    /// <summary>Mean squared error over all B·D outputs (regression): the output Hessian is 2I/(B·D).</summary>
    MeanSquaredError,
}

/// <summary>
/// The generalised Gauss–Newton matrix G = Jᵀ H_z J of a network f(x; θ) with outputs z (logits or predictions) and a
/// convex output loss ℓ(z, y): J = ∂z/∂θ, H_z = ∂²ℓ/∂z². G is positive semi-definite and equals the Hessian ∇²L minus the
/// term Σ (∂ℓ/∂z)·∇²z, so it agrees with the Hessian where the network is linear in θ or the residuals vanish.
/// </summary>
/// <remarks>
/// <para>Products without forming J: Jv by the double-backward trick (u ↦ Jᵀu is linear in a dummy u, and the gradient of
/// (Jᵀu)·v with respect to u is Jv), then H_z(Jv) in closed form, then Jᵀ(H_z Jv) by one backward pass — three
/// backward passes per batch.</para>
/// <para>Batches are sample-weighted as in <see cref="HessianOperator"/>; the module is put in eval mode for each product
/// and restored afterwards. The module must be an <c>nn.Module&lt;Tensor, Tensor&gt;</c> whose output is [B, C] logits
/// (cross-entropy, targets int64 class indices) or predictions of the target's shape (MSE).</para>
/// </remarks>
public sealed class GaussNewtonOperator : IParameterSpaceOperator
{
    private readonly Batch[] _batches;
    private readonly GaussNewtonLoss _loss;
    private readonly EvalModeSwitch _evalMode;
    private readonly double _totalSamples;
    private long _products;

    /// <summary>Creates the operator.</summary>
    /// <param name="selection">The parameters (all trainable, or a per-layer filter).</param>
    /// <param name="batches">Batches the loss is averaged over (at least one, none empty).</param>
    /// <param name="loss">The output loss.</param>
    /// <param name="progress">Receives a notice when the model is switched to eval mode; may be null.</param>
    /// <exception cref="ArgumentException">No batches, an empty batch, or a module that is not <c>nn.Module&lt;Tensor, Tensor&gt;</c>.</exception>
    public GaussNewtonOperator(ParameterSelection selection, IReadOnlyList<Batch> batches, GaussNewtonLoss loss = GaussNewtonLoss.CrossEntropy,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        TorchNative.EnsureLoaded();
        _batches = BatchList.Validated(batches, nameof(batches));
        if (selection.Module is not nn.Module<Tensor, Tensor>)
            throw new ArgumentException($"The Gauss–Newton operator needs an nn.Module<Tensor, Tensor>; {selection.Module.GetType().Name} is not one.", nameof(selection));
        if (!Enum.IsDefined(loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown Gauss–Newton loss.");
        Selection = selection;
        _loss = loss;
        _evalMode = new EvalModeSwitch(selection.Module, progress, "Gauss–Newton");
        _totalSamples = _batches.Sum(b => (double)b.Size);
    }

    /// <inheritdoc />
    public ParameterSelection Selection { get; }

    /// <inheritdoc />
    public long Dimension => Selection.Count;

    /// <inheritdoc />
    public ScalarType DType => Selection.DType;

    /// <inheritdoc />
    public Device Device => Selection.Device;

    /// <inheritdoc />
    public long Products => Interlocked.Read(ref _products);

    /// <summary>True once the module was found in training mode and switched to eval mode for a product.</summary>
    public bool SwitchedToEval => _evalMode.Switched;

    /// <inheritdoc />
    /// <exception cref="HessianException">A non-finite output or product (names the batch), or an output whose shape does
    /// not fit the loss.</exception>
    public Tensor Apply(Tensor vector)
    {
        OperatorVectors.Check(vector, Dimension, Device, nameof(vector));
        using var scope = NewDisposeScope();
        var parameters = Selection.Parameters.Cast<Tensor>().ToArray();
        var v = Selection.Unflatten(vector).Select((t, i) => t.to_type(parameters[i].dtype)).ToArray();
        var result = _evalMode.Run(() =>
        {
            Tensor? sum = null;
            for (int b = 0; b < _batches.Length; b++)
            {
                using var inner = NewDisposeScope();
                var gv = BatchProduct(b, parameters, v);
                double w = _batches[b].Size / _totalSamples;
                if (sum is null) sum = (gv * w).MoveToOuterDisposeScope();
                else sum.add_(gv, alpha: w);
            }
            return sum!;
        });
        Interlocked.Increment(ref _products);
        return result.to(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    private Tensor BatchProduct(int b, Tensor[] parameters, Tensor[] v)
    {
        var batch = _batches[b];
        var model = (nn.Module<Tensor, Tensor>)Selection.Module;
        var z = model.call(batch.Input);
        CheckOutput(z, batch, b);
        // Jv by double backward: g(u) = Jᵀu is linear in u, and ∂(g(u)·v)/∂u = Jv.
        var u = zeros_like(z).requires_grad_(true);
        var jtu = autograd.grad([z], parameters, [u], retain_graph: true, create_graph: true, allow_unused: true);
        Tensor? dot = null;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (jtu[i] is null || jtu[i].IsInvalid)
                throw new HessianException($"The output of batch {b} does not depend on the selected parameter {Selection.Names[i]}; select only parameters the model uses.", b);
            var term = (jtu[i] * v[i]).sum();
            dot = dot is null ? term : dot + term;
        }
        var jv = autograd.grad([dot!], [u], retain_graph: true, allow_unused: true)[0];
        if (jv is null || jv.IsInvalid) jv = zeros_like(z);
        var hjv = OutputHessianTimes(z.detach(), jv.detach());
        var gv = autograd.grad([z], parameters, [hjv], allow_unused: true);
        var flat = cat(gv.Select((g, i) => (g is null || g.IsInvalid ? zeros_like(parameters[i]) : g).reshape(-1)).ToArray());
        if (!flat.isfinite().all().item<bool>())
            throw new HessianException($"The Gauss–Newton product of batch {b} is not finite; check the model output for overflow or NaN.", b);
        return flat;
    }

    private Tensor OutputHessianTimes(Tensor z, Tensor a)
    {
        if (_loss == GaussNewtonLoss.MeanSquaredError) return a * (2.0 / z.numel());
        long batch = z.shape[0];
        var p = nn.functional.softmax(z.to_type(ScalarType.Float64), 1).to_type(z.dtype);
        var pa = (p * a).sum(1, keepdim: true);
        return (p * a - p * pa) / batch;
    }

    private void CheckOutput(Tensor z, Batch batch, int b)
    {
        if (z is null || z.IsInvalid) throw new HessianException($"The model returned no tensor for batch {b}.", b);
        if (!z.is_floating_point()) throw new HessianException($"The model output of batch {b} has dtype {z.dtype}; a floating-point output is required.", b);
        if (!z.isfinite().all().item<bool>()) throw new HessianException($"The model output of batch {b} is not finite.", b);
        if (_loss == GaussNewtonLoss.CrossEntropy && (z.dim() != 2 || z.shape[0] != batch.Size))
            throw new HessianException($"Cross-entropy Gauss–Newton needs [batch, classes] logits; batch {b} gave shape [{string.Join(", ", z.shape)}].", b);
        if (_loss == GaussNewtonLoss.MeanSquaredError && !z.shape.SequenceEqual(batch.Target.shape))
            throw new HessianException($"MSE Gauss–Newton needs predictions of the target's shape [{string.Join(", ", batch.Target.shape)}]; batch {b} gave [{string.Join(", ", z.shape)}].", b);
        if (!z.requires_grad)
            throw new HessianException($"The model output of batch {b} does not depend on the selected parameters (computed under no_grad or from frozen parameters).", b);
    }
}
