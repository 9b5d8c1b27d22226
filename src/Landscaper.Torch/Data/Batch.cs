using static TorchSharp.torch;

namespace Landscaper.Data;

/// <summary>One mini-batch: the model's input and the targets (int64 class labels, or real-valued regression targets).</summary>
/// <param name="Input">What the model is called with. Usually [samples, …]; a packed structure (e.g. a batch of graphs
/// in one tensor) may have another first dimension.</param>
/// <param name="Target">One target per sample on dimension 0: [samples] labels or [samples, …] real values.</param>
public sealed record Batch(Tensor Input, Tensor Target)
{
    /// <summary>Number of samples: the size of the targets' dimension 0 (the weight of this batch in means over batches).</summary>
    public long Size => Target.dim() == 0 ? 1 : Target.shape[0];
}
