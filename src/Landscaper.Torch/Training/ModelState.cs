using Landscaper.Hessian;
using Landscaper.Native;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Training;

/// <summary>A copy of every parameter and buffer of a module — what is needed to put the module back exactly as it
/// was. Held in managed memory (see <see cref="StateTensor"/>).</summary>
/// <param name="Entries">Parameters in <c>named_parameters()</c> order, then buffers in <c>named_buffers()</c> order.</param>
public sealed record ModelState(IReadOnlyList<StateTensor> Entries)
{
    /// <summary>The parameter entries (not buffers), in <c>named_parameters()</c> order.</summary>
    public IEnumerable<StateTensor> Parameters => Entries.Where(e => !e.IsBuffer);

    /// <summary>Number of scalar parameters (buffers excluded).</summary>
    public long ParameterCount => Parameters.Sum(e => e.ElementCount);

    /// <summary>Copies the current parameters and buffers of <paramref name="module"/>.</summary>
    public static ModelState Capture(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        TorchNative.EnsureLoaded();
        var entries = module.named_parameters().Select(p => StateTensor.From(p.name, false, p.parameter))
            .Concat(module.named_buffers().Select(b => StateTensor.From(b.name, true, b.buffer)))
            .ToArray();
        return new ModelState(entries);
    }

    /// <summary>Writes this state into <paramref name="module"/> in place (parameters and buffers, on their devices).</summary>
    /// <exception cref="ArgumentException">The module's tensors differ in names, shapes or dtypes (checked before anything is written; the message names the first difference).</exception>
    public void RestoreInto(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        TorchNative.EnsureLoaded();
        var targets = module.named_parameters().Select(p => (p.name, IsBuffer: false, Tensor: (Tensor)p.parameter))
            .Concat(module.named_buffers().Select(b => (b.name, IsBuffer: true, Tensor: b.buffer)))
            .ToList();
        if (targets.Count != Entries.Count)
            throw new ArgumentException($"The module has {targets.Count} parameters and buffers but the state has {Entries.Count}.", nameof(module));
        for (int i = 0; i < targets.Count; i++)
        {
            var (name, isBuffer, tensor) = targets[i];
            var e = Entries[i];
            if (name != e.Name || isBuffer != e.IsBuffer)
                throw new ArgumentException($"Entry {i}: the module has {(isBuffer ? "buffer" : "parameter")} '{name}' where the state has {(e.IsBuffer ? "buffer" : "parameter")} '{e.Name}'.", nameof(module));
            if (!tensor.shape.SequenceEqual(e.Shape) || tensor.dtype != e.DType)
                throw new ArgumentException($"'{name}': the module has [{string.Join(", ", tensor.shape)}] {tensor.dtype}, the state [{string.Join(", ", e.Shape)}] {e.DType}.", nameof(module));
        }
        using var _ = no_grad();
        for (int i = 0; i < targets.Count; i++)
        {
            using var value = Entries[i].ToTensor();
            targets[i].Tensor.copy_(value);
        }
    }

    /// <summary>The values of the parameters in <paramref name="selection"/> as new tensors aligned with it (on its
    /// device) — e.g. θ of a checkpoint for <see cref="ParameterSelection.Restore"/> or as a landscape centre, without
    /// touching the model. The caller owns the tensors.</summary>
    /// <exception cref="ArgumentException">A selected parameter is missing from the state or differs in shape or dtype.</exception>
    public Tensor[] ParameterTensors(ParameterSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var byName = Parameters.ToDictionary(e => e.Name);
        var result = new Tensor[selection.Names.Count];
        for (int i = 0; i < result.Length; i++)
        {
            string name = selection.Names[i];
            if (!byName.TryGetValue(name, out var e))
                throw new ArgumentException($"The state has no parameter '{name}'.", nameof(selection));
            if (!e.Shape.SequenceEqual(selection.Shapes[i]) || e.DType != selection.Parameters[i].dtype)
                throw new ArgumentException($"'{name}': the state has [{string.Join(", ", e.Shape)}] {e.DType}, the selection [{string.Join(", ", selection.Shapes[i])}] {selection.Parameters[i].dtype}.", nameof(selection));
        }
        for (int i = 0; i < result.Length; i++)
        {
            var t = byName[selection.Names[i]].ToTensor();
            result[i] = selection.Device.type == TorchSharp.DeviceType.CPU ? t : MoveAndDispose(t, selection.Device);
        }
        return result;
    }

    private static Tensor MoveAndDispose(Tensor t, Device device)
    {
        var moved = t.to(device);
        t.Dispose();
        return moved;
    }
}
