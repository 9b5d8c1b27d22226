namespace Landscaper.Hessian;

/// <summary>A stochastic estimate of tr(H) (immutable).</summary>
/// <param name="Method">"hutchinson" or "hutch++".</param>
/// <param name="Value">The estimate of the trace (loss units per parameter unit², summed over the diagonal).</param>
/// <param name="StandardError">Standard error of <paramref name="Value"/>: sample standard deviation of the stochastic
/// terms divided by √(number of probes); NaN with fewer than two probes.</param>
/// <param name="Probes">Random probe vectors used in the stochastic part.</param>
/// <param name="Hvps">Hessian-vector products used.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="Converged">Hutchinson: whether the stopping rule fired before the iteration limit; Hutch++: always true.</param>
public sealed record TraceEstimate(string Method, double Value, double StandardError, int Probes, long Hvps, double Seconds, bool Converged);
