using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Directions;

/// <summary>Overlap of the subspaces spanned by two direction sets (immutable).</summary>
/// <param name="PrincipalAngles">Principal angles in radians, ascending (min(k1, k2) of them).</param>
/// <param name="Cosines">Cosines of the principal angles (singular values of Q1ᵀQ2), descending.</param>
/// <param name="Overlap">Mean squared cosine: ‖Q1ᵀQ2‖_F² / min(k1, k2), in [0, 1] (1 = one subspace contains the other).</param>
public sealed record SubspaceOverlap(IReadOnlyList<double> PrincipalAngles, IReadOnlyList<double> Cosines, double Overlap);

/// <summary>Similarity measures between directions and direction sets (float64, flattened parameter vectors).</summary>
public static class DirectionSimilarity
{
    /// <summary>Cosine similarity of direction <paramref name="i"/> of <paramref name="a"/> and direction
    /// <paramref name="j"/> of <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">The sets live on different parameter shapes.</exception>
    public static double Cosine(DirectionSet a, int i, DirectionSet b, int j)
    {
        using var scope = NewDisposeScope();
        var x = Flat(a, i, b);
        var y = Flat(b, j, a);
        return x.dot(y).item<double>() / (x.norm().item<double>() * y.norm().item<double>());
    }

    /// <summary>All pairwise cosine similarities: element [i, j] compares a's direction i with b's direction j.</summary>
    public static double[,] CosineMatrix(DirectionSet a, DirectionSet b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var m = new double[a.Count, b.Count];
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++) m[i, j] = Cosine(a, i, b, j);
        return m;
    }

    /// <summary>Principal angles between span(a) and span(b): each set is orthonormalised (Gram–Schmidt, twice), then the
    /// singular values of Q1ᵀQ2 are the cosines of the angles.</summary>
    /// <exception cref="ArgumentException">Shape mismatch, or linearly dependent directions in a set.</exception>
    public static SubspaceOverlap Subspace(DirectionSet a, DirectionSet b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var scope = NewDisposeScope();
        var qa = Orthonormal(a, b, nameof(a));
        var qb = Orthonormal(b, a, nameof(b));
        var c = qa.mm(qb.t());
        var mat = Matrix<double>.Build.Dense(a.Count, b.Count, (i, j) => c[i, j].item<double>());
        var sv = mat.Svd(computeVectors: false).S.Select(s => Math.Min(1.0, Math.Max(0.0, s))).OrderByDescending(s => s).ToArray();
        int kmin = Math.Min(a.Count, b.Count);
        sv = sv.Take(kmin).ToArray();
        double fro = 0;
        for (int i = 0; i < a.Count; i++) for (int j = 0; j < b.Count; j++) fro += mat[i, j] * mat[i, j];
        return new SubspaceOverlap(sv.Select(Math.Acos).ToArray(), sv, fro / kmin);
    }

    private static Tensor Flat(DirectionSet s, int k, DirectionSet other)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (k < 0 || k >= s.Count) throw new ArgumentOutOfRangeException(nameof(k), k, $"Must be in [0, {s.Count}).");
        other.Selection.EnsureAligned(s.Directions[k], nameof(s));
        return cat(s.Directions[k].Select(t => t.reshape(-1).to_type(ScalarType.Float64).cpu()).ToArray());
    }

    private static Tensor Orthonormal(DirectionSet s, DirectionSet other, string name)
    {
        var rows = FlatVectors.Orthonormalize(Enumerable.Range(0, s.Count).Select(k => Flat(s, k, other)),
            k => throw new ArgumentException($"Direction {k} of {name} is linearly dependent on the earlier ones.", name));
        return stack(rows.ToArray());
    }
}
