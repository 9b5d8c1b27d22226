namespace Landscaper.Sampling;

/// <summary>Cost estimate of a sampling run, from timing a few evaluations before the run.</summary>
/// <param name="Points">Points to evaluate (this shard, minus any already in a checkpoint).</param>
/// <param name="TimedEvaluations">How many evaluations were timed.</param>
/// <param name="SecondsPerPoint">Median time of one point (parameter update + scalar function).</param>
/// <param name="EstimatedSeconds">Points × SecondsPerPoint.</param>
/// <param name="ParameterCount">Number of parameters moved.</param>
/// <param name="EstimatedBytes">Memory the sampler allocates: scaled directions, θ0 snapshot, row base buffers and the result
/// array (excludes the model's own activations during the forward pass).</param>
public sealed record SamplingEstimate(int Points, int TimedEvaluations, double SecondsPerPoint, double EstimatedSeconds,
    long ParameterCount, long EstimatedBytes);
