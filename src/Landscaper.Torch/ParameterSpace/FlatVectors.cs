using static TorchSharp.torch;

namespace Landscaper.ParameterSpace;

/// <summary>Helpers for flat float64 CPU vectors in parameter space (internal plumbing of the solvers).</summary>
internal static class FlatVectors
{
    /// <summary>Standard normal vector of length n, unit-normalised.</summary>
    public static Tensor RandomUnit(long n, Generator gen)
    {
        var v = randn(new[] { n }, dtype: ScalarType.Float64, generator: gen);
        return v.div_(v.norm());
    }

    /// <summary>Rademacher (±1) vector of length n.</summary>
    public static Tensor Rademacher(long n, Generator gen)
        => randint(0, 2, new[] { n }, dtype: ScalarType.Float64, generator: gen).mul_(2).sub_(1);

    /// <summary>Inner product as a double.</summary>
    public static double Dot(Tensor a, Tensor b) => a.dot(b).item<double>();

    /// <summary>Euclidean norm as a double.</summary>
    public static double Norm(Tensor a) => a.norm().item<double>();

    /// <summary>Subtracts from v its projection on the unit rows of <paramref name="basisRows"/> (two passes of classical
    /// Gram–Schmidt against the stacked basis, which is numerically orthogonal to machine precision).</summary>
    public static Tensor Orthogonalize(Tensor v, Tensor? basisRows)
    {
        if (basisRows is null || basisRows.shape[0] == 0) return v;
        for (int pass = 0; pass < 2; pass++)
        {
            var c = basisRows.mv(v);
            v = v - basisRows.t().mv(c);
        }
        return v;
    }

    /// <summary>The one orthonormalisation routine of the workbench: Gram–Schmidt of <paramref name="vectors"/> in order,
    /// each orthogonalised twice against the unit vectors kept so far (<see cref="Orthogonalize"/>), then normalised. A
    /// vector whose remainder is below 1e-10 of its norm is linearly dependent on the earlier ones: it is dropped, after
    /// <paramref name="onDependent"/> (which may throw) is told its index.</summary>
    /// <returns>Orthonormal flat vectors (new tensors), at most one per input.</returns>
    public static List<Tensor> Orthonormalize(IEnumerable<Tensor> vectors, Action<int>? onDependent = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var kept = new List<Tensor>();
        int index = 0;
        foreach (var vector in vectors)
        {
            double before = Norm(vector);
            var v = Orthogonalize(vector, kept.Count == 0 ? null : stack(kept.ToArray()));
            double after = Norm(v);
            if (!(after > 1e-10 * before)) onDependent?.Invoke(index);
            else kept.Add(v / after);
            index++;
        }
        return kept;
    }

    /// <summary>Unit vectors → DirectionSet in the selection's dtype and device. Call outside any dispose scope.</summary>
    public static DirectionSet ToDirectionSet(ParameterSelection selection, IReadOnlyList<Tensor> flatUnitVectors, IReadOnlyList<string> names, string kind)
    {
        var dirs = new List<Tensor[]>();
        foreach (var v in flatUnitVectors)
        {
            var typed = v.to(selection.DType).to(selection.Device);
            dirs.Add(selection.Unflatten(typed).Select(t => t.clone()).ToArray());
        }
        return new DirectionSet(selection, dirs, names, kind);
    }
}
