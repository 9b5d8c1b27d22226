using System.Diagnostics;
using Landscaper.Data;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Hessian;

/// <summary>
/// The Hessian H = ∇²L(θ) of a loss with respect to selected parameters, as a linear operator: products Hv by double
/// backward (Pearlmutter's trick: Hv = ∇(∇L · v)), never forming H.
/// </summary>
/// <remarks>
/// <para>L is the sample-weighted mean of the per-batch losses: Hv = Σ_b n_b H_b v / Σ_b n_b, with n_b the batch
/// size, which equals the Hessian of the mean loss over all samples when each batch loss is a mean over its
/// samples (the default cross-entropy is).</para>
/// <para>During each product the module is put in eval mode (dropout off, batch-norm running statistics) and every
/// submodule's training flag is restored afterwards, also when an exception is thrown. The first switch is
/// reported through <see cref="HessianOptions.Progress"/> and <see cref="SwitchedToEval"/>. Parameter values are never
/// modified.</para>
/// <para>Products are computed in the parameters' dtype (float32 or float64); the flat interface
/// (<see cref="Apply"/>, <see cref="ISymmetricOperator"/>) takes and returns float64 vectors on the parameters' device,
/// which the eigen solvers use for their bases.</para>
/// <para>Not thread-safe. Dispose it to free cached gradient graphs (a no-op without caching).</para>
/// </remarks>
public sealed class HessianOperator : IParameterSpaceOperator, IDisposable
{
    private readonly IReadOnlyList<Batch> _batches;
    private readonly Func<nn.Module, Batch, Tensor> _loss;
    private readonly HessianOptions _options;
    private readonly double _totalSamples;
    private readonly EvalModeSwitch _evalMode;
    private Tensor[]?[]? _cache;
    private long _products;
    private long _gradients;
    private bool _disposed;

    /// <summary>Creates the operator.</summary>
    /// <param name="selection">The parameters to differentiate with respect to (all trainable, or a per-layer filter).</param>
    /// <param name="batches">The batches the loss is averaged over (at least one, none empty).</param>
    /// <param name="loss">Loss closure returning a scalar that depends on the selected parameters; null = the loss the batch
    /// implies (<see cref="BatchLoss"/>: cross-entropy for labels, MSE for real targets; the module must then be a
    /// <c>Module&lt;Tensor, Tensor&gt;</c>).</param>
    /// <param name="options">Caching and progress options (defaults when null).</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">No batches, an empty batch, or no loss closure for a module that is not
    /// <c>Module&lt;Tensor, Tensor&gt;</c>.</exception>
    public HessianOperator(ParameterSelection selection, IReadOnlyList<Batch> batches, Func<nn.Module, Batch, Tensor>? loss = null,
        HessianOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        TorchNative.EnsureLoaded();
        var validated = BatchList.Validated(batches, nameof(batches));
        if (loss is null && selection.Module is not nn.Module<Tensor, Tensor>)
            throw new ArgumentException(
                $"The default loss (cross-entropy of model(input)) needs an nn.Module<Tensor, Tensor>; {selection.Module.GetType().Name} is not one. Pass a loss closure.",
                nameof(loss));
        Selection = selection;
        _batches = validated;
        _loss = loss ?? DefaultLoss;
        _options = options ?? new HessianOptions();
        _evalMode = new EvalModeSwitch(selection.Module, _options.Progress, "Hessian");
        _totalSamples = _batches.Sum(b => (double)b.Size);
    }

    /// <summary>Creates an operator over all trainable parameters of <paramref name="model"/> with the default
    /// cross-entropy loss.</summary>
    /// <exception cref="ArgumentException">No trainable parameters, or no/empty batches.</exception>
    public static HessianOperator ForModel(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches, HessianOptions? options = null)
        => new(ParameterSelection.All(model), batches, null, options);

    /// <summary>The loss the batch implies (<see cref="BatchLoss"/>): cross-entropy for class labels, mean squared error
    /// for floating-point targets.</summary>
    public static Tensor DefaultLoss(nn.Module model, Batch batch) => BatchLoss.Compute(model, batch);

    /// <summary>The parameters the Hessian is taken with respect to.</summary>
    public ParameterSelection Selection { get; }

    /// <summary>Dimension n of the operator (number of selected scalar parameters).</summary>
    public long Dimension => Selection.Count;

    /// <summary>The parameters' dtype: products are computed in it.</summary>
    public ScalarType DType => Selection.DType;

    /// <summary>The parameters' device.</summary>
    public Device Device => Selection.Device;

    /// <summary>Number of batches.</summary>
    public int BatchCount => _batches.Count;

    /// <summary>Hessian-vector products computed so far (one per call of <see cref="Multiply"/>/<see cref="Apply"/>,
    /// whatever the number of batches).</summary>
    public long Products => Interlocked.Read(ref _products);

    /// <summary>Gradients computed so far by <see cref="Gradient"/> (not counting the first-order passes inside products).</summary>
    public long Gradients => Interlocked.Read(ref _gradients);

