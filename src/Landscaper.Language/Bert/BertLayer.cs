using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>One post-LayerNorm transformer layer: <c>attention.*</c>, then the feed-forward <c>intermediate.*</c> and
/// <c>output.*</c> with its residual connection.</summary>
public sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention _attention;
    private readonly BertIntermediate _intermediate;
    private readonly BertSublayerOutput _output;

    /// <summary>Creates the layer for <paramref name="config"/>.</summary>
    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        _attention = new BertAttention(config);
        _intermediate = new BertIntermediate(config);
        _output = new BertSublayerOutput(config, config.IntermediateSize);
        register_module("attention", _attention);
        register_module("intermediate", _intermediate);
        register_module("output", _output);
    }

    /// <summary>Transforms hidden states [B, T, H] with the additive key mask <paramref name="maskBias"/>.</summary>
    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        var attended = _attention.call(hidden, maskBias);
        return _output.call(_intermediate.call(attended), attended).MoveToOuterDisposeScope();
    }
}
