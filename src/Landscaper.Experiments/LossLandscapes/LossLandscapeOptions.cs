using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Profiles;

namespace Landscaper.LossLandscapes;

/// <summary>What <see cref="LossLandscape.Analyze"/> computes (immutable; every field has a default that suits a model
/// of up to about a million parameters on a laptop).</summary>
public sealed record LossLandscapeOptions
{
    /// <summary>Directions spanning the landscapes: the top Hessian eigenvectors (default) or another
    /// <see cref="DirectionKind"/> (e.g. filter-normalised random directions, for comparison).</summary>
    public DirectionKind Directions { get; init; } = DirectionKind.Hessian;

    /// <summary>The landscapes to sample: dimension → points per axis (odd, so that θ0 is a grid point). Default
    /// 2-D 41², 3-D 15³, 4-D 9⁴ (1,681 / 3,375 / 6,561 loss evaluations).</summary>
    public IReadOnlyDictionary<int, int> Grids { get; init; } = new Dictionary<int, int> { [2] = 41, [3] = 15, [4] = 9 };

    /// <summary>Half-width of every axis as a fraction of ‖θ0‖ (the Python package's <c>distance</c> with its current
    /// scaling: direction i is scaled to ‖θ0‖ before stepping). Default 0.2; the scale profile shows how the
    /// topology depends on it.</summary>
    public double Radius { get; init; } = 0.2;

    /// <summary>How many top Hessian eigenvalues to compute (at least the largest dimension). Default 8.</summary>
    public int TopK { get; init; } = 8;

    /// <summary>Hutch++ budget in Hessian-vector products for the trace (0 = skip). Default 30.</summary>
    public int TraceBudget { get; init; } = 30;

    /// <summary>Radii (fractions of ‖θ0‖) of the 2-D SMAD scale profile; empty = no profile. Default
    /// <see cref="ScaleProfileOptions.DefaultLadder"/> (0.005 … 1).</summary>
    public IReadOnlyList<double> ProfileRadii { get; init; } = ScaleProfileOptions.DefaultLadder;

    /// <summary>Points per axis of each profile landscape (odd). Default 21.</summary>
    public int ProfileSteps { get; init; } = 21;

    /// <summary>Solver settings of the eigenpairs (its seed is replaced by <see cref="Seed"/>).</summary>
    public LanczosOptions Lanczos { get; init; } = new();

    /// <summary>Seed of every random choice (Lanczos start vector, Hutch++ probes, random directions).</summary>
    public int Seed { get; init; }

    /// <summary>Throws unless every field is usable.</summary>
    /// <exception cref="ArgumentException">A field is out of range (the message names it).</exception>
    public void Validate()
    {
        if (Grids is null || Grids.Count == 0) throw new ArgumentException("Grids must name at least one dimension (e.g. { [2] = 41 }).", nameof(Grids));
        foreach (var (dims, steps) in Grids)
        {
            if (dims is < 1 or > 8) throw new ArgumentException($"Grids: dimension {dims} is outside [1, 8].", nameof(Grids));
            if (steps < 3 || steps % 2 == 0) throw new ArgumentException($"Grids: {steps} points per axis for {dims}-D; use an odd number ≥ 3 so that θ0 is a grid point.", nameof(Grids));
            if (Math.Pow(steps, dims) > 5_000_000) throw new ArgumentException($"Grids: {steps}^{dims} = {Math.Pow(steps, dims):G3} points is more than 5 million; use fewer points per axis.", nameof(Grids));
        }
        if (!(Radius > 0) || !double.IsFinite(Radius)) throw new ArgumentException($"Radius must be finite and > 0 (got {Radius}).", nameof(Radius));
        if (TopK < Grids.Keys.Max()) throw new ArgumentException($"TopK ({TopK}) must be at least the largest dimension ({Grids.Keys.Max()}).", nameof(TopK));
        if (TraceBudget < 0) throw new ArgumentException($"TraceBudget must be ≥ 0 (got {TraceBudget}).", nameof(TraceBudget));
        if (ProfileRadii is null || ProfileRadii.Any(r => !(r > 0) || !double.IsFinite(r)))
            throw new ArgumentException("ProfileRadii must be finite and > 0 (or empty for no profile).", nameof(ProfileRadii));
        if (ProfileRadii.Count > 0 && (ProfileSteps < 3 || ProfileSteps % 2 == 0))
            throw new ArgumentException($"ProfileSteps must be odd and ≥ 3 (got {ProfileSteps}).", nameof(ProfileSteps));
        ArgumentNullException.ThrowIfNull(Lanczos, nameof(Lanczos));
    }
}
