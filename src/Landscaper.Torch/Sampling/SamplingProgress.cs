namespace Landscaper.Sampling;

/// <summary>Progress of a sampling run.</summary>
/// <param name="Done">Points evaluated so far in this shard (including points restored from a checkpoint).</param>
/// <param name="Total">Points in this shard.</param>
/// <param name="PointsPerSecond">Evaluation rate in this run (points evaluated now / elapsed).</param>
/// <param name="Elapsed">Time since this run started evaluating.</param>
/// <param name="Eta">Estimated remaining time (null until the rate is known).</param>
public sealed record SamplingProgress(int Done, int Total, double PointsPerSecond, TimeSpan Elapsed, TimeSpan? Eta)
{
    /// <summary>Done / Total in [0, 1].</summary>
    public double Fraction => Total == 0 ? 1 : (double)Done / Total;
}
