using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Profiles;
using static TorchSharp.torch;

namespace Landscaper.Scales;

/// <summary>Settings of <see cref="ScaleStudy"/> (immutable). Two presets: <see cref="Quick"/> (tests, CI) and
/// <see cref="Full"/> (the study whose results are in docs/results/02).</summary>
/// <param name="Epochs">Training epochs.</param>
/// <param name="Checkpoints">Log-spaced checkpoints analysed, including step 0 and the last step (≥ 2).</param>
/// <param name="AnalysisSamples">Training samples the loss, Hessian and landscapes are computed on.</param>
/// <param name="DType">Precision of training and analysis (float32 by default; <see cref="Float64Check"/> repeats in float64).</param>
/// <param name="Radii">The radius ladder (fractions of ‖θ‖ for the relative convention; for the absolute convention the
/// same fractions of ‖θ‖ at step 0 of the run, kept fixed in parameter units over training).</param>
/// <param name="ProfileSteps">Points per axis of the 2-D scale-profile landscapes (odd).</param>
/// <param name="DimensionRadius">Relative radius of the dimension study (fraction of ‖θ‖).</param>
/// <param name="DimensionSteps">Points per axis of the 2-D, 3-D and 4-D landscapes of the dimension study (odd).</param>
/// <param name="DirectionKinds">Direction families compared (top Hessian eigenvectors, filter-normalised random).</param>
/// <param name="TraceBudget">Hutch++ products for the trace.</param>
/// <param name="Lanczos">Lanczos settings of the top-4 eigenpairs.</param>
/// <param name="Float64Check">Repeat the profile of the first seed's last checkpoint in float64 (same θ, same directions).</param>
/// <param name="BatchSize">Training batch size.</param>
public sealed record ScaleStudyOptions(int Epochs, int Checkpoints, int AnalysisSamples, ScalarType DType, IReadOnlyList<double> Radii, int ProfileSteps,
    double DimensionRadius, IReadOnlyList<int> DimensionSteps, IReadOnlyList<DirectionKind> DirectionKinds, int TraceBudget, LanczosOptions Lanczos,
    bool Float64Check = true, int BatchSize = 64)
{
    /// <summary>The largest landscape dimension of the study (top-4 directions).</summary>
    public const int MaxDimensions = 4;

    /// <summary>When set, every relative-convention 2-D profile landscape is also saved there as
    /// <c>02-MODEL-sSEED-stepSTEP-DIRECTIONS-rRADIUS.npz</c> (for metric prototyping, notebook 06); null = not saved.</summary>
    public string? LandscapeFolder { get; init; }

    /// <summary>Quick preset (≈ 1 min for two small models × two seeds): 1 epoch, 2 checkpoints, 4 radii, 9² profiles,
    /// 9² / 5³ / 5⁴ dimension grids, 64 samples.</summary>
    public static ScaleStudyOptions Quick { get; } = new(1, 2, 64, ScalarType.Float32, [0.01, 0.1, 0.5, 1.0], 9, 0.2, [9, 5, 5],
        [DirectionKind.Hessian, DirectionKind.Filter], 9, new LanczosOptions(Tolerance: 1e-2, MaxBasis: 40, MaxRestarts: 2));

    /// <summary>Full preset: 10 epochs, 3 checkpoints (0, middle, last), the 8-radius ladder 0.005 … 1, 15² profiles, 21² /
    /// 11³ / 7⁴ dimension grids at r = 0.2, 64 samples, both direction families, float64 check. (The 4-D grid is coarse:
    /// the residual networks and the ViT evaluate a point in ~3–5 ms, and 5 architectures × 5 seeds × 2 checkpoints × 2
    /// direction families must fit in about an hour on 2 cores.)</summary>
    public static ScaleStudyOptions Full { get; } = new(10, 3, 64, ScalarType.Float32, ScaleProfileOptions.DefaultLadder, 15, 0.2, [21, 11, 7],
        [DirectionKind.Hessian, DirectionKind.Filter], 30, new LanczosOptions(Tolerance: 1e-3, MaxBasis: 100, MaxRestarts: 3));

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">Names the setting.</exception>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"Epochs must be ≥ 1 (got {Epochs}).", nameof(Epochs));
        if (Checkpoints < 2) throw new ArgumentException($"Checkpoints must be ≥ 2 (got {Checkpoints}).", nameof(Checkpoints));
        if (AnalysisSamples < 1) throw new ArgumentException($"AnalysisSamples must be ≥ 1 (got {AnalysisSamples}).", nameof(AnalysisSamples));
        if (DType is not (ScalarType.Float32 or ScalarType.Float64)) throw new ArgumentException($"DType must be float32 or float64 (got {DType}).", nameof(DType));
        new ScaleProfileOptions(Radii, Steps: ProfileSteps).Validate();
        if (!(DimensionRadius > 0) || double.IsInfinity(DimensionRadius)) throw new ArgumentException("DimensionRadius must be positive and finite.", nameof(DimensionRadius));
        if (DimensionSteps is null || DimensionSteps.Count != MaxDimensions - 1 || DimensionSteps.Any(s => s < 3 || s % 2 == 0))
            throw new ArgumentException("DimensionSteps needs three odd counts ≥ 3 (for 2-D, 3-D and 4-D).", nameof(DimensionSteps));
        if (DirectionKinds is null || DirectionKinds.Count == 0) throw new ArgumentException("At least one direction kind is needed.", nameof(DirectionKinds));
        if (TraceBudget < 6) throw new ArgumentException($"TraceBudget must be ≥ 6 (got {TraceBudget}).", nameof(TraceBudget));
        if (BatchSize < 1) throw new ArgumentException($"BatchSize must be ≥ 1 (got {BatchSize}).", nameof(BatchSize));
        ArgumentNullException.ThrowIfNull(Lanczos);
        Lanczos.Validate();
    }
}
