using Landscaper.Metrics;

namespace Landscaper.Profiles;

/// <summary>The landscape's topology at one radius of a scale profile (immutable).</summary>
/// <param name="Convention">How <paramref name="Radius"/> is measured.</param>
/// <param name="Radius">The radius as given (fraction of ‖θ0‖, or parameter units).</param>
/// <param name="Distance">The Python package's <c>distance</c> used (half-width / ‖θ0‖).</param>
/// <param name="HalfWidth">Half-width of every axis in parameter units (L2).</param>
/// <param name="ThetaNorm">‖θ0‖ (L2, all selected parameters).</param>
/// <param name="Minima">Local minima (leaves of the sublevel merge tree).</param>
/// <param name="Smad">SMAD, plain / normalised / weighted.</param>
/// <param name="TotalPersistence">Sum of the finite persistences of the minima (loss units).</param>
/// <param name="PersistenceRange">The package's persistence_range.</param>
/// <param name="ValueRange">max − min of the sampled values.</param>
/// <param name="CentreValue">The value at θ0.</param>
/// <param name="Seconds">Sampling and analysis time.</param>
/// <param name="Landscape">The sampled landscape, when kept.</param>
public sealed record ScalePoint(RadiusConvention Convention, double Radius, double Distance, double HalfWidth, double ThetaNorm, int Minima,
    SmadValues Smad, double TotalPersistence, double PersistenceRange, double ValueRange, double CentreValue, double Seconds, Landscape? Landscape);
