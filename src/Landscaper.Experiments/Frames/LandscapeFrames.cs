using System.Globalization;
using Deedle;

namespace Landscaper.Frames;

/// <summary>
/// Conversions between a <see cref="Landscape"/> and a long-format Deedle data frame: one row per grid point,
/// one column per coordinate axis and one value column.
/// </summary>
/// <remarks>
/// Deedle treats <see cref="double.NaN"/> as a missing value, so NaN landscape values appear as missing cells
/// and missing cells in the value column are read back as NaN. Missing coordinates are an error.
/// </remarks>
public static class LandscapeFrames
{
    /// <summary>Default name of coordinate column k: <c>x{k}</c>.</summary>
    /// <param name="axis">Axis index.</param>
    public static string DefaultCoordinateColumn(int axis) => "x" + axis.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value column name used by <see cref="ToFrame"/>: the metadata quantity, or <c>loss</c> when empty.</summary>
    /// <param name="landscape">The landscape.</param>
    public static string ValueColumn(Landscape landscape)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        return string.IsNullOrEmpty(landscape.Metadata.Quantity) ? "loss" : landscape.Metadata.Quantity;
    }

    /// <summary>The coordinate column names used by <see cref="ToFrame"/>: the metadata direction names when given,
    /// otherwise <c>x0</c> … <c>x{d−1}</c>.</summary>
    /// <param name="landscape">The landscape.</param>
    /// <exception cref="ArgumentException">The direction names do not match the dimensions, are empty or duplicated,
    /// or collide with the value column.</exception>
    public static IReadOnlyList<string> CoordinateColumns(Landscape landscape)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        var names = landscape.Metadata.DirectionNames;
        if (names is null || names.Count == 0)
            return Enumerable.Range(0, landscape.Dimensions).Select(DefaultCoordinateColumn).ToArray();
        if (names.Count != landscape.Dimensions)
            throw new ArgumentException(
                $"The metadata has {names.Count} direction names but the landscape has {landscape.Dimensions} dimensions.", nameof(landscape));
        string value = ValueColumn(landscape);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < names.Count; k++)
        {
            if (string.IsNullOrEmpty(names[k]))
                throw new ArgumentException($"Direction name {k} is empty.", nameof(landscape));
            if (!seen.Add(names[k]))
                throw new ArgumentException($"Direction name '{names[k]}' is used for more than one axis.", nameof(landscape));
            if (names[k] == value)
                throw new ArgumentException($"Direction name '{names[k]}' is the same as the value column name.", nameof(landscape));
        }
        return names.ToArray();
    }

    /// <summary>
    /// One row per grid point, keyed by its flat C-order index; columns are the point's coordinates
    /// (named by <see cref="CoordinateColumns"/>) and its value (named by <see cref="ValueColumn"/>).
    /// </summary>
    /// <param name="landscape">The landscape.</param>
    /// <exception cref="ArgumentException">Invalid direction names in the metadata (see <see cref="CoordinateColumns"/>).</exception>
    public static Frame<int, string> ToFrame(Landscape landscape)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        var coordinateNames = CoordinateColumns(landscape);
        int n = landscape.Count, d = landscape.Dimensions;
        var keys = Enumerable.Range(0, n).ToArray();
        var columns = new List<KeyValuePair<string, Series<int, double>>>(d + 1);
        for (int k = 0; k < d; k++)
        {
            var axis = landscape.Coordinates(k);
            int stride = landscape.Strides[k], length = landscape.Shape[k];
            var column = new double[n];
            for (int i = 0; i < n; i++) column[i] = axis[i / stride % length];
            columns.Add(new(coordinateNames[k], new Series<int, double>(keys, column)));
        }
        columns.Add(new(ValueColumn(landscape), new Series<int, double>(keys, landscape.Values.ToArray())));
        return Frame.FromColumns(columns);
    }

    /// <summary>
    /// Rebuilds a landscape from a long-format frame whose rows (in any order) are the points of a full regular
    /// grid: every combination of the distinct values of the coordinate columns must occur exactly once.
    /// </summary>
    /// <param name="frame">The frame; other columns are ignored.</param>
    /// <param name="coordinateColumns">One column per axis, in axis order.</param>
    /// <param name="valueColumn">The value column. Missing cells become NaN.</param>
    /// <param name="metadata">Metadata for the result; by default the quantity is <paramref name="valueColumn"/> and
    /// the direction names are <paramref name="coordinateColumns"/>.</param>
    /// <exception cref="ArgumentException">A column is missing, named twice, not numeric, has missing or non-finite
    /// coordinates; the frame is empty; or the points are not a full grid (a duplicated point, or missing points).</exception>
    public static Landscape FromFrame(Frame<int, string> frame, IReadOnlyList<string> coordinateColumns, string valueColumn, LandscapeMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(coordinateColumns);
        ArgumentException.ThrowIfNullOrEmpty(valueColumn);
        if (coordinateColumns.Count == 0)
            throw new ArgumentException("At least one coordinate column is needed.", nameof(coordinateColumns));
        var present = new HashSet<string>(frame.ColumnKeys, StringComparer.Ordinal);
        var distinctNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in coordinateColumns)
        {
            if (name is null) throw new ArgumentException("A coordinate column name is null.", nameof(coordinateColumns));
            if (!distinctNames.Add(name)) throw new ArgumentException($"Coordinate column '{name}' is listed twice.", nameof(coordinateColumns));
            if (name == valueColumn) throw new ArgumentException($"Column '{name}' is both a coordinate and the value column.", nameof(coordinateColumns));
            if (!present.Contains(name)) throw new ArgumentException($"The frame has no coordinate column '{name}' (columns: {string.Join(", ", present)}).", nameof(coordinateColumns));
        }
        if (!present.Contains(valueColumn))
            throw new ArgumentException($"The frame has no value column '{valueColumn}' (columns: {string.Join(", ", present)}).", nameof(valueColumn));

        int d = coordinateColumns.Count;
        var rowKeys = frame.RowKeys.ToArray();
        int rows = rowKeys.Length;
        if (rows == 0) throw new ArgumentException("The frame has no rows.", nameof(frame));

        // Coordinates per row (missing or non-finite → error), then the distinct sorted values per axis.
        var pointCoords = new double[d][];
        var axes = new double[d][];
        for (int k = 0; k < d; k++)
        {
            var column = GetDoubleColumn(frame, coordinateColumns[k]);
            var values = new double[rows];
            int i = 0;
            foreach (var kv in column.ObservationsAll)
            {
                if (!kv.Value.HasValue)
                    throw new ArgumentException($"Coordinate column '{coordinateColumns[k]}' has a missing (or NaN) value at row {kv.Key}.", nameof(frame));
                double v = kv.Value.Value;
                if (!double.IsFinite(v))
                    throw new ArgumentException($"Coordinate column '{coordinateColumns[k]}' has a non-finite value {v} at row {kv.Key}.", nameof(frame));
                values[i++] = v;
            }
            pointCoords[k] = values;
            var distinct = values.Distinct().ToArray();
            Array.Sort(distinct);
            axes[k] = distinct;
        }

        long gridSize = 1;
        foreach (var axis in axes)
        {
            gridSize *= axis.Length; // ≤ rows · rows before the check below: no overflow
            if (gridSize > rows)
                throw new ArgumentException(
                    $"The points do not form a full grid: the distinct coordinate values ({string.Join("×", axes.Select(a => a.Length))}) " +
                    $"span {axes.Aggregate(1.0, (p, a) => p * a.Length):R} points but the frame has only {rows} rows, so points are missing.",
                    nameof(frame));
        }

        var strides = new long[d];
        long s = 1;
        for (int k = d - 1; k >= 0; k--) { strides[k] = s; s *= axes[k].Length; }
        var rowOfPoint = new int[gridSize];
        Array.Fill(rowOfPoint, -1);
        var valueColumnSeries = GetDoubleColumn(frame, valueColumn);
        var gridValues = new double[gridSize];
        int r = 0;
        foreach (var kv in valueColumnSeries.ObservationsAll)
        {
            long flat = 0;
            for (int k = 0; k < d; k++) flat += Array.BinarySearch(axes[k], pointCoords[k][r]) * strides[k];
            if (rowOfPoint[flat] >= 0)
                throw new ArgumentException(
                    $"The points do not form a grid: rows {rowKeys[rowOfPoint[flat]]} and {kv.Key} are both at ({FormatPoint(pointCoords, r)}).",
                    nameof(frame));
            rowOfPoint[flat] = r;
            gridValues[flat] = kv.Value.HasValue ? kv.Value.Value : double.NaN;
            r++;
        }
        // rows ≥ gridSize and no duplicates ⇒ rows == gridSize and every point is filled.

        metadata ??= new LandscapeMetadata(Quantity: valueColumn, DirectionNames: coordinateColumns.ToArray());
        return new Landscape(gridValues, axes, metadata);
    }

    /// <summary>Rebuilds a landscape from a frame where <paramref name="valueColumn"/> holds the values and every
    /// other column is a coordinate axis, in column order (the inverse of <see cref="ToFrame"/>).</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="valueColumn">The value column (default <c>loss</c>).</param>
    /// <exception cref="ArgumentException">See <see cref="FromFrame(Frame{int, string}, IReadOnlyList{string}, string, LandscapeMetadata?)"/>.</exception>
    public static Landscape FromFrame(Frame<int, string> frame, string valueColumn = "loss")
    {
        ArgumentNullException.ThrowIfNull(frame);
        var coordinates = frame.ColumnKeys.Where(c => c != valueColumn).ToArray();
        return FromFrame(frame, coordinates, valueColumn);
    }

    private static Series<int, double> GetDoubleColumn(Frame<int, string> frame, string name)
    {
        try
        {
            return frame.GetColumn<double>(name);
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or FormatException)
        {
            throw new ArgumentException($"Column '{name}' cannot be read as numbers: {e.Message}", nameof(frame), e);
        }
    }

    private static string FormatPoint(double[][] pointCoords, int row) =>
        string.Join(", ", pointCoords.Select(c => c[row].ToString("R", CultureInfo.InvariantCulture)));
}
