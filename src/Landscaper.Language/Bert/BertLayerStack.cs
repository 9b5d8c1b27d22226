using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>The stack of transformer layers, registered as <c>layer.0</c> … <c>layer.{N−1}</c>.</summary>
public sealed class BertLayerStack : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> _layers;

    /// <summary>Creates <see cref="BertConfig.NumLayers"/> layers.</summary>
    public BertLayerStack(BertConfig config) : base(nameof(BertLayerStack))
    {
        _layers = new ModuleList<BertLayer>(Enumerable.Range(0, config.NumLayers).Select(_ => new BertLayer(config)).ToArray());
        register_module("layer", _layers);
    }

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>Layer <paramref name="index"/> (0-based, registered as <c>layer.{index}</c>).</summary>
    public BertLayer this[int index] => _layers[index];

    /// <summary>Applies every layer in order.</summary>
    public override Tensor forward(Tensor hidden, Tensor maskBias) => Forward(hidden, maskBias, 0, _layers.Count);

    /// <summary>Applies layers <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 in order
    /// (count 0 returns the input unchanged, as a new handle).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside 0 … <see cref="Count"/>.</exception>
    public Tensor Forward(Tensor hidden, Tensor maskBias, int start, int count)
    {
        if (start < 0 || count < 0 || start + count > _layers.Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Layers {start} … {start + count - 1} are not inside 0 … {_layers.Count - 1}.");
        using var scope = NewDisposeScope();
        var h = hidden.alias();
        for (int i = start; i < start + count; i++) h = _layers[i].call(h, maskBias);
        return h.MoveToOuterDisposeScope();
    }
}
