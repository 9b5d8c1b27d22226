using System.Globalization;
using Plotly.NET;

namespace Landscaper.Visualization;

/// <summary>Charts of a <see cref="Landscape"/>: 3-D surface, filled contour and heatmap of a 2-D landscape, and 2-D slices
/// and min-projections of N-dimensional ones.</summary>
/// <remarks>Axis convention (as in <see cref="Landscape"/>): array axis 0 is drawn on y and array axis 1 on x, so
/// <c>z[i][j] = landscape[i, j]</c>. Axis titles are the metadata's direction names (plus
/// <see cref="LandscapeChartOptions.CoordinateUnit"/>); the colour bar is titled with the metadata's quantity.</remarks>
public static class LandscapeCharts
{
    /// <summary>A 3-D surface of a 2-D landscape (height and colour = value, or log10 of it).</summary>
    /// <exception cref="ArgumentException">The landscape is not 2-D, or the options are inconsistent (ZMin ≥ ZMax).</exception>
    public static GenericChart Surface(Landscape landscape, LandscapeChartOptions? options = null)
    {
        var (o, z, colourTitle, zmin, zmax) = Prepare(landscape, options);
        var attributes = GridAttributes(landscape, o, z, colourTitle, zmin, zmax);
        attributes["cmin"] = zmin;
        attributes["cmax"] = zmax;
        var trace = PlotlyFigure.Trace3D("surface", attributes);
        var scene = new Dictionary<string, object?>
        {
            ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(AxisLabels.Direction(landscape, 1, o.CoordinateUnit)) },
            ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(AxisLabels.Direction(landscape, 0, o.CoordinateUnit)) },
            ["zaxis"] = new Dictionary<string, object?>
            {
                ["title"] = PlotlyFigure.Title(colourTitle),
                ["range"] = zmin is not null && zmax is not null ? new[] { zmin.Value, zmax.Value } : null,
            },
        };
        return PlotlyFigure.Chart([trace], new Dictionary<string, object?>
        {
            ["title"] = PlotlyFigure.Title(AxisLabels.Title(o.Title, "Surface", landscape)),
            ["scene"] = scene,
        });
    }

    /// <summary>Attributes every grid trace shares: axis 1 on x, axis 0 on y, z[i][j], colour scale and bar, name.</summary>
    private static Dictionary<string, object?> GridAttributes(Landscape landscape, LandscapeChartOptions o, double[][] z,
        string colourTitle, double? zmin, double? zmax) => new()
    {
        ["x"] = landscape.Coordinates(1).ToArray(),
        ["y"] = landscape.Coordinates(0).ToArray(),
        ["z"] = z,
        ["colorscale"] = o.ColorScale,
        ["colorbar"] = ColorBar(colourTitle, o, zmin, zmax),
        ["name"] = AxisLabels.Quantity(landscape),
    };

    /// <summary>A filled contour plot of a 2-D landscape.</summary>
    /// <param name="landscape">A 2-D landscape.</param>
    /// <param name="options">Colour options.</param>
    /// <param name="levels">Approximate number of contour levels.</param>
    /// <exception cref="ArgumentException">The landscape is not 2-D, or ZMin ≥ ZMax.</exception>
    public static GenericChart Contour(Landscape landscape, LandscapeChartOptions? options = null, int levels = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        var (o, z, colourTitle, zmin, zmax) = Prepare(landscape, options);
        var attributes = GridAttributes(landscape, o, z, colourTitle, zmin, zmax);
        attributes["zmin"] = zmin;
        attributes["zmax"] = zmax;
        attributes["zauto"] = zmin is null && zmax is null ? null : false;
        attributes["ncontours"] = levels;
        var trace = PlotlyFigure.Trace2D("contour", attributes);
        return PlotlyFigure.Chart([trace], PlanarLayout(landscape, o, "Contours"));
    }

    /// <summary>A heatmap of a 2-D landscape (one cell per grid point).</summary>
    /// <exception cref="ArgumentException">The landscape is not 2-D, or ZMin ≥ ZMax.</exception>
    public static GenericChart Heatmap(Landscape landscape, LandscapeChartOptions? options = null)
    {
        var (o, z, colourTitle, zmin, zmax) = Prepare(landscape, options);
        var attributes = GridAttributes(landscape, o, z, colourTitle, zmin, zmax);
        attributes["zmin"] = zmin;
        attributes["zmax"] = zmax;
        var trace = PlotlyFigure.Trace2D("heatmap", attributes);
        return PlotlyFigure.Chart([trace], PlanarLayout(landscape, o, "Heatmap"));
    }

    /// <summary>The 2-D slice of an N-d landscape through grid point <paramref name="at"/> over axes
    /// (<paramref name="axisI"/>, <paramref name="axisJ"/>) (see <see cref="LandscapeSlices.Slice"/>), with its contour chart.</summary>
    /// <exception cref="ArgumentException">Bad axes or grid index (see <see cref="LandscapeSlices.Slice"/>).</exception>
    public static SlicedLandscape Slice(Landscape landscape, int axisI, int axisJ, IReadOnlyList<int> at, LandscapeChartOptions? options = null)
    {
        var slice = LandscapeSlices.Slice(landscape, axisI, axisJ, at);
        return new SlicedLandscape(slice, Contour(slice, options));
    }

    /// <summary>The min-projection of an N-d landscape onto axes (<paramref name="axisI"/>, <paramref name="axisJ"/>)
    /// (see <see cref="LandscapeSlices.MinProjection"/>), with its contour chart.</summary>
    /// <exception cref="ArgumentException">Bad axes (see <see cref="LandscapeSlices.MinProjection"/>).</exception>
    public static SlicedLandscape MinProjection(Landscape landscape, int axisI, int axisJ, LandscapeChartOptions? options = null)
    {
        var projection = LandscapeSlices.MinProjection(landscape, axisI, axisJ);
        return new SlicedLandscape(projection, Contour(projection, options));
    }

    /// <summary>z[i][j] of a 2-D landscape after the options' log transform (the values drawn by every chart here).</summary>
    /// <exception cref="ArgumentException">The landscape is not 2-D.</exception>
    public static double[][] Grid(Landscape landscape, LandscapeChartOptions? options = null) => Prepare(landscape, options).Z;

    private static Dictionary<string, object?> PlanarLayout(Landscape landscape, LandscapeChartOptions o, string what) => new()
    {
        ["title"] = PlotlyFigure.Title(AxisLabels.Title(o.Title, what, landscape)),
        ["xaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(AxisLabels.Direction(landscape, 1, o.CoordinateUnit)) },
        ["yaxis"] = new Dictionary<string, object?> { ["title"] = PlotlyFigure.Title(AxisLabels.Direction(landscape, 0, o.CoordinateUnit)) },
    };

    private static Dictionary<string, object?> ColorBar(string title, LandscapeChartOptions o, double? zmin, double? zmax)
    {
        var bar = PlotlyFigure.ColorBar(title);
        if (!o.LogScale || zmin is null || zmax is null) return bar;
        // Label whole decades with the (shifted) value they stand for.
        var ticks = new List<double>();
        for (double d = Math.Ceiling(zmin.Value); d <= Math.Floor(zmax.Value); d++) ticks.Add(d);
        if (ticks.Count >= 2)
        {
            bar["tickvals"] = ticks.ToArray();
            bar["ticktext"] = ticks.Select(t => Math.Abs(t) <= 3
                ? Math.Pow(10, t).ToString("0.###", CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"1e{t:0}")).ToArray();
        }
        return bar;
    }

    private static (LandscapeChartOptions Options, double[][] Z, string ColourTitle, double? ZMin, double? ZMax) Prepare(Landscape landscape, LandscapeChartOptions? options)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        var o = options ?? LandscapeChartOptions.Default;
        if (landscape.Dimensions != 2)
            throw new ArgumentException(
                $"This chart needs a 2-D landscape; this one has {landscape.Dimensions} dimensions (use Slice or MinProjection first).", nameof(landscape));
        if (o.ZMin is { } a && o.ZMax is { } b && !(a < b))
            throw new ArgumentException($"ZMin ({a}) must be below ZMax ({b}).", nameof(options));
        int rows = landscape.Shape[0], cols = landscape.Shape[1];
        var values = landscape.Values;
        string quantity = AxisLabels.Quantity(landscape);
        double shift = 0;
        string title = quantity;
        if (o.LogScale)
        {
            var (min, max) = landscape.Range();
            if (!(min > 0))
            {
                // Shift so the minimum maps to a small positive value: the smallest positive gap above the minimum.
                double gap = double.PositiveInfinity;
                foreach (var v in values) if (double.IsFinite(v) && v > min) gap = Math.Min(gap, v - min);
                if (!double.IsFinite(gap)) gap = 1;
                shift = min - gap;
                string amount = Math.Abs(shift).ToString("G4", CultureInfo.InvariantCulture);
                title = shift < 0 ? $"{quantity} + {amount}" : $"{quantity} − {amount}";
            }
            title = $"log10({title})";
        }
        double Transform(double v) => o.LogScale ? Math.Log10(v - shift) : v;
        var z = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            z[i] = new double[cols];
            for (int j = 0; j < cols; j++) z[i][j] = Transform(values[i * cols + j]);
        }
        double? zmin = o.ZMin is { } lo ? Transform(lo) : null;
        double? zmax = o.ZMax is { } hi ? Transform(hi) : null;
        if (o.LogScale && (zmin is null || zmax is null))
        {
            // The colour-bar decade ticks need both ends.
            double fmin = double.PositiveInfinity, fmax = double.NegativeInfinity;
            foreach (var row in z) foreach (var v in row) if (double.IsFinite(v)) { fmin = Math.Min(fmin, v); fmax = Math.Max(fmax, v); }
            zmin ??= fmin;
            zmax ??= fmax;
        }
        if (zmin is { } tmin && !double.IsFinite(tmin)) throw new ArgumentException($"ZMin {o.ZMin} is not positive after the log shift.", nameof(options));
        return (o, z, title, zmin, zmax);
    }
}
