namespace Landscaper.Hessian;

/// <summary>
/// A Hessian computation cannot proceed or produced an unusable result: the loss is not a scalar, does not depend on
/// the selected parameters, or a Hessian-vector product is not finite. Raised by validation <em>before</em> any
/// native autograd call that would otherwise abort the process.
/// </summary>
public sealed class HessianException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="batchIndex">Index of the offending batch in the operator's batch list, if one is to blame.</param>
    public HessianException(string message, int? batchIndex = null) : base(message) => BatchIndex = batchIndex;

    /// <summary>Index (0-based) of the batch that caused the failure, or null when no single batch is to blame.</summary>
    public int? BatchIndex { get; }
}
