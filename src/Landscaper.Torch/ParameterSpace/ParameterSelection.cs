using Landscaper.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Landscaper.ParameterSpace;

/// <summary>
/// An ordered selection of a model's trainable parameters — the coordinates of "parameter space". Every vector in
/// that space (a direction, an eigenvector, a gradient) is a list of tensors aligned with <see cref="Parameters"/>:
/// entry i has the shape of parameter i. The order is the module's <c>named_parameters()</c> order.
/// </summary>
public sealed class ParameterSelection
{
    private ParameterSelection(nn.Module module, IReadOnlyList<(string Name, Parameter Parameter)> entries)
    {
        Module = module;
        Names = entries.Select(e => e.Name).ToArray();
        Parameters = entries.Select(e => e.Parameter).ToArray();
        Shapes = Parameters.Select(p => p.shape).ToArray();
        Count = Parameters.Sum(p => p.numel());
    }

    /// <summary>All trainable parameters of <paramref name="module"/> (requires_grad = true).</summary>
    /// <exception cref="ArgumentException">The module has no trainable parameters.</exception>
    public static ParameterSelection All(nn.Module module) => Where(module, _ => true);

    /// <summary>The trainable parameters whose qualified name (e.g. <c>layers.0.weight</c>) satisfies <paramref name="include"/>:
    /// per-layer Hessians select one layer this way.</summary>
    /// <exception cref="ArgumentException">No trainable parameter matches.</exception>
    public static ParameterSelection Where(nn.Module module, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(include);
        TorchNative.EnsureLoaded();
        var entries = module.named_parameters().Where(p => p.parameter.requires_grad && include(p.name))
            .Select(p => (p.name, p.parameter)).ToList();
        if (entries.Count == 0)
        {
            var all = module.named_parameters().Select(p => p.name + (p.parameter.requires_grad ? "" : " (frozen)")).ToList();
            throw new ArgumentException(all.Count == 0
                ? "The module has no parameters."
                : $"No trainable parameter is selected. The module has: {string.Join(", ", all)}.", nameof(module));
        }
        return new ParameterSelection(module, entries);
    }

    /// <summary>The module the parameters belong to.</summary>
    public nn.Module Module { get; }

    /// <summary>Qualified parameter names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Shape of each parameter.</summary>
    public IReadOnlyList<long[]> Shapes { get; }

    /// <summary>Total number of scalar parameters (the dimension of the space).</summary>
    public long Count { get; }

    /// <summary>Dtype of the first parameter (all are expected to share it).</summary>
    public ScalarType DType => Parameters[0].dtype;

    /// <summary>Device of the first parameter.</summary>
    public Device Device => Parameters[0].device;

    /// <summary>Detached copies of the current values (θ0), for restoring later with <see cref="Restore"/>.</summary>
    public Tensor[] Snapshot()
    {
        using var _ = no_grad();
        return Parameters.Select(p => p.detach().clone()).ToArray();
    }

    /// <summary>Copies <paramref name="values"/> (aligned with <see cref="Parameters"/>) into the parameters in place.</summary>
    /// <exception cref="ArgumentException">Count or shape mismatch (checked before anything is written).</exception>
    public void Restore(IReadOnlyList<Tensor> values)
    {
        EnsureAligned(values, nameof(values));
        using var _ = no_grad();
        for (int i = 0; i < Parameters.Count; i++) Parameters[i].copy_(values[i]);
    }

    /// <summary>Throws unless <paramref name="parts"/> has one tensor per parameter with the parameter's shape.</summary>
    /// <exception cref="ArgumentException">Names the first mismatching parameter.</exception>
    public void EnsureAligned(IReadOnlyList<Tensor> parts, string paramName)
    {
        ArgumentNullException.ThrowIfNull(parts, paramName);
        if (parts.Count != Parameters.Count)
            throw new ArgumentException($"Expected {Parameters.Count} tensors (one per selected parameter), got {parts.Count}.", paramName);
        for (int i = 0; i < parts.Count; i++)
        {
            if (parts[i] is null || parts[i].IsInvalid)
                throw new ArgumentException($"Tensor {i} (for '{Names[i]}') is null or disposed.", paramName);
            if (!parts[i].shape.SequenceEqual(Shapes[i]))
                throw new ArgumentException(
                    $"Tensor {i} has shape [{string.Join(", ", parts[i].shape)}] but parameter '{Names[i]}' has shape [{string.Join(", ", Shapes[i])}].", paramName);
        }
    }

    /// <summary>Concatenates aligned tensors into one flat vector of length <see cref="Count"/>.</summary>
    public Tensor Flatten(IReadOnlyList<Tensor> parts)
    {
        EnsureAligned(parts, nameof(parts));
        return cat(parts.Select(p => p.reshape(-1)).ToArray());
    }

    /// <summary>Splits a flat vector of length <see cref="Count"/> into tensors aligned with the parameters (views).</summary>
    /// <exception cref="ArgumentException">Wrong length or not one-dimensional.</exception>
    public Tensor[] Unflatten(Tensor vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.dim() != 1 || vector.shape[0] != Count)
            throw new ArgumentException($"Expected a vector of length {Count}, got shape [{string.Join(", ", vector.shape)}].", nameof(vector));
        var parts = new Tensor[Parameters.Count];
        long offset = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            long n = Parameters[i].numel();
            parts[i] = vector.narrow(0, offset, n).view(Shapes[i]);
            offset += n;
        }
        return parts;
    }
}
