using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>BERT input embeddings: word + learned absolute position + token type, then LayerNorm and dropout.
/// Parameters: <c>word_embeddings.weight</c>, <c>position_embeddings.weight</c>, <c>token_type_embeddings.weight</c>,
/// <c>LayerNorm.weight</c>, <c>LayerNorm.bias</c>.</summary>
public sealed class BertEmbeddings : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding _word;
    private readonly Embedding _position;
    private readonly Embedding _tokenType;
    private readonly LayerNorm _norm;
    private readonly Dropout _dropout;

    /// <summary>Creates the embeddings for <paramref name="config"/> (weights randomly initialised; load pre-trained ones with <see cref="BertOnnxLoader"/>).</summary>
    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        _word = nn.Embedding(config.VocabSize, config.HiddenSize);
        _position = nn.Embedding(config.MaxPositions, config.HiddenSize);
        _tokenType = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        _norm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        _dropout = nn.Dropout(config.HiddenDropout);
        register_module("word_embeddings", _word);
        register_module("position_embeddings", _position);
        register_module("token_type_embeddings", _tokenType);
        register_module("LayerNorm", _norm);
        register_module("dropout", _dropout);
    }

    /// <summary>Embeds <paramref name="inputIds"/> [B, T] with token types <paramref name="tokenTypeIds"/> [B, T]; positions are 0..T−1.</summary>
    /// <returns>Hidden states [B, T, H] in the parameters' dtype.</returns>
    public override Tensor forward(Tensor inputIds, Tensor tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        long t = inputIds.shape[1];
        var positions = arange(t, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var sum = _word.call(inputIds) + _tokenType.call(tokenTypeIds) + _position.call(positions);
        return _dropout.call(_norm.call(sum)).MoveToOuterDisposeScope();
    }
}
