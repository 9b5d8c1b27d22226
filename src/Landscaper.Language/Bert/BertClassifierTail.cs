using Landscaper.Data;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>
/// The last <see cref="LayerCount"/> transformer layers, the pooling and the head of a <see cref="BertClassifier"/>, as a
/// module of their own that runs on cached hidden states. It shares the classifier's parameter tensors (nothing is
/// copied): perturbing, training or differentiating the tail changes the classifier.
/// </summary>
/// <remarks>
/// <para>Why: analysing a parameter subset that sits at the top of the network (e.g. <c>bert.encoder.layer.5.*</c> +
/// <c>head.*</c>) does not need the lower layers again for every grid point or Hessian-vector product — their output does
/// not depend on the subset. <see cref="Cache"/> runs the classifier's lower part once per batch; the tail then costs about
/// <see cref="LayerCount"/>/N of the encoder's forward pass. The loss, its gradient and Hessian with respect to the tail's
/// parameters are those of the whole classifier restricted to the subset (same operations in the same order; a test checks
/// logits and Hessian-vector products against the full classifier).</para>
/// <para>Input: a cached batch, float [B, T, H + 1] in the encoder's dtype — the hidden state after layer N − k in channels
/// 0 … H − 1 and the attention mask (0/1) in channel H. Output: logits [B, C]. Parameter names: <c>layer{i}.*</c> with the
/// classifier's layer index i (e.g. <c>layer5.attention.self.query.weight</c>), <c>head.weight</c>, <c>head.bias</c>.</para>
/// <para>The cache is valid while the lower layers' parameters do not change; build a new cache after training them.</para>
/// </remarks>
public sealed class BertClassifierTail : nn.Module<Tensor, Tensor>
{
    private readonly BertClassifier _classifier;
    private readonly int _first;

    /// <summary>The tail of <paramref name="classifier"/> made of its last <paramref name="layers"/> transformer layers and its head.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layers"/> outside 0 … NumLayers.</exception>
    public BertClassifierTail(BertClassifier classifier, int layers = 1) : base(nameof(BertClassifierTail))
    {
        ArgumentNullException.ThrowIfNull(classifier);
        int total = classifier.Encoder.Config.NumLayers;
        if (layers < 0 || layers > total) throw new ArgumentOutOfRangeException(nameof(layers), layers, $"Must be in 0 … {total}.");
        TorchNative.EnsureLoaded();
        _classifier = classifier;
        _first = total - layers;
        LayerCount = layers;
        for (int i = _first; i < total; i++) register_module($"layer{i}", classifier.Encoder.Layers[i]);
        register_module("dropout", classifier.HeadDropout);
        register_module("head", classifier.Head);
    }

    /// <summary>Number of transformer layers in the tail (the last ones of the encoder).</summary>
    public int LayerCount { get; }

    /// <summary>Index of the first transformer layer of the tail (NumLayers − <see cref="LayerCount"/>).</summary>
    public int FirstLayer => _first;

    /// <summary>The classifier parameter names of the tail's parameters, in <c>parameters()</c> order
    /// (<c>bert.encoder.layer.{i}.…</c>, <c>head.…</c>): the same subset as <c>ParameterSelection.Where</c> on the classifier with these prefixes.</summary>
    public IReadOnlyList<string> ClassifierParameterPrefixes =>
        [.. Enumerable.Range(_first, LayerCount).Select(i => $"bert.encoder.layer.{i}."), "head."];

    /// <summary>Cached batches for the tail: each batch's input run through the classifier's embeddings and first
    /// <see cref="FirstLayer"/> layers (eval mode, no gradients), packed with its mask as float [B, T, H + 1]; targets are
    /// copied. Dispose the returned batches' tensors when done.</summary>
    /// <param name="batches">Text batches of the classifier (<see cref="TokenBatchPacking"/> inputs).</param>
    /// <exception cref="ArgumentException">A batch is not a packed text batch.</exception>
    public IReadOnlyList<Batch> Cache(IReadOnlyList<Batch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var encoder = _classifier.Encoder;
        bool wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var _ = no_grad();
            var cached = new List<Batch>(batches.Count);
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                var (ids, mask) = TokenBatchPacking.Unpack(batch.Input);
                var hidden = encoder.HiddenState(ids, mask, _first);
                var packed = cat([hidden, mask.to_type(hidden.dtype).unsqueeze(-1)], -1);
                cached.Add(new Batch(packed.MoveToOuterDisposeScope(), batch.Target.clone().MoveToOuterDisposeScope()));
            }
            return cached;
        }
        finally { if (wasTraining) encoder.train(); }
    }

    /// <summary>Logits [B, C] for a cached batch [B, T, H + 1] (<see cref="Cache"/>).</summary>
    /// <exception cref="ArgumentException">Not a floating-point [B, T, H + 1] tensor.</exception>
    public override Tensor forward(Tensor cachedBatch)
    {
        ArgumentNullException.ThrowIfNull(cachedBatch);
        long h = _classifier.Encoder.Config.HiddenSize;
        if (cachedBatch.IsInvalid || !cachedBatch.is_floating_point() || cachedBatch.dim() != 3 || cachedBatch.shape[2] != h + 1)
            throw new ArgumentException(
                $"A cached tail batch must be floating point [batch, tokens, {h + 1}] (hidden state and mask, from Cache); got {cachedBatch.dtype} [{string.Join(", ", cachedBatch.shape)}].",
                nameof(cachedBatch));
        using var scope = NewDisposeScope();
        var hidden = cachedBatch.narrow(2, 0, h);
        var mask = cachedBatch.select(2, h);
        var maskBias = BertEncoder.AttentionBias(mask, hidden.dtype);
        var top = _classifier.Encoder.Layers.Forward(hidden, maskBias, _first, LayerCount);
        var pooled = MaskedMeanPooling.Apply(top, mask);
        return _classifier.Head.call(_classifier.HeadDropout.call(pooled)).MoveToOuterDisposeScope();
    }

    /// <summary>Frees nothing: every submodule and parameter belongs to the classifier, which stays usable.</summary>
    protected override void Dispose(bool disposing) { }
}
