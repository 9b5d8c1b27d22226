using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>Multi-head scaled dot-product self-attention with an additive key mask. Parameters:
/// <c>query.*</c>, <c>key.*</c>, <c>value.*</c> (each a [H, H] linear map with bias).</summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear _query;
    private readonly Linear _key;
    private readonly Linear _value;
    private readonly Dropout _dropout;
    private readonly int _heads;
    private readonly int _headSize;

    /// <summary>Creates the attention block for <paramref name="config"/>.</summary>
    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        _heads = config.NumHeads;
        _headSize = config.HeadSize;
        _query = nn.Linear(config.HiddenSize, config.HiddenSize);
        _key = nn.Linear(config.HiddenSize, config.HiddenSize);
        _value = nn.Linear(config.HiddenSize, config.HiddenSize);
        _dropout = nn.Dropout(config.AttentionDropout);
        register_module("query", _query);
        register_module("key", _key);
        register_module("value", _value);
        register_module("dropout", _dropout);
    }

    /// <summary>Attends over <paramref name="hidden"/> [B, T, H].</summary>
    /// <param name="hidden">Hidden states [B, T, H].</param>
    /// <param name="maskBias">Additive bias broadcastable to [B, heads, T, T] (0 for visible keys, a large negative
    /// number for padding), in the hidden states' dtype.</param>
    /// <returns>Context vectors [B, T, H].</returns>
    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        long b = hidden.shape[0], t = hidden.shape[1];
        Tensor Heads(Tensor x) => x.view(b, t, _heads, _headSize).transpose(1, 2); // [B, heads, T, d]
        var q = Heads(_query.call(hidden));
        var k = Heads(_key.call(hidden));
        var v = Heads(_value.call(hidden));
        var scores = matmul(q, k.transpose(-1, -2)) / Math.Sqrt(_headSize) + maskBias;
        var probabilities = _dropout.call(scores.softmax(-1));
        var context = matmul(probabilities, v).transpose(1, 2).contiguous().view(b, t, _heads * _headSize);
        return context.MoveToOuterDisposeScope();
    }
}
