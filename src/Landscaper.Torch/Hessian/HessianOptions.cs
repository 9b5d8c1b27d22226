namespace Landscaper.Hessian;

/// <summary>Options of a <see cref="HessianOperator"/>.</summary>
/// <param name="CacheGradients">Keep each batch's first-order gradient graph (built with create_graph) between
/// products, so a product costs one backward pass instead of forward + two backward passes. Off by default: the
/// graphs of all batches stay in memory (roughly the activations of every batch, twice) until the operator is
/// disposed. Use it only when all batches' graphs fit in memory.</param>
/// <param name="Progress">Receives notices, e.g. that the model was switched to eval mode for the computation.</param>
public sealed record HessianOptions(bool CacheGradients = false, IProgress<string>? Progress = null);
