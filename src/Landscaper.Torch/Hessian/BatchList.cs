using Landscaper.Data;

namespace Landscaper.Hessian;

/// <summary>Checks of the batches an operator averages over (one home for the messages).</summary>
internal static class BatchList
{
    /// <summary>A copy of <paramref name="batches"/> after checking there is at least one and none is empty or disposed.</summary>
    /// <exception cref="ArgumentException">Names the first bad batch.</exception>
    public static Batch[] Validated(IReadOnlyList<Batch> batches, string paramName)
    {
        ArgumentNullException.ThrowIfNull(batches, paramName);
        if (batches.Count == 0) throw new ArgumentException("The batch sequence is empty: the operator needs at least one batch.", paramName);
        for (int b = 0; b < batches.Count; b++)
        {
            if (batches[b] is null || batches[b].Input is null || batches[b].Input.IsInvalid)
                throw new ArgumentException($"Batch {b} is null or its input tensor is disposed.", paramName);
            if (batches[b].Input.dim() == 0 || batches[b].Size == 0)
                throw new ArgumentException($"Batch {b} has no samples (input shape [{string.Join(", ", batches[b].Input.shape)}]).", paramName);
        }
        return batches.ToArray();
    }
}
