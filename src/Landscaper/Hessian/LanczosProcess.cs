using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>The m-step Lanczos process with full reorthogonalisation in float64 (internal): builds the orthonormal
/// basis V (rows) and the tridiagonal T = Vᵀ H V given by its diagonal α and off-diagonal β.</summary>
internal sealed class LanczosProcess : IDisposable
{
    private readonly Func<Tensor, Tensor> _multiply;
    private readonly long _n;
    private readonly Generator _gen;
    private readonly Tensor _basis;   // [capacity, n], rows 0..Steps-1 used
    private Tensor _next;             // candidate next basis vector (unit) or null at start
    private readonly List<double> _alpha = new(), _beta = new();

    public LanczosProcess(Func<Tensor, Tensor> multiply, long n, int capacity, Tensor start, Generator gen)
    {
        _multiply = multiply; _n = n; _gen = gen;
        _basis = zeros(new long[] { capacity, n }, dtype: ScalarType.Float64).DetachFromDisposeScope();
        _next = (start / start.norm()).DetachFromDisposeScope();
    }

    public int Steps => _alpha.Count;
    public IReadOnlyList<double> Alpha => _alpha;
    /// <summary>β_j couples step j and j+1; β[Steps−1] is the residual norm of the last step.</summary>
    public IReadOnlyList<double> Beta => _beta;
    public Tensor BasisRows => _basis.narrow(0, 0, Steps);

    /// <summary>One step: returns false when the basis is full.</summary>
    public bool Step()
    {
        int j = Steps;
        if (j >= _basis.shape[0]) return false;
        using var scope = NewDisposeScope();
        var v = _next;
        _basis[j].copy_(v);
        var w = _multiply(v);
        double a = FlatVectors.Dot(w, v);
        w = w - a * v;
        if (j > 0) w = w - _beta[j - 1] * _basis[j - 1];
        w = FlatVectors.Orthogonalize(w, _basis.narrow(0, 0, j + 1));
        double b = FlatVectors.Norm(w);
        double scale = Math.Max(Math.Abs(a), j > 0 ? _beta[j - 1] : 0);
        _alpha.Add(a);
        if (j + 1 < _n && (b <= 1e-10 * Math.Max(scale, 1e-300) || !double.IsFinite(b)))
        {
            // Invariant subspace found: T splits (β = 0) and the process continues with a fresh random direction.
            _beta.Add(0);
            var r = FlatVectors.Orthogonalize(FlatVectors.RandomUnit(_n, _gen), _basis.narrow(0, 0, j + 1));
            r = FlatVectors.Orthogonalize(r, _basis.narrow(0, 0, j + 1));
            w = r / r.norm();
        }
        else
        {
            _beta.Add(b);
            w = b > 0 ? w / b : w;
        }
        _next.Dispose();
        _next = w.DetachFromDisposeScope();
        return true;
    }

    /// <summary>Eigen-decomposition of T_m (ascending eigenvalues, eigenvectors as columns).</summary>
    public (double[] Values, Matrix<double> Vectors) Tridiagonal()
    {
        int m = Steps;
        var t = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
        {
            t[i, i] = _alpha[i];
            if (i + 1 < m) { t[i, i + 1] = _beta[i]; t[i + 1, i] = _beta[i]; }
        }
        var evd = t.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, m).OrderBy(i => evd.EigenValues[i].Real).ToArray();
        var values = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = Matrix<double>.Build.Dense(m, m, (r, c) => evd.EigenVectors[r, order[c]]);
        return (values, vectors);
    }

    /// <summary>Ritz vector V s for a coefficient vector s of length Steps (unit norm, float64).</summary>
    public Tensor RitzVector(Vector<double> s)
    {
        var coeff = tensor(s.ToArray(), dtype: ScalarType.Float64);
        var y = BasisRows.t().mv(coeff);
        return y / y.norm();
    }

    public void Dispose()
    {
        _basis.Dispose();
        _next.Dispose();
    }
}
