namespace Landscaper.Synthetic;

/// <summary>Classic test functions sampled on regular grids as <see cref="Landscape"/>s, for teaching and tests.</summary>
/// <remarks>Axis k of the landscape is coordinate x_k ('ij' convention of <see cref="Landscape"/>); direction names are
/// "x", "y", "z", then "x4", ….</remarks>
public static class ToyFunctions
{
    /// <summary>Rosenbrock's banana valley f(x, y) = (a − x)² + b (y − x²)² on [−2, 2] × [−1, 3]: one minimum (a, a²) at the
    /// bottom of a long, very flat curved valley.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> &lt; 2.</exception>
    public static Landscape Rosenbrock(int steps, double a = 1, double b = 100)
        => Sample(p => (a - p[0]) * (a - p[0]) + b * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]),
            [Axis(-2, 2, steps), Axis(-1, 3, steps)], "Rosenbrock");

    /// <summary>Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)² on [−5, 5]²: four minima of value 0, one
    /// local maximum near (−0.27, −0.92) and four saddles.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> &lt; 2.</exception>
    public static Landscape Himmelblau(int steps)
        => Sample(p => Square(p[0] * p[0] + p[1] - 11) + Square(p[0] + p[1] * p[1] - 7),
            [Axis(-5, 5, steps), Axis(-5, 5, steps)], "Himmelblau");

    /// <summary>A sum of Gaussian wells on [−1, 1]^d: f(x) = Σ −depth·exp(−‖x − c‖² / (2 w²)).</summary>
    /// <param name="wells">The wells; every centre must have <paramref name="dimensions"/> coordinates.</param>
    /// <param name="dimensions">Grid dimensions (≥ 1).</param>
    /// <param name="steps">Points per axis (≥ 2).</param>
    /// <param name="name">Landscape name.</param>
    /// <exception cref="ArgumentException">No wells, a centre of the wrong dimension, or a non-positive width.</exception>
    public static Landscape GaussianWells(IReadOnlyList<GaussianWell> wells, int dimensions, int steps, string name = "Gaussian wells")
    {
        ArgumentNullException.ThrowIfNull(wells);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (wells.Count == 0) throw new ArgumentException("Give at least one well.", nameof(wells));
        foreach (var w in wells)
        {
            if (w.Centre.Count != dimensions)
                throw new ArgumentException($"A well centre has {w.Centre.Count} coordinates; the grid has {dimensions} dimensions.", nameof(wells));
            if (!(w.Width > 0)) throw new ArgumentException($"Well widths must be > 0 (got {w.Width}).", nameof(wells));
        }
        var axes = Enumerable.Range(0, dimensions).Select(_ => Axis(-1, 1, steps)).ToArray();
        return Sample(p =>
        {
            double f = 0;
            foreach (var w in wells)
            {
                double d2 = 0;
                for (int k = 0; k < p.Length; k++) d2 += Square(p[k] - w.Centre[k]);
                f -= w.Depth * Math.Exp(-d2 / (2 * w.Width * w.Width));
            }
            return f;
        }, axes, name);
    }

    /// <summary>The standard wells of the teaching notebook in 2-D: five wells of different depths and widths (five
    /// minima, some separated by low saddles).</summary>
    public static IReadOnlyList<GaussianWell> StandardWells2D { get; } =
    [
        new([-0.5, -0.5], 1.0, 0.25), new([0.5, -0.4], 0.8, 0.2), new([0.0, 0.55], 0.6, 0.22),
        new([-0.6, 0.45], 0.35, 0.15), new([0.65, 0.5], 0.3, 0.12),
    ];

    /// <summary>The standard wells in 3-D: eight wells at different heights of the third axis, so that a 2-D slice through
    /// the deepest well misses some minima and shows others at the wrong depth.</summary>
    public static IReadOnlyList<GaussianWell> StandardWells3D { get; } =
    [
        new([-0.5, -0.5, 0.0], 1.0, 0.25), new([0.5, -0.4, 0.5], 0.8, 0.2), new([0.0, 0.55, -0.5], 0.6, 0.22),
        new([-0.6, 0.45, 0.6], 0.35, 0.15), new([0.65, 0.5, 0.05], 0.3, 0.12), new([0.5, 0.5, -0.6], 0.5, 0.15),
        new([-0.5, -0.3, -0.7], 0.45, 0.15), new([0.0, 0.0, 0.7], 0.4, 0.18),
    ];

    /// <summary>Samples <paramref name="f"/> at every grid point of <paramref name="axes"/> (C order, last axis fastest).</summary>
    /// <param name="f">Receives the point's coordinates (one per axis; the array is reused, do not keep it).</param>
    /// <param name="axes">Strictly increasing coordinates per axis.</param>
    /// <param name="name">Landscape name.</param>
    /// <param name="quantity">What the value is.</param>
    /// <exception cref="ArgumentException">Bad axes (see <see cref="Landscape"/>).</exception>
    public static Landscape Sample(Func<double[], double> f, IReadOnlyList<double[]> axes, string name = "", string quantity = "f")
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(axes);
        long count = 1;
        foreach (var a in axes) count *= a.Length;
        if (axes.Count == 0 || count > Array.MaxLength) throw new ArgumentException($"Cannot sample a grid of {count} points.", nameof(axes));
        var values = new double[count];
        var index = new int[axes.Count];
        var point = new double[axes.Count];
        for (long p = 0; p < count; p++)
        {
            for (int k = 0; k < point.Length; k++) point[k] = axes[k][index[k]];
            values[p] = f(point);
            for (int k = index.Length - 1; k >= 0; k--) { if (++index[k] < axes[k].Length) break; index[k] = 0; }
        }
        string[] names = ["x", "y", "z"];
        var directionNames = Enumerable.Range(0, axes.Count).Select(k => k < names.Length ? names[k] : $"x{k + 1}").ToArray();
        return new Landscape(values, axes, new LandscapeMetadata(name, quantity, directionNames));
    }

    private static double[] Axis(double lo, double hi, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        return Landscape.Linspace(lo, hi, steps);
    }

    private static double Square(double v) => v * v;
}
