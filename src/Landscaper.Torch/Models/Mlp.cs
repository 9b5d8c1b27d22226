using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>A multilayer perceptron: Linear → activation, repeated, then a final Linear producing logits.</summary>
/// <remarks>Input shape [batch, sizes[0]] (any trailing shape is flattened); output [batch, sizes[^1]].
/// Parameter names: <c>layers.{i}.weight</c> / <c>layers.{i}.bias</c>.</remarks>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly Func<Tensor, Tensor> _activation;

    /// <summary>Creates the network with layer widths <paramref name="sizes"/> (input first, classes last, ≥ 2 entries).</summary>
    /// <param name="sizes">Layer widths, e.g. [64, 64, 10].</param>
    /// <param name="activation">"relu" (default) or "tanh".</param>
    public Mlp(int[] sizes, string activation = "relu") : base("mlp")
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length < 2) throw new ArgumentException("An MLP needs at least an input and an output width.", nameof(sizes));
        if (sizes.Any(s => s < 1)) throw new ArgumentException($"Every width must be ≥ 1 (got {string.Join(", ", sizes)}).", nameof(sizes));
        InputSize = sizes[0];
        layers = new ModuleList<Linear>();
        for (int i = 0; i + 1 < sizes.Length; i++) layers.Add(Linear(sizes[i], sizes[i + 1]));
        _activation = activation switch
        {
            "relu" => t => functional.relu(t),
            "tanh" => t => functional.tanh(t),
            _ => throw new ArgumentException($"Unknown activation '{activation}' (use relu or tanh).", nameof(activation)),
        };
        RegisterComponents();
    }

    /// <summary>Number of input features.</summary>
    public int InputSize { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = input.dim() == 2 ? input : input.flatten(1);
        if (x.dim() != 2 || x.shape[1] != InputSize)
            throw new ArgumentException($"Expected input of shape [batch, {InputSize}] (or reshapeable to it), got [{string.Join(", ", input.shape)}].", nameof(input));
        for (int i = 0; i < layers.Count; i++)
        {
            x = layers[i].call(x);
            if (i + 1 < layers.Count) x = _activation(x);
        }
        return x;
    }
}
