using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>The attention sub-layer: self-attention (<c>self.*</c>) followed by the residual output step (<c>output.*</c>).</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertSelfAttention _self;
    private readonly BertSublayerOutput _output;

    /// <summary>Creates the sub-layer for <paramref name="config"/>.</summary>
    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        _self = new BertSelfAttention(config);
        _output = new BertSublayerOutput(config, config.HiddenSize);
        register_module("self", _self);
        register_module("output", _output);
    }

    /// <summary>LayerNorm(h + dense(attention(h))).</summary>
    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        return _output.call(_self.call(hidden, maskBias), hidden).MoveToOuterDisposeScope();
    }
}
