using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Directions;

/// <summary>Random directions: Gaussian vectors made orthonormal by modified Gram–Schmidt (re-orthogonalised twice).</summary>
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
        var basis = new List<Tensor>();
        for (int k = 0; k < count; k++)
        {
            var v = randn(new long[] { selection.Count }, dtype: ScalarType.Float64, generator: gen);
            for (int pass = 0; pass < 2; pass++)
                foreach (var b in basis) v = v - b * (b.dot(v));
            v = v / v.norm();
            basis.Add(v);
        }
        dirs = basis.Select(v => selection.Unflatten(v.to(selection.DType).to(selection.Device))
                .Select(t => t.clone().MoveToOuterDisposeScope()).ToArray())
            .ToArray();
        }
        return new DirectionSet(selection, dirs, Enumerable.Range(0, count).Select(k => $"random {k}").ToArray(), "random");
    }
}
