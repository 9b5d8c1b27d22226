using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>Mean of the hidden states over the real (mask = 1) tokens of each sequence — the sentence embedding of
/// all-MiniLM-L6-v2 before its L2 normalisation.</summary>
public static class MaskedMeanPooling
{
    /// <summary>Σ_t mask[b,t]·h[b,t,:] / max(Σ_t mask[b,t], 1e-9).</summary>
    /// <param name="hidden">Hidden states [B, T, H].</param>
    /// <param name="attentionMask">Mask [B, T] of 0/1 (any dtype).</param>
    /// <returns>[B, H] in the hidden states' dtype.</returns>
    /// <exception cref="ArgumentException">Shapes do not match.</exception>
    public static Tensor Apply(Tensor hidden, Tensor attentionMask)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(attentionMask);
        if (hidden.dim() != 3 || attentionMask.dim() != 2 || hidden.shape[0] != attentionMask.shape[0] || hidden.shape[1] != attentionMask.shape[1])
            throw new ArgumentException(
                $"Pooling needs hidden states [B, T, H] and a mask [B, T]; got [{string.Join(", ", hidden.shape)}] and [{string.Join(", ", attentionMask.shape)}].");
        using var scope = NewDisposeScope();
        var m = attentionMask.to_type(hidden.dtype).unsqueeze(-1);
        var sum = (hidden * m).sum(1);
        var count = m.sum(1).clamp_min(1e-9);
        return (sum / count).MoveToOuterDisposeScope();
    }
}