    /// <summary>True once the module was found in training mode and switched to eval mode for a computation.</summary>
    public bool SwitchedToEval => _evalMode.Switched;

    /// <summary>Whether gradient graphs are cached between products.</summary>
    public bool CachesGradients => _options.CacheGradients;

    /// <summary>Hv for a vector given as tensors aligned with <see cref="Selection"/>.</summary>
    /// <param name="vector">One tensor per selected parameter with its shape (any floating dtype; converted).</param>
    /// <returns>Hv aligned with the parameters, in the parameters' dtype, detached; the caller owns the tensors.</returns>
    /// <exception cref="ArgumentException">Count or shape mismatch, or non-finite entries in <paramref name="vector"/>.</exception>
    /// <exception cref="HessianException">Invalid loss, or a non-finite product (names the batch).</exception>
    public Tensor[] Multiply(IReadOnlyList<Tensor> vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Selection.EnsureAligned(vector, nameof(vector));
        foreach (var t in vector)
            if (!t.is_floating_point())
                throw new ArgumentException($"The vector must be floating point, got {t.dtype}.", nameof(vector));
        return WithEvalMode(() => MultiplyCore(vector));
    }

    /// <summary>Hv for a flat vector of length <see cref="Dimension"/> (parameter order of <see cref="Selection"/>).</summary>
    /// <param name="vector">One-dimensional float64 tensor of length <see cref="Dimension"/> on <see cref="Device"/>.</param>
    /// <returns>Flat float64 Hv on <see cref="Device"/>; the caller owns it.</returns>
    /// <exception cref="ArgumentException">Not one-dimensional, wrong length, not float64 or on another device.</exception>
    /// <exception cref="HessianException">Invalid loss, or a non-finite product (names the batch).</exception>
    public Tensor Apply(Tensor vector)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        OperatorVectors.Check(vector, Dimension, Device, nameof(vector));
        using var scope = NewDisposeScope();
        var parts = Selection.Unflatten(vector);
        var hv = WithEvalMode(() => MultiplyCore(parts));
        var flat = cat(hv.Select(t => t.reshape(-1)).ToArray()).to(ScalarType.Float64);
        return flat.MoveToOuterDisposeScope();
    }

    /// <summary>The gradient ∇L (sample-weighted over the batches), aligned with the parameters, detached.</summary>
    /// <exception cref="HessianException">Invalid loss (names the batch).</exception>
    public Tensor[] Gradient()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WithEvalMode(() =>
        {
            Tensor[]? sum = null;
            for (int b = 0; b < _batches.Count; b++)
            {
                using var scope = NewDisposeScope();
                var loss = ValidatedLoss(b);
                var grads = autograd.grad([loss], Selection.Parameters.Cast<Tensor>().ToArray(), allow_unused: true);
                var named = CheckUsed(grads, b);
                double w = _batches[b].Size / _totalSamples;
                if (sum is null) sum = named.Select(g => (g.detach() * w).MoveToOuterDisposeScope()).ToArray();
                else for (int i = 0; i < sum.Length; i++) sum[i].add_(named[i].detach(), alpha: w);
            }
            Interlocked.Increment(ref _gradients);
            return sum!;
        });
    }

    /// <summary>The loss L (sample-weighted mean over the batches), evaluated without gradients in eval mode.</summary>
    public double Loss()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WithEvalMode(() =>
        {
            using var _ = no_grad();
            double total = 0;
            for (int b = 0; b < _batches.Count; b++)
            {
                using var scope = NewDisposeScope();
                var l = _loss(Selection.Module, _batches[b]);
                if (l is null || l.IsInvalid || l.numel() != 1)
                    throw new HessianException($"The loss of batch {b} is not a scalar.", b);
                total += l.to_type(ScalarType.Float64).item<double>() * _batches[b].Size / _totalSamples;
            }
            return total;
        });
    }

    /// <summary>
    /// Checks that the products behave like a symmetric matrix: for two seeded random unit vectors u, w returns
    /// |uᵀHw − wᵀHu| / max(‖Hu‖, ‖Hw‖). Rounding gives ~1e-15 in float64 and ~1e-7 in float32; much larger values mean
    /// the eigen solvers' assumptions fail (see docs/hessian.md: float32 CNNs on this libtorch). Uses two products.
    /// </summary>
    /// <param name="seed">Seed of u and w.</param>
    public double SymmetryError(int seed = 0)
    {
        using var scope = NewDisposeScope();
        var gen = new Generator((ulong)seed, device: CPU);
        var u = FlatVectors.RandomUnit(Dimension, gen).to(Device);
        var w = FlatVectors.RandomUnit(Dimension, gen).to(Device);
        var hu = Apply(u);
        var hw = Apply(w);
        double scale = Math.Max(FlatVectors.Norm(hu), FlatVectors.Norm(hw));
        return scale == 0 ? 0 : Math.Abs(FlatVectors.Dot(u, hw) - FlatVectors.Dot(w, hu)) / scale;
    }

    /// <summary>Frees cached gradient graphs.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        DropCache();
    }

    private void DropCache()
    {
        if (_cache is null) return;
        foreach (var grads in _cache)
            if (grads is not null)
                foreach (var g in grads) g?.Dispose();
        _cache = null;
    }

    private Tensor[] MultiplyCore(IReadOnlyList<Tensor> vector)
    {
        var parameters = Selection.Parameters.Cast<Tensor>().ToArray();
        Tensor[]? sum = null;
        bool cache = _options.CacheGradients;
        if (cache) _cache ??= new Tensor[]?[_batches.Count];
        for (int b = 0; b < _batches.Count; b++)
        {
            using var scope = NewDisposeScope();
            var v = new Tensor[vector.Count];
            for (int i = 0; i < v.Length; i++)
            {
                var t = vector[i].detach();
                if (t.dtype != parameters[i].dtype) t = t.to_type(parameters[i].dtype);
                if (t.device_type != parameters[i].device_type) t = t.to(parameters[i].device);
                v[i] = t;
            }
            Tensor[] grads;
            if (cache && _cache![b] is { } cached) grads = cached;
            else
            {
                var loss = ValidatedLoss(b);
                // create_graph without retain_graph frees the graph in TorchSharp (unlike PyTorch): pass both.
                var raw = autograd.grad([loss], parameters, create_graph: true, retain_graph: true, allow_unused: true);
                grads = CheckUsed(raw, b);
                if (cache)
                {
                    foreach (var g in grads) g.DetachFromDisposeScope();
                    _cache![b] = grads;
                }
            }
            Tensor? dot = null;
            for (int i = 0; i < grads.Length; i++)
            {
                if (!grads[i].requires_grad) continue; // the gradient does not depend on θ: no curvature through it
                var term = (grads[i] * v[i]).sum();
                dot = dot is null ? term : dot + term;
            }
            Tensor[] hv;
            if (dot is null) hv = parameters.Select(p => zeros_like(p)).ToArray();
            else
            {
                var second = autograd.grad([dot], parameters, retain_graph: cache, allow_unused: true);
                hv = new Tensor[parameters.Length];
                for (int i = 0; i < hv.Length; i++)
                    hv[i] = second[i] is null || second[i].IsInvalid ? zeros_like(parameters[i]) : second[i].detach();
            }
            using (no_grad())
            {
                bool finite = hv.All(t => t.isfinite().all().item<bool>());
                if (!finite)
                {
                    var bad = Enumerable.Range(0, hv.Length).Where(i => !hv[i].isfinite().all().item<bool>()).Select(i => Selection.Names[i]);
                    throw new HessianException(
                        $"The Hessian-vector product of batch {b} is not finite (in {string.Join(", ", bad)}); check the loss and the vector for overflow or NaN.", b);
                }
                double w = _batches[b].Size / _totalSamples;
                if (sum is null) sum = hv.Select(t => (t * w).MoveToOuterDisposeScope()).ToArray();
                else for (int i = 0; i < sum.Length; i++) sum[i].add_(hv[i], alpha: w);
            }
        }
        Interlocked.Increment(ref _products);
        return sum!;
    }

    /// <summary>Evaluates the loss of batch <paramref name="b"/> and checks it is a finite scalar that requires grad.</summary>
    private Tensor ValidatedLoss(int b)
    {
        var loss = _loss(Selection.Module, _batches[b]);
        if (loss is null || loss.IsInvalid)
            throw new HessianException($"The loss closure returned no tensor for batch {b}.", b);
        if (loss.numel() != 1)
            throw new HessianException($"The loss of batch {b} is not a scalar: shape [{string.Join(", ", loss.shape)}]. Reduce it (e.g. mean) in the closure.", b);
        if (!loss.is_floating_point())
            throw new HessianException($"The loss of batch {b} has dtype {loss.dtype}; a floating-point loss is required.", b);
        if (!loss.requires_grad)
            throw new HessianException(
                $"The loss of batch {b} does not depend on the selected parameters (it does not require grad: computed under no_grad, detached, or from frozen parameters).", b);
        if (!loss.isfinite().item<bool>())
            throw new HessianException($"The loss of batch {b} is not finite ({loss.to_type(ScalarType.Float64).item<double>()}).", b);
        return loss.reshape(Array.Empty<long>());
    }

    /// <summary>Throws when a selected parameter is not part of the loss graph (allow_unused returned an invalid tensor).</summary>
    private Tensor[] CheckUsed(IList<Tensor> grads, int b)
    {
        var unused = new List<string>();
        for (int i = 0; i < Selection.Parameters.Count; i++)
            if (grads[i] is null || grads[i].IsInvalid) unused.Add(Selection.Names[i]);
        if (unused.Count > 0)
            throw new HessianException(
                $"The loss of batch {b} does not depend on the selected parameter(s) {string.Join(", ", unused)}; select only parameters the loss uses.", b);
        return grads.ToArray();
    }

    private T WithEvalMode<T>(Func<T> body) => _evalMode.Run(body);
}
