using Landscaper.Hessian;
using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Directions;

/// <summary>Principal directions of a training trajectory (immutable).</summary>
/// <param name="Directions">Unit-norm, orthogonal principal directions (kind "pca").</param>
/// <param name="ExplainedVariance">Fraction of Σ_t ‖θ_t − θ_final‖² captured by each direction.</param>
/// <param name="SingularValues">Singular values of the matrix whose rows are θ_t − θ_final.</param>
public sealed record TrajectoryPcaResult(DirectionSet Directions, IReadOnlyList<double> ExplainedVariance, IReadOnlyList<double> SingularValues);

/// <summary>
/// PCA of a training trajectory (Li et al. 2018, §7): the top principal directions of the matrix M whose rows are
/// θ_t − θ_final over saved checkpoints, computed in float64 through the small Gram matrix M Mᵀ (T × T).
/// The vectors are not mean-centred (the final point is the origin), as in the paper.
/// </summary>
public static class TrajectoryPca
{
    /// <summary>Computes the top <paramref name="count"/> principal directions.</summary>
    /// <param name="selection">The parameters the snapshots are aligned with.</param>
    /// <param name="snapshots">Checkpoint parameter values θ_t in training order, each aligned with the selection
    /// (e.g. from <see cref="ParameterSelection.Snapshot"/>).</param>
    /// <param name="count">Number of directions (≤ number of non-final snapshots with independent differences).</param>
    /// <param name="final">θ_final; null = the last snapshot.</param>
    /// <exception cref="ArgumentException">Fewer than two snapshots, misaligned snapshots, or the trajectory spans fewer
    /// than <paramref name="count"/> dimensions.</exception>
    public static TrajectoryPcaResult Compute(ParameterSelection selection, IReadOnlyList<IReadOnlyList<Tensor>> snapshots, int count = 2,
        IReadOnlyList<Tensor>? final = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count < 2) throw new ArgumentException("Need at least two snapshots.", nameof(snapshots));
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Must be ≥ 1.");
        for (int t = 0; t < snapshots.Count; t++) selection.EnsureAligned(snapshots[t], $"{nameof(snapshots)}[{t}]");
        if (final is not null) selection.EnsureAligned(final, nameof(final));
        var dirs = new List<Tensor>();
        double[] singular;
        double[] explained;
        using (var scope = NewDisposeScope())
        {
            Tensor Flat(IReadOnlyList<Tensor> parts) => cat(parts.Select(p => p.detach().reshape(-1).to_type(ScalarType.Float64).cpu()).ToArray());
            var theta = final is null ? Flat(snapshots[^1]) : Flat(final);
            var rows = snapshots.Select(Flat).Select(x => x - theta).Where(x => x.norm().item<double>() > 0).ToArray();
            if (rows.Length == 0) throw new ArgumentException("Every snapshot equals the final point: the trajectory has no extent.", nameof(snapshots));
            var m = stack(rows);                       // T × n
            var gram = m.mm(m.t());                    // T × T
            int tCount = rows.Length;
            var g = Matrix<double>.Build.Dense(tCount, tCount, (i, j) => gram[i, j].item<double>());
            var evd = g.Evd(Symmetricity.Symmetric);
            var order = Enumerable.Range(0, tCount).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
            double total = order.Sum(i => Math.Max(evd.EigenValues[i].Real, 0));
            double top = evd.EigenValues[order[0]].Real;
            int rank = order.Count(i => evd.EigenValues[i].Real > 1e-12 * top);
            if (count > rank)
                throw new ArgumentOutOfRangeException(nameof(count), count, $"The trajectory spans only {rank} independent direction(s).");
            singular = order.Take(count).Select(i => Math.Sqrt(evd.EigenValues[i].Real)).ToArray();
            explained = order.Take(count).Select(i => evd.EigenValues[i].Real / total).ToArray();
            for (int k = 0; k < count; k++)
            {
                var u = tensor(Enumerable.Range(0, tCount).Select(r => evd.EigenVectors[r, order[k]]).ToArray(), dtype: ScalarType.Float64);
                var d = m.t().mv(u);
                dirs.Add((d / d.norm()).DetachFromDisposeScope());
            }
        }
        var set = FlatVectors.ToDirectionSet(selection, dirs, Enumerable.Range(0, count).Select(k => $"PC{k + 1}").ToArray(), "pca");
        foreach (var d in dirs) d.Dispose();
        return new TrajectoryPcaResult(set, explained, singular);
    }
}
