using Landscaper.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>
/// Sequence classifier on a BERT encoder: masked mean pooling of the last hidden state, dropout, and a linear head
/// (<c>head.weight</c> [C, H], <c>head.bias</c> [C]). Input is the packed text batch of <see cref="TokenBatchPacking"/>
/// (int64 [B, 2, T]: ids, mask); output is logits [B, C]. Because it is an <c>nn.Module&lt;Tensor, Tensor&gt;</c>,
/// the workbench's Hessian and training code use it with their default cross-entropy loss.
/// </summary>
/// <remarks>Parameter names: <c>bert.embeddings.*</c>, <c>bert.encoder.layer.{i}.*</c>, <c>head.*</c>.</remarks>
public sealed class BertClassifier : nn.Module<Tensor, Tensor>
{
    private readonly BertEncoder _bert;
    private readonly Dropout _dropout;
    private readonly Linear _head;

    /// <summary>Wraps <paramref name="encoder"/> (taken over, not copied) with a new head of <paramref name="numClasses"/>
    /// outputs, initialised N(0, 0.02²) weights and zero bias from <paramref name="seed"/>, in the encoder's dtype.</summary>
    /// <exception cref="ArgumentException">Fewer than two classes, or a dropout outside [0, 1).</exception>
    public BertClassifier(BertEncoder encoder, int numClasses, double dropout = 0.1, long seed = 0) : base(nameof(BertClassifier))
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (numClasses < 2) throw new ArgumentException($"A classifier needs at least 2 classes, got {numClasses}.", nameof(numClasses));
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentException($"Dropout must be in [0, 1), got {dropout}.", nameof(dropout));
        TorchNative.EnsureLoaded();
        NumClasses = numClasses;
        _bert = encoder;
        _dropout = nn.Dropout(dropout);
        var dtype = encoder.parameters().First().dtype;
        _head = nn.Linear(encoder.Config.HiddenSize, numClasses, dtype: dtype);
        using (no_grad())
        {
            var generator = new Generator((ulong)seed, device: CPU);
            _head.weight!.copy_(normal(0, 0.02, _head.weight.shape, generator: generator, dtype: ScalarType.Float64).to_type(dtype));
            _head.bias!.zero_();
        }
        register_module("bert", _bert);
        register_module("dropout", _dropout);
        register_module("head", _head);
    }

    /// <summary>The encoder.</summary>
    public BertEncoder Encoder => _bert;

    /// <summary>Number of classes.</summary>
    public int NumClasses { get; }

    /// <summary>The linear head (<c>head.weight</c> [C, H], <c>head.bias</c> [C]).</summary>
    public Linear Head => _head;

    /// <summary>The dropout before the head (active in training mode only).</summary>
    public Dropout HeadDropout => _dropout;

    /// <summary>Logits [B, C] for a packed batch [B, 2, T] (ids, mask).</summary>
    /// <exception cref="ArgumentException">Not int64 [B, 2, T], or invalid ids (see <see cref="BertEncoder"/>).</exception>
    public override Tensor forward(Tensor packed)
    {
        using var scope = NewDisposeScope();
        var (ids, mask) = TokenBatchPacking.Unpack(packed);
        var hidden = _bert.call(ids, mask);
        var pooled = MaskedMeanPooling.Apply(hidden, mask);
        return _head.call(_dropout.call(pooled)).MoveToOuterDisposeScope();
    }
}
