using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>
/// The workbench's text batch format: token ids and attention mask packed into one int64 tensor [B, 2, T]
/// (channel 0 = ids, channel 1 = mask), so a text classifier is an <c>nn.Module&lt;Tensor, Tensor&gt;</c> and a text
/// batch is an ordinary <c>Landscaper.Data.Batch(Input, Target)</c> whose size is B.
/// </summary>
public static class TokenBatchPacking
{
    /// <summary>Stacks ids [B, T] and mask [B, T] into [B, 2, T] (int64).</summary>
    /// <exception cref="ArgumentException">Shapes differ or are not two-dimensional.</exception>
    public static Tensor Pack(Tensor inputIds, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(attentionMask);
        if (inputIds.dim() != 2 || !attentionMask.shape.SequenceEqual(inputIds.shape))
            throw new ArgumentException(
                $"Ids and mask must both be [B, T]; got [{string.Join(", ", inputIds.shape)}] and [{string.Join(", ", attentionMask.shape)}].");
        return stack([inputIds.to_type(ScalarType.Int64), attentionMask.to_type(ScalarType.Int64)], 1);
    }

    /// <summary>Splits a packed [B, 2, T] int64 tensor into ids and mask views [B, T].</summary>
    /// <exception cref="ArgumentException">Not int64 [B, 2, T].</exception>
    public static (Tensor InputIds, Tensor AttentionMask) Unpack(Tensor packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (packed.IsInvalid) throw new ArgumentException("The packed batch tensor is disposed.", nameof(packed));
        if (packed.dtype != ScalarType.Int64 || packed.dim() != 3 || packed.shape[1] != 2)
            throw new ArgumentException(
                $"A packed text batch must be int64 [batch, 2, tokens] (ids, mask); got {packed.dtype} [{string.Join(", ", packed.shape)}].", nameof(packed));
        return (packed.select(1, 0), packed.select(1, 1));
    }
}
