using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>
/// A BERT-family encoder in TorchSharp: <c>embeddings.*</c> then <c>encoder.layer.{i}.*</c>, with Hugging Face style
/// parameter names (e.g. <c>embeddings.word_embeddings.weight</c>, <c>encoder.layer.0.attention.self.query.weight</c>,
/// linear weights stored [out, in]). Output: the last hidden state [B, T, H]; no pooler.
/// </summary>
/// <remarks>Works in float32 or float64 (<c>encoder.to(ScalarType.Float64)</c>). Inputs are validated before any
/// native call, so malformed batches raise <see cref="ArgumentException"/> instead of aborting in libtorch.</remarks>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertEmbeddings _embeddings;
    private readonly BertLayerStack _encoder;

    /// <summary>Creates a randomly initialised encoder; load pre-trained weights with <see cref="BertOnnxLoader"/>.</summary>
    /// <exception cref="ArgumentException">An invalid configuration.</exception>
    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        TorchNative.EnsureLoaded();
        Config = config.Validate();
        _embeddings = new BertEmbeddings(config);
        _encoder = new BertLayerStack(config);
        register_module("embeddings", _embeddings);
        register_module("encoder", _encoder);
    }

    /// <summary>The configuration the encoder was built with.</summary>
    public BertConfig Config { get; }

    /// <summary>Encodes token ids [B, T] with an attention mask [B, T] (1 = token, 0 = padding); token types are 0.</summary>
    /// <returns>The last hidden state [B, T, H].</returns>
    /// <exception cref="ArgumentException">Wrong rank, dtype or shape, a sequence longer than
    /// <see cref="BertConfig.MaxPositions"/>, or ids outside the vocabulary.</exception>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => forward(inputIds, attentionMask, null);

    /// <summary>Encodes token ids [B, T] with an attention mask and optional token types (null = all 0).</summary>
    /// <returns>The last hidden state [B, T, H].</returns>
    /// <exception cref="ArgumentException">Wrong rank, dtype or shape, too long, or ids/types out of range.</exception>
    public Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds) =>
        HiddenState(inputIds, attentionMask, Config.NumLayers, tokenTypeIds);

    /// <summary>The transformer layers, <c>encoder.layer.{i}</c>.</summary>
    public BertLayerStack Layers => _encoder;

    /// <summary>The hidden state after the embeddings and the first <paramref name="layers"/> transformer layers
    /// (<see cref="BertConfig.NumLayers"/> gives the last hidden state, 0 the embedding output).</summary>
    /// <param name="inputIds">Token ids, int64 [B, T].</param>
    /// <param name="attentionMask">Mask [B, T] of 0/1 (integer or bool).</param>
    /// <param name="layers">How many layers to apply, 0 … <see cref="BertConfig.NumLayers"/>.</param>
    /// <param name="tokenTypeIds">Token types, or null for all 0.</param>
    /// <returns>[B, T, H] in the encoder's dtype.</returns>
    /// <exception cref="ArgumentException">Invalid inputs (as <see cref="forward(Tensor, Tensor, Tensor?)"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layers"/> outside 0 … NumLayers.</exception>
    public Tensor HiddenState(Tensor inputIds, Tensor attentionMask, int layers, Tensor? tokenTypeIds = null)
    {
        if (layers < 0 || layers > Config.NumLayers)
            throw new ArgumentOutOfRangeException(nameof(layers), layers, $"Must be in 0 … {Config.NumLayers}.");
        using var scope = NewDisposeScope();
        Validate(inputIds, attentionMask, tokenTypeIds);
        var types = tokenTypeIds ?? zeros_like(inputIds);
        var hidden = _embeddings.call(inputIds, types);
        var maskBias = AttentionBias(attentionMask, hidden.dtype);
        return _encoder.Forward(hidden, maskBias, 0, layers).MoveToOuterDisposeScope();
    }

    /// <summary>The additive attention bias [B, 1, 1, T]: 0 for tokens, finfo(dtype).min for padding.</summary>
    /// <param name="attentionMask">Mask [B, T] of 0/1 (any dtype).</param>
    /// <param name="dtype">Dtype of the hidden states.</param>
    public static Tensor AttentionBias(Tensor attentionMask, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(attentionMask);
        using var scope = NewDisposeScope();
        var visible = attentionMask.to_type(dtype).unsqueeze(1).unsqueeze(1); // [B, 1, 1, T]
        return ((1.0 - visible) * finfo(dtype).min).MoveToOuterDisposeScope();
    }

    private void Validate(Tensor ids, Tensor mask, Tensor? types)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(mask);
        if (ids.IsInvalid || mask.IsInvalid || (types?.IsInvalid ?? false)) throw new ArgumentException("An input tensor is disposed.");
        if (ids.dtype != ScalarType.Int64 || ids.dim() != 2)
            throw new ArgumentException($"Input ids must be an int64 tensor [batch, tokens], got {ids.dtype} [{string.Join(", ", ids.shape)}].", nameof(ids));
        if (!mask.shape.SequenceEqual(ids.shape))
            throw new ArgumentException($"The attention mask [{string.Join(", ", mask.shape)}] must have the ids' shape [{string.Join(", ", ids.shape)}].", nameof(mask));
        if (mask.is_floating_point() || mask.is_complex())
            throw new ArgumentException($"The attention mask must be an integer or bool tensor of 0/1, got {mask.dtype}.", nameof(mask));
        if (ids.shape[0] < 1 || ids.shape[1] < 1)
            throw new ArgumentException($"The batch is empty (shape [{string.Join(", ", ids.shape)}]).", nameof(ids));
        if (ids.shape[1] > Config.MaxPositions)
            throw new ArgumentException($"Sequences of {ids.shape[1]} tokens exceed the model's {Config.MaxPositions} positions; truncate them.", nameof(ids));
        using (no_grad())
        {
            long min = ids.min().item<long>(), max = ids.max().item<long>();
            if (min < 0 || max >= Config.VocabSize)
                throw new ArgumentException($"Token ids must be in [0, {Config.VocabSize}), got values in [{min}, {max}].", nameof(ids));
            if (types is not null)
            {
                if (types.dtype != ScalarType.Int64 || !types.shape.SequenceEqual(ids.shape))
                    throw new ArgumentException($"Token types must be int64 with the ids' shape, got {types.dtype} [{string.Join(", ", types.shape)}].", nameof(types));
                long tmin = types.min().item<long>(), tmax = types.max().item<long>();
                if (tmin < 0 || tmax >= Config.TypeVocabSize)
                    throw new ArgumentException($"Token types must be in [0, {Config.TypeVocabSize}), got values in [{tmin}, {tmax}].", nameof(types));
            }
        }
    }
}
