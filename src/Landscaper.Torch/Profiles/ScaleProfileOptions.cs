using Landscaper.Sampling;
using Landscaper.Topology;

namespace Landscaper.Profiles;

/// <summary>Settings of a scale profile (<see cref="ScaleProfile.Compute"/>).</summary>
/// <param name="Radii">The radii, ascending; their unit depends on <paramref name="Convention"/>.</param>
/// <param name="Convention">Relative (fractions of ‖θ0‖) or absolute (parameter units).</param>
/// <param name="Dimensions">Grid dimensions (the first directions of the set).</param>
/// <param name="Steps">Points per axis (odd, so that θ0 is a grid point).</param>
/// <param name="Connectivity">Grid graph of the topology (default: axis neighbours, like the Python package).</param>
/// <param name="Function">The sampled quantity (default: the loss).</param>
/// <param name="KeepLandscapes">Keep every sampled landscape in the result (memory: points × 8 bytes each).</param>
public sealed record ScaleProfileOptions(IReadOnlyList<double> Radii, RadiusConvention Convention = RadiusConvention.Relative, int Dimensions = 2,
    int Steps = 21, Connectivity Connectivity = Connectivity.Axis, ScalarFunction? Function = null, bool KeepLandscapes = false)
{
    /// <summary>The log-spaced relative ladder 0.005 … 1 × ‖θ0‖ (8 radii: 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1), which
    /// reaches from the package's current default (0.01) past its old one (1.0).</summary>
    public static IReadOnlyList<double> DefaultLadder { get; } = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0];

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">No radii, a radius that is not positive and finite, radii not ascending, fewer
    /// than 1 dimension, or an even or too small step count.</exception>
    public void Validate()
    {
        if (Radii is null || Radii.Count == 0) throw new ArgumentException("A scale profile needs at least one radius.", nameof(Radii));
        for (int i = 0; i < Radii.Count; i++)
        {
            if (!(Radii[i] > 0) || double.IsInfinity(Radii[i])) throw new ArgumentException($"Radius {i} ({Radii[i]}) must be positive and finite.", nameof(Radii));
            if (i > 0 && !(Radii[i] > Radii[i - 1])) throw new ArgumentException("The radii must be strictly ascending.", nameof(Radii));
        }
        if (Dimensions < 1) throw new ArgumentException($"Dimensions must be ≥ 1 (got {Dimensions}).", nameof(Dimensions));
        if (Steps < 3 || Steps % 2 == 0) throw new ArgumentException($"Steps must be odd and ≥ 3 so that θ0 is a grid point (got {Steps}).", nameof(Steps));
        if (!Enum.IsDefined(Convention)) throw new ArgumentException($"Unknown radius convention {Convention}.", nameof(Convention));
    }
}
