using Landscaper.Statistics;
namespace Landscaper.Experiments;

/// <summary>Mean ± sd of a metric over seeds at one model and step (immutable).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Step">Checkpoint step.</param>
/// <param name="Epoch">Fractional epoch of the step (mean over seeds; equal when the seeds share the batch count).</param>
/// <param name="Value">Mean, sample sd and number of seeds.</param>
public sealed record SeedAggregate(string Model, int Step, double Epoch, MeanSd Value);
