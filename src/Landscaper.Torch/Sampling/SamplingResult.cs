namespace Landscaper.Sampling;

/// <summary>Outcome of <see cref="LandscapeSampler.Run"/>.</summary>
/// <param name="Landscape">The landscape with the non-finite policy applied, when this run covers the whole grid (shard 0/1) and
/// is not a dry run; null for a shard of several or a dry run.</param>
/// <param name="Shard">The sample file content of this shard (raw values, policy not applied); null for a dry run.</param>
/// <param name="Estimate">The cost estimate made before the run.</param>
/// <param name="CentreValue">The scalar function at θ0 (unperturbed).</param>
/// <param name="PointsEvaluated">Points evaluated in this run.</param>
/// <param name="PointsResumed">Points taken from a checkpoint.</param>
/// <param name="Seconds">Wall time of the evaluation loop of this run.</param>
/// <param name="Header">The run's identity (fingerprints of model, data and directions; grid; shard placement).</param>
public sealed record SamplingResult(Landscape? Landscape, SampleFile? Shard, SamplingEstimate Estimate, double CentreValue,
    int PointsEvaluated, int PointsResumed, double Seconds, SampleFileHeader Header)
{
    /// <summary>Seconds per evaluated point in this run (NaN when none were evaluated).</summary>
    public double SecondsPerPoint => PointsEvaluated == 0 ? double.NaN : Seconds / PointsEvaluated;
}
