using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>The first half of the feed-forward sub-layer: GELU(dense(x)) with the exact (erf) GELU,
/// x·½(1 + erf(x/√2)). Parameters: <c>dense.*</c> (hidden → intermediate).</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear _dense;

    /// <summary>Creates the layer for <paramref name="config"/>.</summary>
    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        _dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        register_module("dense", _dense);
    }

    /// <summary>GELU(dense(<paramref name="hidden"/>)).</summary>
    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return nn.functional.gelu(_dense.call(hidden)).MoveToOuterDisposeScope();
    }
}
