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

    /// <summary>Applies every layer in order.</summary>
    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        var h = hidden;
        foreach (var layer in _layers) h = layer.call(h, maskBias);
        return h.MoveToOuterDisposeScope();
    }
}
