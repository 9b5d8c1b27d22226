using Landscaper.Language.Bert;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Language.Text;

/// <summary>
/// Token ids and attention masks of a batch of texts, padded to a common length: row-major [BatchSize, Length]
/// arrays. Real tokens have mask 1, padding has id <see cref="PaddingId"/> and mask 0.
/// </summary>
public sealed class EncodedBatch
{
    private readonly long[] _ids;
    private readonly long[] _mask;

    /// <summary>Creates a batch from row-major arrays.</summary>
    /// <exception cref="ArgumentException">Array lengths differ from <paramref name="batchSize"/> × <paramref name="length"/>, or a mask entry is not 0/1.</exception>
    public EncodedBatch(long[] ids, long[] mask, int batchSize, int length, long paddingId)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(mask);
        if (batchSize < 1 || length < 1 || ids.Length != (long)batchSize * length || mask.Length != ids.Length)
            throw new ArgumentException($"Expected {batchSize}×{length} ids and mask entries, got {ids.Length} and {mask.Length}.");
        if (mask.Any(m => m is not (0 or 1))) throw new ArgumentException("Mask entries must be 0 or 1.", nameof(mask));
        _ids = ids.ToArray();
        _mask = mask.ToArray();
        BatchSize = batchSize;
        Length = length;
        PaddingId = paddingId;
    }

    /// <summary>Number of texts.</summary>
    public int BatchSize { get; }

    /// <summary>Tokens per row (including [CLS], [SEP] and padding).</summary>
    public int Length { get; }

    /// <summary>Id used for padding.</summary>
    public long PaddingId { get; }

    /// <summary>Token ids of row <paramref name="row"/>, padding included.</summary>
    public long[] Ids(int row) => _ids.AsSpan(checked(row * Length), Length).ToArray();

    /// <summary>Mask of row <paramref name="row"/>.</summary>
    public long[] Mask(int row) => _mask.AsSpan(checked(row * Length), Length).ToArray();

    /// <summary>Number of real tokens in row <paramref name="row"/>.</summary>
    public int TokenCount(int row) => (int)_mask.AsSpan(checked(row * Length), Length).ToArray().Sum();

    /// <summary>Ids as an int64 tensor [B, T].</summary>
    public Tensor IdsTensor()
    {
        TorchNative.EnsureLoaded();
        return tensor(_ids, [BatchSize, Length]);
    }

    /// <summary>Attention mask as an int64 tensor [B, T].</summary>
    public Tensor MaskTensor()
    {
        TorchNative.EnsureLoaded();
        return tensor(_mask, [BatchSize, Length]);
    }

    /// <summary>Ids and mask packed into one int64 tensor [B, 2, T] (see <see cref="TokenBatchPacking"/>).</summary>
    public Tensor Packed()
    {
        using var scope = NewDisposeScope();
        return TokenBatchPacking.Pack(IdsTensor(), MaskTensor()).MoveToOuterDisposeScope();
    }
}
