using Landscaper.Data;
using Landscaper.Directions;
using Landscaper.LossLandscapes;
using Landscaper.Native;
using Landscaper.Models;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Tests.LossLandscapes;

/// <summary><see cref="LossLandscape.Analyze"/> on least-squares regression, whose Hessian is known in closed form:
/// for a linear model y = W x + b and the mean squared error over n samples and m outputs, H = (2 / (n m)) · (A ⊗ I_m)
/// with A = [X 1]ᵀ[X 1] — a dense, independent answer for the spectrum. At the least-squares optimum the loss is a
/// convex quadratic with its global minimum at θ0, the grid's centre. (It can still have several *grid* minima under
/// axis connectivity: the package's layer-wise scaling turns the eigenvectors into non-orthogonal directions, and a
/// rotated, narrow valley has grid points lower than their axis neighbours along its floor.)</summary>
[Collection("torch-serial")]
public class LossLandscapeTests
{
    public LossLandscapeTests() => TorchRuntime.Initialize(threads: 1);

    private static (nn.Module<Tensor, Tensor> Model, IReadOnlyList<Batch> Batches, double[] Spectrum) LeastSquares()
    {
        const int n = 40, d = 3;
        var gen = new Random(1);
        var xs = new double[n, d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xs[i, j] = gen.NextDouble() * 2 - 1 + (j == 0 ? 0.5 * i / n : 0);
        var x = tensor(xs.Cast<double>().Select(v => (float)v).ToArray(), [n, d]).to_type(ScalarType.Float64);
        var y = (x.matmul(tensor(new[] { 1.0, -2.0, 0.5 }).reshape(d, 1)) + 0.3 + 0.1 * randn(n, 1, dtype: ScalarType.Float64, generator: new Generator(5)));
        var model = Seeded.Create(0, () => nn.Linear(d, 1, dtype: ScalarType.Float64));
        // θ0 = the least-squares solution, so that the gradient vanishes.
        var design = cat([x, ones(n, 1, dtype: ScalarType.Float64)], 1);
        var solution = linalg.lstsq(design, y).Solution;
        using (no_grad())
        {
            model.weight!.copy_(solution[..d].t());
            model.bias!.copy_(solution[d].reshape(1));
        }
        var a = Matrix<double>.Build.DenseOfArray(new double[d + 1, d + 1]);
        var dz = design.data<double>().ToArray();
        for (int i = 0; i < n; i++) for (int p = 0; p <= d; p++) for (int q = 0; q <= d; q++) a[p, q] += dz[i * (d + 1) + p] * dz[i * (d + 1) + q];
        var spectrum = a.Multiply(2.0 / n).Evd().EigenValues.Select(c => c.Real).OrderDescending().ToArray();
        return (model, Batch.Split(x, y, n), spectrum);
    }

    private static LossLandscapeOptions Small => new()
    {
        Grids = new Dictionary<int, int> { [2] = 9, [3] = 5, [4] = 5 },
        TopK = 4,
        ProfileRadii = [0.05, 0.5],
        ProfileSteps = 7,
        TraceBudget = 12,
    };

    [Fact]
    public void Spectrum_trace_and_landscapes_match_the_closed_form_and_parameters_are_untouched()
    {
        var (model, batches, spectrum) = LeastSquares();
        var before = model.parameters().Select(p => p.data<double>().ToArray()).ToArray();
        var lines = new List<string>();
        var r = LossLandscape.Analyze(model, batches, Small, new SynchronousProgress<string>(lines.Add));

        Assert.Equal(4, r.Parameters);
        for (int i = 0; i < 4; i++) Assert.Equal(spectrum[i], r.Eigenvalues[i], 1e-6 * spectrum[0]);
        Assert.True(r.EigenConverged);
        Assert.Equal(spectrum.Sum(), r.Trace, 1e-6 * spectrum.Sum());   // Hutch++ is exact when k ≥ the dimension
        Assert.Equal([2, 3, 4], r.Landscapes.Select(l => l.Dimensions));
        foreach (var l in r.Landscapes)
        {
            Assert.Equal(l.Landscape.Count / 2, l.Topology.SublevelTree.Nodes[0].Point);   // the global minimum is θ0, the centre
            Assert.Equal(r.Loss, l.Landscape.Values[l.Landscape.Count / 2], 1e-12);
            Assert.Equal(l.Minima, l.Topology.UnstableManifolds.Count);
            Assert.True(l.Topology.Smad.Plain >= 0);
        }
        Assert.Equal(2, r.Profile.Count);
        Assert.All(r.Profile, p => Assert.Equal(r.Loss, p.CentreValue, 1e-12));
        // A quadratic looks the same at every radius (values scale by r², plus the constant at θ0): same grid minima, same
        // normalized SMAD across the profile.
        Assert.Equal(r.Profile[0].Minima, r.Profile[1].Minima);
        Assert.Equal(r.Profile[0].Smad.Normalized, r.Profile[1].Smad.Normalized, 1e-6);
        Assert.Equal(r.Profile[0].ValueRange * 100, r.Profile[1].ValueRange, 1e-6 * r.Profile[1].ValueRange);
        Assert.Equal(3, r.Summary().Rows.Count);
        Assert.Contains("smad_normalized", r.Summary().ToCsv().Split('\n')[0]);
        Assert.Equal(before, model.parameters().Select(p => p.data<double>().ToArray()).ToArray());
        Assert.Contains(lines, l => l.StartsWith("hessian: top 4 eigenvalues", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("4-D 5^4:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_3d_landscape_in_hessian_directions_is_the_quadratic_form_of_the_eigenvalues()
    {
        var (model, batches, _) = LeastSquares();
        var r = LossLandscape.Analyze(model, batches, Small with { Grids = new Dictionary<int, int> { [3] = 5 }, ProfileRadii = [] });
        var l = r[3].Landscape;
        // θ = θ0 + Σ c_k s_k v_k with unit eigenvectors v_k scaled by s_k = ‖θ0‖ (the package's scaling of a single
        // tensor-wise direction set is layer-wise; compare shapes instead: along each axis the loss is a parabola).
        for (int axis = 0; axis < 3; axis++)
        {
            var idx = new[] { 2, 2, 2 };
            var values = Enumerable.Range(0, 5).Select(i => { idx[axis] = i; return l.Values[l.FlatIndex(idx)]; }).ToArray();
            // second differences of a parabola on a uniform grid are constant; the first ones antisymmetric about the centre
            Assert.Equal(values[0] - 2 * values[1] + values[2], values[2] - 2 * values[3] + values[4], 1e-9);
            Assert.Equal(values[1], values[3], 1e-9);
        }
        Assert.Empty(r.Profile);
    }

    [Fact]
    public void Random_directions_are_used_when_asked_and_the_spectrum_is_still_computed()
    {
        var (model, batches, spectrum) = LeastSquares();
        var r = LossLandscape.Analyze(model, batches, Small with { Directions = DirectionKind.Filter, Grids = new Dictionary<int, int> { [2] = 7 }, ProfileRadii = [] });
        Assert.Equal(spectrum[0], r.Eigenvalues[0], 1e-6 * spectrum[0]);
        Assert.Equal(1, r[2].Minima);
        Assert.Throws<KeyNotFoundException>(() => r[3]);
    }

    [Fact]
    public void Bad_options_and_data_that_do_not_fit_are_refused_before_any_work()
    {
        var (model, batches, _) = LeastSquares();
        Assert.Contains("odd", Assert.Throws<ArgumentException>(() => LossLandscape.Analyze(model, batches, Small with { Grids = new Dictionary<int, int> { [2] = 8 } })).Message);
        Assert.Contains("TopK", Assert.Throws<ArgumentException>(() => LossLandscape.Analyze(model, batches, Small with { TopK = 3 })).Message);
        Assert.Contains("5 million", Assert.Throws<ArgumentException>(() => LossLandscape.Analyze(model, batches, Small with { Grids = new Dictionary<int, int> { [4] = 51 }, TopK = 4 })).Message);
        Assert.Contains("Radius", Assert.Throws<ArgumentException>(() => LossLandscape.Analyze(model, batches, Small with { Radius = double.NaN })).Message);
        Assert.Contains("fewer than TopK", Assert.Throws<ArgumentException>(() => LossLandscape.Analyze(model, batches, Small with { TopK = 5, Grids = new Dictionary<int, int> { [2] = 5 } })).Message);
        var wrongShape = Batch.Split(randn(8, 2, dtype: ScalarType.Float64), randn(8, 1, dtype: ScalarType.Float64), 8);
        Assert.Contains("cannot run", Assert.Throws<ArgumentException>(() => LossLandscape.Analyze(model, wrongShape, Small)).Message);
    }
}
