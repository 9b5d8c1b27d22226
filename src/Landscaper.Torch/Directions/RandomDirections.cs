using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Directions;

/// <summary>Random directions: Gaussian vectors made orthonormal by Gram–Schmidt (<see cref="FlatVectors.Orthonormalize"/>).</summary>
/// <remarks>The Python package's helper neither normalises nor correctly orthogonalises; these are exactly orthonormal
/// (to rounding) in the Euclidean inner product of the flattened parameter vector.</remarks>
public static class RandomDirections
{
    /// <summary><paramref name="count"/> orthonormal Gaussian directions, reproducible from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 1 or larger than the number of parameters.</exception>
    public static DirectionSet Orthonormal(ParameterSelection selection, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (count < 1 || count > selection.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in [1, {selection.Count}] (the number of selected parameters).");
        Tensor[][] dirs;
        using (var scope = NewDisposeScope())
        {
        var gen = new Generator((ulong)seed, device: CPU);
        var gaussians = Enumerable.Range(0, count).Select(_ => randn(new long[] { selection.Count }, dtype: ScalarType.Float64, generator: gen)).ToArray();
        var basis = FlatVectors.Orthonormalize(gaussians,
            k => throw new InvalidOperationException($"Random direction {k} came out linearly dependent; use another seed."));
        dirs = basis.Select(v => selection.Unflatten(v.to(selection.DType).to(selection.Device))
                .Select(t => t.clone().MoveToOuterDisposeScope()).ToArray())
            .ToArray();
        }
        return new DirectionSet(selection, dirs, Enumerable.Range(0, count).Select(k => $"random {k}").ToArray(), "random");
    }
}
