namespace Landscaper.Profiles;

/// <summary>How the radius of a landscape (the half-width of every grid axis) is measured.</summary>
/// <remarks>Both conventions use the Python package's direction shape: each direction is rescaled parameter tensor by
/// parameter tensor to the norms of θ0's tensors, then scaled so that the axis half-width has the stated L2 length. They
/// differ only in that length: relative radii follow ‖θ0‖, absolute radii do not.</remarks>
public enum RadiusConvention
{
    /// <summary>Radius r is a fraction of ‖θ0‖ (the package's <c>distance</c>): half-width = r·‖θ0‖ in parameter units. As
    /// ‖θ0‖ grows during training, so does the region sampled.</summary>
    Relative,

    /// <summary>Radius r is in parameter units (L2): half-width = r whatever ‖θ0‖ is, so a growing ‖θ0‖ cannot create a trend.</summary>
    Absolute,
}
