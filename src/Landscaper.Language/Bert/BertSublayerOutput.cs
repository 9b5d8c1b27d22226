using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>The post-LayerNorm residual step that closes each BERT sub-layer: LayerNorm(residual + dropout(dense(x))).
/// Parameters: <c>dense.*</c> (in → hidden), <c>LayerNorm.*</c>.</summary>
public sealed class BertSublayerOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear _dense;
    private readonly LayerNorm _norm;
    private readonly Dropout _dropout;

    /// <summary>Creates the step with a dense map from <paramref name="inputSize"/> to the hidden size.</summary>
    public BertSublayerOutput(BertConfig config, int inputSize) : base(nameof(BertSublayerOutput))
    {
        _dense = nn.Linear(inputSize, config.HiddenSize);
        _norm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        _dropout = nn.Dropout(config.HiddenDropout);
        register_module("dense", _dense);
        register_module("LayerNorm", _norm);
        register_module("dropout", _dropout);
    }

    /// <summary>LayerNorm(<paramref name="residual"/> + dropout(dense(<paramref name="x"/>))).</summary>
    public override Tensor forward(Tensor x, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return _norm.call(_dropout.call(_dense.call(x)) + residual).MoveToOuterDisposeScope();
    }
}
