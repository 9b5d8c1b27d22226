namespace Landscaper.Visualization;

/// <summary>An ordinary least-squares line y ≈ Slope·x + Intercept with Pearson's correlation coefficient.</summary>
/// <param name="Slope">Slope.</param>
/// <param name="Intercept">Intercept.</param>
/// <param name="R">Pearson correlation r of x and y (NaN when either has zero variance).</param>
/// <param name="Count">Number of (x, y) pairs used.</param>
public sealed record LinearFit(double Slope, double Intercept, double R, int Count)
{
    /// <summary>Fits <paramref name="y"/> against <paramref name="x"/> by least squares.</summary>
    /// <exception cref="ArgumentException">Different lengths, fewer than 2 points, non-finite values, or x constant.</exception>
    public static LinearFit LeastSquares(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        if (x.Count < 2) throw new ArgumentException("A line needs at least 2 points.", nameof(x));
        if (x.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("x and y must be finite.", nameof(x));
        double mx = x.Average(), my = y.Average(), sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
        }
        if (sxx == 0) throw new ArgumentException("x is constant; the slope is undefined.", nameof(x));
        double slope = sxy / sxx;
        double r = syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
        return new LinearFit(slope, my - slope * mx, r, x.Count);
    }

    /// <summary>The fitted value at <paramref name="x"/>.</summary>
    public double Predict(double x) => Slope * x + Intercept;
}
