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

    /// <summary>Cuts a dataset held as two tensors into mini-batches (views, no copies unless shuffled): samples along
    /// dimension 0 of both, the last batch possibly smaller.</summary>
    /// <param name="inputs">[samples, …] model inputs.</param>
    /// <param name="targets">[samples] int64 class labels or [samples, …] real-valued targets.</param>
    /// <param name="batchSize">Samples per batch (≥ 1).</param>
    /// <param name="shuffleSeed">When given, the samples are permuted first with this seed (the same seed gives the same
    /// batches).</param>
    /// <exception cref="ArgumentException">Different sample counts, no samples, or a batch size below 1.</exception>
    public static IReadOnlyList<Batch> Split(Tensor inputs, Tensor targets, int batchSize, int? shuffleSeed = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (batchSize < 1) throw new ArgumentException($"batchSize must be at least 1 (got {batchSize}).", nameof(batchSize));
        if (inputs.dim() == 0 || targets.dim() == 0)
            throw new ArgumentException("inputs and targets need a sample dimension (dimension 0).", inputs.dim() == 0 ? nameof(inputs) : nameof(targets));
        long n = inputs.shape[0];
        if (n == 0) throw new ArgumentException("There are no samples (dimension 0 of inputs is 0).", nameof(inputs));
        if (targets.shape[0] != n)
            throw new ArgumentException($"inputs have {n} samples but targets have {targets.shape[0]} (dimension 0 must agree).", nameof(targets));
        if (shuffleSeed is int seed)
        {
            using var generator = new Generator((ulong)seed);
            var order = randperm(n, generator: generator, device: inputs.device);
            inputs = inputs.index_select(0, order);
            targets = targets.index_select(0, order.to(targets.device));
        }
        var batches = new List<Batch>((int)((n + batchSize - 1) / batchSize));
        for (long start = 0; start < n; start += batchSize)
        {
            long count = Math.Min(batchSize, n - start);
            batches.Add(new Batch(inputs.narrow(0, start, count), targets.narrow(0, start, count)));
        }
        return batches;
    }
}
