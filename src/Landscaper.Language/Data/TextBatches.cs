using Landscaper.Data;
using Landscaper.Language.Text;
using static TorchSharp.torch;

namespace Landscaper.Language.Data;

/// <summary>Turns labelled texts into the workbench's <see cref="Batch"/>es: Input = packed int64 [B, 2, T] (ids, mask;
/// see <see cref="Bert.TokenBatchPacking"/>), Target = int64 labels [B].</summary>
public static class TextBatches
{
    /// <summary>Consecutive batches of <paramref name="batchSize"/> texts (the last may be smaller), each padded to its
    /// longest row and truncated to <paramref name="maxLength"/> tokens.</summary>
    /// <exception cref="ArgumentException">No texts, or a label outside [0, <paramref name="numClasses"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A batch size &lt; 1 or maxLength &lt; 2.</exception>
    public static IReadOnlyList<Batch> Create(BertTextTokenizer tokenizer, IReadOnlyList<LabeledText> texts, int batchSize, int maxLength = 64,
        int numClasses = 2)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("No texts.", nameof(texts));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be ≥ 1.");
        foreach (var t in texts)
            if (t.Label < 0 || t.Label >= numClasses) throw new ArgumentException($"Text '{t.Id}' has label {t.Label} outside [0, {numClasses}).", nameof(texts));
        var batches = new List<Batch>();
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            var slice = texts.Skip(start).Take(batchSize).ToArray();
            var encoded = tokenizer.EncodeBatch(slice.Select(t => t.Text).ToArray(), maxLength);
            batches.Add(new Batch(encoded.Packed(), tensor(slice.Select(t => (long)t.Label).ToArray(), [slice.Length])));
        }
        return batches;
    }
}
