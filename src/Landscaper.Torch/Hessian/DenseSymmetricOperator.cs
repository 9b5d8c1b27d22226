using static TorchSharp.torch;
using Landscaper.Native;

namespace Landscaper.Hessian;

/// <summary>An explicit symmetric matrix as an operator (float64, CPU): for tests of the solvers against known spectra,
/// and for small problems where the matrix is available.</summary>
public sealed class DenseSymmetricOperator : ISymmetricOperator, IDisposable
{
    private readonly Tensor _matrix;
    private long _products;

    /// <summary>Wraps a copy of <paramref name="matrix"/>.</summary>
    /// <param name="matrix">Square, symmetric (|A − Aᵀ| ≤ 1e-10 · max|A|), finite; converted to float64 on the CPU.</param>
    /// <exception cref="ArgumentException">Not square, not symmetric or not finite.</exception>
    public DenseSymmetricOperator(Tensor matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        TorchNative.EnsureLoaded();
        if (matrix.IsInvalid || matrix.dim() != 2 || matrix.shape[0] != matrix.shape[1] || matrix.shape[0] == 0)
            throw new ArgumentException($"Expected a non-empty square matrix, got shape [{string.Join(", ", matrix.shape)}].", nameof(matrix));
        var m = matrix.detach().to_type(ScalarType.Float64).cpu().clone();
        if (!m.isfinite().all().item<bool>()) throw new ArgumentException("The matrix has non-finite entries.", nameof(matrix));
        double scale = m.abs().max().item<double>();
        double asym = (m - m.t()).abs().max().item<double>();
        if (asym > 1e-10 * Math.Max(scale, 1e-300)) throw new ArgumentException($"The matrix is not symmetric (max |A − Aᵀ| = {asym:G3}).", nameof(matrix));
        _matrix = ((m + m.t()) * 0.5).DetachFromDisposeScope();
    }

    /// <summary>A = Q diag(<paramref name="eigenvalues"/>) Qᵀ with Q a seeded random orthogonal matrix (QR of a Gaussian
    /// matrix): a matrix with a planted spectrum.</summary>
    /// <exception cref="ArgumentException">No eigenvalues, or a non-finite one.</exception>
    public static DenseSymmetricOperator WithSpectrum(IReadOnlyList<double> eigenvalues, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (eigenvalues.Count == 0 || eigenvalues.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Give at least one finite eigenvalue.", nameof(eigenvalues));
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        int n = eigenvalues.Count;
        var gen = new Generator((ulong)seed, device: CPU);
        var (q, _) = linalg.qr(randn(new long[] { n, n }, dtype: ScalarType.Float64, generator: gen));
        var d = diag(tensor(eigenvalues.ToArray(), dtype: ScalarType.Float64));
        return new DenseSymmetricOperator(q.mm(d).mm(q.t()));
    }

    /// <inheritdoc />
    public long Dimension => _matrix.shape[0];

    /// <inheritdoc />
    public ScalarType DType => ScalarType.Float64;

    /// <inheritdoc />
    public Device Device => CPU;

    /// <inheritdoc />
    public long Products => Interlocked.Read(ref _products);

    /// <summary>The matrix (float64, CPU; do not modify).</summary>
    public Tensor Matrix => _matrix;

    /// <inheritdoc />
    public Tensor Apply(Tensor vector)
    {
        OperatorVectors.Check(vector, Dimension, Device, nameof(vector));
        Interlocked.Increment(ref _products);
        return _matrix.mv(vector);
    }

    /// <summary>Frees the matrix.</summary>
    public void Dispose() => _matrix.Dispose();
}
