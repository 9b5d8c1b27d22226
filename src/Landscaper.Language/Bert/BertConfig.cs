namespace Landscaper.Language.Bert;

/// <summary>
/// Shape and regularisation hyper-parameters of a BERT-family encoder (post-LayerNorm, learned absolute positions,
/// erf GELU feed-forward).
/// </summary>
/// <param name="VocabSize">Number of WordPiece tokens.</param>
/// <param name="HiddenSize">Width of the hidden states.</param>
/// <param name="NumLayers">Number of transformer layers.</param>
/// <param name="NumHeads">Attention heads per layer (must divide <paramref name="HiddenSize"/>).</param>
/// <param name="IntermediateSize">Width of the feed-forward layer.</param>
/// <param name="MaxPositions">Number of learned position embeddings (longest sequence).</param>
/// <param name="TypeVocabSize">Number of token-type (segment) embeddings.</param>
/// <param name="LayerNormEps">Epsilon of every LayerNorm.</param>
/// <param name="HiddenDropout">Dropout on embeddings and sub-layer outputs during training.</param>
/// <param name="AttentionDropout">Dropout on attention probabilities during training.</param>
public sealed record BertConfig(
    int VocabSize,
    int HiddenSize,
    int NumLayers,
    int NumHeads,
    int IntermediateSize,
    int MaxPositions,
    int TypeVocabSize,
    double LayerNormEps = 1e-12,
    double HiddenDropout = 0.1,
    double AttentionDropout = 0.1)
{
    /// <summary>all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, FFN 1536, vocabulary 30522, 512 positions, 2 token types.</summary>
    public static BertConfig MiniLmL6 { get; } = new(30522, 384, 6, 12, 1536, 512, 2);

    /// <summary>Width of one attention head.</summary>
    public int HeadSize => HiddenSize / NumHeads;

    /// <summary>Throws unless every size is positive, heads divide the width, eps is positive and dropouts are in [0, 1).</summary>
    /// <exception cref="ArgumentException">Names the offending value.</exception>
    public BertConfig Validate()
    {
        void Positive(int v, string name) { if (v < 1) throw new ArgumentException($"BertConfig.{name} must be ≥ 1, got {v}."); }
        Positive(VocabSize, nameof(VocabSize));
        Positive(HiddenSize, nameof(HiddenSize));
        Positive(NumLayers, nameof(NumLayers));
        Positive(NumHeads, nameof(NumHeads));
        Positive(IntermediateSize, nameof(IntermediateSize));
        Positive(MaxPositions, nameof(MaxPositions));
        Positive(TypeVocabSize, nameof(TypeVocabSize));
        if (HiddenSize % NumHeads != 0)
            throw new ArgumentException($"BertConfig.NumHeads ({NumHeads}) must divide HiddenSize ({HiddenSize}).");
        if (!(LayerNormEps > 0) || double.IsInfinity(LayerNormEps))
            throw new ArgumentException($"BertConfig.LayerNormEps must be positive and finite, got {LayerNormEps}.");
        if (!(HiddenDropout >= 0 && HiddenDropout < 1)) throw new ArgumentException($"BertConfig.HiddenDropout must be in [0, 1), got {HiddenDropout}.");
        if (!(AttentionDropout >= 0 && AttentionDropout < 1)) throw new ArgumentException($"BertConfig.AttentionDropout must be in [0, 1), got {AttentionDropout}.");
        return this;
    }

    /// <summary>Approximate number of encoder parameters (embeddings + layers, no pooler).</summary>
    public long ParameterCount
    {
        get
        {
            long h = HiddenSize, f = IntermediateSize;
            long embeddings = (VocabSize + MaxPositions + TypeVocabSize) * h + 2 * h;
            long layer = 4 * (h * h + h) + 2 * h + (h * f + f) + (f * h + h) + 2 * h;
            return embeddings + NumLayers * layer;
        }
    }
}
