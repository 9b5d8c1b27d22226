namespace Landscaper.Sampling;

/// <summary>How grid coordinates are turned into parameter offsets.</summary>
public enum SamplingScale
{
    /// <summary>
    /// The Python package's formula: each direction is rescaled parameter tensor by parameter tensor to that tensor's norm in θ0
    /// (d_l · ‖θ0_l‖ / (‖d_l‖ + 1e-10)), then scaled so that one grid step along axis k has L2 length
    /// ‖θ0‖·distance_k/(steps_k/2); the point at grid index i (centre = steps_k div 2) is θ0 + Σ_k (i_k − centre_k)·step_k.
    /// Coordinates are reported as <c>linspace(−distance_k, distance_k, steps_k)</c>.
    /// </summary>
    PythonCompatible,

    /// <summary>θ = θ0 + Σ_k c_k·d_k with the coordinates c_k exactly as given and the directions unchanged.</summary>
    Plain,
}
