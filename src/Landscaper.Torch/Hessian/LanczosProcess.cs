using MathNet.Numerics.LinearAlgebra;
using Landscaper.ParameterSpace;
using static TorchSharp.torch;

namespace Landscaper.Hessian;

/// <summary>
/// The Lanczos process with full reorthogonalisation in float64 and thick restarts (internal). It keeps an orthonormal
/// basis V (rows) of a Krylov-type subspace and the projected matrix T = VᵀAV, with A V = V T + β v₊ eᵀ (v₊ the next
/// basis vector, β its coupling), the relation both plain Lanczos and thick restart preserve.
/// </summary>
/// <remarks>
/// <para>Each step computes w = A v, then all coefficients h = V w (two passes of classical Gram–Schmidt against the
/// whole basis); T's new column is h, so T is tridiagonal after a plain start and "arrowhead + tridiagonal" after a
/// thick restart, without special cases.</para>
/// <para>Thick restart (Wu and Simon, 2000): <see cref="Restart"/> keeps k Ritz vectors Y = V S of the wanted end and
/// the current residual direction v₊; T becomes diag(θ₁…θ_k) and the next step fills in the couplings β sᵢ. Unlike a
/// restart from the sum of Ritz vectors, nothing learnt about the wanted invariant subspace is thrown away.</para>
/// </remarks>
internal sealed class LanczosProcess : IDisposable
{
    private readonly Func<Tensor, Tensor> _multiply;
    private readonly long _n;
    private readonly Generator _gen;
    private readonly Device _device;
    private readonly Tensor _basis;        // [capacity, n], rows 0..Steps-1 used
    private readonly double[,] _t;         // projected matrix, Steps × Steps used
    private Tensor _next;                  // the next basis vector (unit)
    private readonly List<double> _beta = new();
    private int _steps;

    public LanczosProcess(Func<Tensor, Tensor> multiply, long n, int capacity, Tensor start, Generator gen, Device device)
    {
        _multiply = multiply; _n = n; _gen = gen; _device = device;
        _basis = zeros(new long[] { capacity, n }, dtype: ScalarType.Float64, device: device).DetachFromDisposeScope();
        _t = new double[capacity, capacity];
        var s = start.to(ScalarType.Float64).to(device);
        _next = (s / s.norm()).DetachFromDisposeScope();
    }

    /// <summary>Number of basis vectors whose product has been taken.</summary>
    public int Steps => _steps;

    /// <summary>β of every step so far: the norm of the residual after orthogonalisation (0 when the step found an
    /// invariant subspace). β[^1] couples the last basis vector to the next one.</summary>
    public IReadOnlyList<double> Beta => _beta;

    /// <summary>The basis rows in use.</summary>
    public Tensor BasisRows => _basis.narrow(0, 0, _steps);

    /// <summary>One step; false when the basis is full.</summary>
    public bool Step()
    {
        int j = _steps;
        if (j >= _basis.shape[0]) return false;
        using var scope = NewDisposeScope();
        var v = _next;
        _basis[j].copy_(v);
        var w = _multiply(v);
        var rows = _basis.narrow(0, 0, j + 1);
        var h = rows.mv(w);
        w = w - rows.t().mv(h);
        var h2 = rows.mv(w);                      // second pass: "twice is enough"
        w = w - rows.t().mv(h2);
        var coefficients = (h + h2).cpu().data<double>().ToArray();
        for (int i = 0; i <= j; i++) { _t[i, j] = coefficients[i]; _t[j, i] = coefficients[i]; }
        double b = FlatVectors.Norm(w);
        double scale = Math.Max(Math.Abs(coefficients[j]), j > 0 ? Math.Abs(_t[j - 1, j]) : 0);
        _steps = j + 1;
        if (j + 1 < _n && (b <= 1e-10 * Math.Max(scale, 1e-300) || !double.IsFinite(b)))
        {
            // Invariant subspace found: the coupling is 0 and the process continues with a fresh random direction.
            _beta.Add(0);
            var r = FlatVectors.Orthogonalize(FlatVectors.RandomUnit(_n, _gen).to(_device), _basis.narrow(0, 0, j + 1));
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

    /// <summary>Eigen-decomposition of the projected matrix T (ascending eigenvalues, eigenvectors as columns).</summary>
    public (double[] Values, Matrix<double> Vectors) Projected()
    {
        int m = _steps;
        var t = Matrix<double>.Build.Dense(m, m, (r, c) => _t[r, c]);
        var evd = t.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, m).OrderBy(i => evd.EigenValues[i].Real).ToArray();
        var values = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = Matrix<double>.Build.Dense(m, m, (r, c) => evd.EigenVectors[r, order[c]]);
        return (values, vectors);
    }

    /// <summary>Ritz vector V s for a coefficient vector s of length <see cref="Steps"/> (unit norm, float64).</summary>
    public Tensor RitzVector(Vector<double> s)
    {
        var coeff = tensor(s.ToArray(), dtype: ScalarType.Float64, device: _device);
        var y = BasisRows.t().mv(coeff);
        return y / y.norm();
    }

    /// <summary>Thick restart: keeps the Ritz pairs (θᵢ, V sᵢ) given by <paramref name="values"/> and the columns of
    /// <paramref name="coefficients"/> (orthonormal, <see cref="Steps"/> rows), and the current next vector.</summary>
    public void Restart(IReadOnlyList<double> values, Matrix<double> coefficients)
    {
        int k = values.Count;
        if (k != coefficients.ColumnCount || coefficients.RowCount != _steps || k >= _basis.shape[0])
            throw new ArgumentException($"Cannot keep {k} Ritz vectors of a {_steps}-vector basis with capacity {_basis.shape[0]}.");
        using (var scope = NewDisposeScope())
        {
            var s = tensor(coefficients.ToColumnMajorArray(), dtype: ScalarType.Float64, device: _device).reshape(k, _steps);
            var y = s.mm(BasisRows);                              // [k, n]: row i = V sᵢ
            _basis.narrow(0, 0, k).copy_(y);
        }
        Array.Clear(_t);
        for (int i = 0; i < k; i++) _t[i, i] = values[i];
        _steps = k;
        // The next vector is orthogonal to span(V) ⊇ span(Y); re-orthogonalise against the new rows for safety.
        using (var scope = NewDisposeScope())
        {
            var w = FlatVectors.Orthogonalize(_next, BasisRows);
            _next.Dispose();
            _next = (w / w.norm()).DetachFromDisposeScope();
        }
    }

    public void Dispose()
    {
        _basis.Dispose();
        _next.Dispose();
    }
}
