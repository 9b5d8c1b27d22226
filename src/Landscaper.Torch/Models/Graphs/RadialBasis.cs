using static TorchSharp.torch;

namespace Landscaper.Models.Graphs;

/// <summary>
/// Distance features of <see cref="SchNetModel"/>: a Gaussian radial basis and a smooth cosine cutoff envelope.
/// </summary>
/// <remarks>
/// <para>Gaussian basis: K centres μ_k = k·Δ, k = 0 … K−1, Δ = r_c/(K − 1), evenly spaced on [0, r_c]; feature
/// φ_k(d) = exp(−(d − μ_k)² / (2Δ²)) (width = centre spacing; for r_c = 5 Å and K = 25, 1/(2Δ²) ≈ 11.5 Å⁻²).</para>
/// <para>Cosine cutoff: f(d) = ½(cos(π d / r_c) + 1) for d &lt; r_c, 0 beyond; f(0) = 1, f(r_c) = 0 with zero slope, so
/// pairs entering or leaving the cutoff change the network's output continuously.</para>
/// <para>Constants are held in tensors, not passed as numbers (see the remarks of <see cref="ShiftedSoftplus"/>).</para>
/// </remarks>
public static class RadialBasis
{
    /// <summary>φ(d) for distances <paramref name="distances"/> [P] → [P, K] in the distances' dtype.</summary>
    /// <param name="distances">Distances, Å.</param>
    /// <param name="cutoff">r_c, Å (&gt; 0).</param>
    /// <param name="count">K (≥ 2).</param>
    /// <exception cref="ArgumentOutOfRangeException">Cutoff ≤ 0 or not finite, or K &lt; 2.</exception>
    public static Tensor Gaussians(Tensor distances, double cutoff, int count)
    {
        ArgumentNullException.ThrowIfNull(distances);
        if (!(cutoff > 0) || !double.IsFinite(cutoff)) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Must be finite and > 0.");
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "Must be ≥ 2.");
        double spacing = cutoff / (count - 1);
        var centreValues = Enumerable.Range(0, count).Select(k => k * spacing).ToArray();
        using var centres64 = tensor(centreValues, new long[] { 1, count }, ScalarType.Float64, distances.device);
        using var centres = centres64.to_type(distances.dtype);
        using var coefficient = tensor(-0.5 / (spacing * spacing), distances.dtype, distances.device);
        using var diff = distances.unsqueeze(1) - centres;
        return (diff * diff * coefficient).exp();
    }

    /// <summary>f(d) = ½(cos(π d / r_c) + 1) for d &lt; r_c, else 0; [P] → [P].</summary>
    /// <exception cref="ArgumentOutOfRangeException">Cutoff ≤ 0 or not finite.</exception>
    public static Tensor CosineCutoff(Tensor distances, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(distances);
        if (!(cutoff > 0) || !double.IsFinite(cutoff)) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Must be finite and > 0.");
        using var scale = tensor(Math.PI / cutoff, distances.dtype, distances.device);
        using var half = tensor(0.5, distances.dtype, distances.device);
        using var rc = tensor(cutoff, distances.dtype, distances.device);
        using var inside = distances.lt(rc).to_type(distances.dtype);
        return ((distances * scale).cos() * half + half) * inside;
    }
}
