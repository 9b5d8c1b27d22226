namespace Landscaper;

/// <summary>
/// An immutable scalar field sampled on a regular N-dimensional grid: the loss (or any scalar) at every
/// grid point of a low-dimensional subspace of parameter space.
/// </summary>
/// <remarks>
/// <para><b>Array order.</b> <see cref="Values"/> is stored flat in C (row-major) order: the last axis varies
/// fastest. The flat index of grid index (i0, …, i(d-1)) is Σ_k i_k·stride_k with stride_(d-1) = 1 and
/// stride_k = stride_(k+1)·Shape[k+1].</para>
/// <para><b>Axis convention ('ij').</b> Array axis k corresponds to coordinate axis k: the value at grid index
/// (i0, …, i(d-1)) was sampled at (Coordinates[0][i0], …, Coordinates[d-1][i(d-1)]). (The Python package
/// builds points with an 'xy' meshgrid, which swaps axes 0 and 1; with equal axes this is a relabelling.)</para>
/// <para>Coordinates along each axis are strictly increasing and finite; axes may have different lengths.</para>
/// </remarks>
public sealed class Landscape
{
    private readonly double[] _values;
    private readonly double[][] _coordinates;
    private readonly int[] _shape;
    private readonly int[] _strides;

    /// <summary>Creates a landscape from flat C-order values and one coordinate array per axis.</summary>
    /// <param name="values">Values in C order; length must equal the product of the coordinate lengths. Copied.</param>
    /// <param name="coordinates">One strictly increasing, finite coordinate array per axis (length ≥ 1 each). Copied.</param>
    /// <param name="metadata">Optional descriptive metadata.</param>
    /// <exception cref="ArgumentException">Empty axes, non-monotonic or non-finite coordinates, or a size mismatch.</exception>
    /// <remarks>Non-finite values are allowed here (a landscape records what was sampled); topology refuses them
    /// unless an explicit <see cref="NonFinitePolicy"/> is applied first (see <see cref="WithNonFinitePolicy"/>).</remarks>
    public Landscape(ReadOnlySpan<double> values, IReadOnlyList<double[]> coordinates, LandscapeMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count == 0)
            throw new ArgumentException("A landscape needs at least one axis (coordinates is empty).", nameof(coordinates));
        _coordinates = new double[coordinates.Count][];
        _shape = new int[coordinates.Count];
        long count = 1;
        for (int k = 0; k < coordinates.Count; k++)
        {
            var axis = coordinates[k] ?? throw new ArgumentException($"Coordinate axis {k} is null.", nameof(coordinates));
            if (axis.Length == 0)
                throw new ArgumentException($"Coordinate axis {k} has zero length.", nameof(coordinates));
            for (int i = 0; i < axis.Length; i++)
            {
                if (!double.IsFinite(axis[i]))
                    throw new ArgumentException($"Coordinate axis {k} has a non-finite value {axis[i]} at position {i}.", nameof(coordinates));
                if (i > 0 && !(axis[i] > axis[i - 1]))
                    throw new ArgumentException(
                        $"Coordinate axis {k} is not strictly increasing at position {i} ({axis[i - 1]} then {axis[i]}); duplicate or decreasing coordinates are not allowed.",
                        nameof(coordinates));
            }
            _coordinates[k] = (double[])axis.Clone();
            _shape[k] = axis.Length;
            count *= axis.Length;
            if (count > Array.MaxLength)
                throw new ArgumentException($"The grid has more than {Array.MaxLength} points.", nameof(coordinates));
        }
        if (values.Length != count)
            throw new ArgumentException(
                $"values has {values.Length} elements but the coordinate axes ({string.Join("×", _shape)}) need {count}.", nameof(values));
        _values = values.ToArray();
        _strides = ComputeStrides(_shape);
        Metadata = metadata ?? LandscapeMetadata.Empty;
    }

    /// <summary>Creates a landscape on the grid <c>linspace(-distance, distance, steps)</c> on every axis
    /// (the Python package's default coordinates).</summary>
    public static Landscape OnSymmetricGrid(ReadOnlySpan<double> values, int dimensions, int steps, double distance, LandscapeMetadata? metadata = null)
    {
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "Must be ≥ 1.");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Must be ≥ 1.");
        if (!(distance > 0) || !double.IsFinite(distance)) throw new ArgumentOutOfRangeException(nameof(distance), distance, "Must be finite and > 0.");
        var axis = Linspace(-distance, distance, steps);
        var coords = new double[dimensions][];
        for (int k = 0; k < dimensions; k++) coords[k] = axis;
        return new Landscape(values, coords, metadata);
    }

    /// <summary><c>count</c> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive
    /// (NumPy's <c>linspace</c> formula: start + i·(stop−start)/(count−1), last value exactly stop).</summary>
    public static double[] Linspace(double start, double stop, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Must be ≥ 1.");
        var a = new double[count];
        if (count == 1) { a[0] = start; return a; }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) a[i] = start + i * step;
        a[count - 1] = stop;
        return a;
    }

    /// <summary>Number of grid dimensions (≥ 1).</summary>
    public int Dimensions => _shape.Length;

    /// <summary>Number of grid points per axis (array order = coordinate order).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>C-order strides in elements (last axis has stride 1).</summary>
    public IReadOnlyList<int> Strides => _strides;

    /// <summary>Total number of grid points.</summary>
    public int Count => _values.Length;

    /// <summary>The values, flat, in C order. Read-only view.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The values as a read-only memory (C order), for APIs that need to hold on to them.</summary>
    public ReadOnlyMemory<double> ValuesMemory => _values;

    /// <summary>Coordinates of axis <paramref name="axis"/> (strictly increasing).</summary>
    public ReadOnlySpan<double> Coordinates(int axis) => _coordinates[axis];

    /// <summary>All coordinate axes (each strictly increasing). The arrays are copies.</summary>
    public IReadOnlyList<double[]> CoordinateAxes => _coordinates.Select(a => (double[])a.Clone()).ToArray();

    /// <summary>Descriptive metadata (name, quantity, direction names).</summary>
    public LandscapeMetadata Metadata { get; }

    /// <summary>Value at a grid index (one index per axis).</summary>
    public double this[params int[] index] => _values[FlatIndex(index)];

    /// <summary>Flat C-order index of a grid index.</summary>
    /// <exception cref="ArgumentException">Wrong number of indices or an index out of range.</exception>
    public int FlatIndex(ReadOnlySpan<int> index)
    {
        if (index.Length != _shape.Length)
            throw new ArgumentException($"Expected {_shape.Length} indices, got {index.Length}.", nameof(index));
        int flat = 0;
        for (int k = 0; k < index.Length; k++)
        {
            if ((uint)index[k] >= (uint)_shape[k])
                throw new ArgumentException($"Index {index[k]} is out of range for axis {k} of length {_shape[k]}.", nameof(index));
            flat += index[k] * _strides[k];
        }
        return flat;
    }

    /// <summary>Grid index (one per axis) of a flat C-order index.</summary>
    public int[] GridIndex(int flat)
    {
        if ((uint)flat >= (uint)_values.Length)
            throw new ArgumentOutOfRangeException(nameof(flat), flat, $"Must be in [0, {_values.Length}).");
        var idx = new int[_shape.Length];
        for (int k = 0; k < _shape.Length; k++) { idx[k] = flat / _strides[k]; flat -= idx[k] * _strides[k]; }
        return idx;
    }

    /// <summary>Coordinates (one per axis) of the grid point with the given flat index.</summary>
    public double[] PointCoordinates(int flat)
    {
        var idx = GridIndex(flat);
        var p = new double[idx.Length];
        for (int k = 0; k < idx.Length; k++) p[k] = _coordinates[k][idx[k]];
        return p;
    }

    /// <summary>Smallest and largest finite value.</summary>
    public (double Min, double Max) Range()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in _values) { if (!double.IsFinite(v)) continue; if (v < lo) lo = v; if (v > hi) hi = v; }
        return (lo, hi);
    }

    /// <summary>Returns a landscape with the same grid and new values (C order).</summary>
    public Landscape WithValues(ReadOnlySpan<double> values) => new(values, _coordinates, Metadata);

    /// <summary>Returns a landscape with the same values and grid and new metadata.</summary>
    public Landscape WithMetadata(LandscapeMetadata metadata) => new(_values, _coordinates, metadata);

    /// <summary>Applies a non-finite value policy (see <see cref="NonFinitePolicy"/>).</summary>
    /// <exception cref="ArgumentException">With <see cref="NonFinitePolicy.Error"/> when any value is NaN or ±∞: the message
    /// names how many and the first offending flat index.</exception>
    public Landscape WithNonFinitePolicy(NonFinitePolicy policy)
    {
        var cleaned = NonFiniteValues.Apply(_values, policy, out int replaced);
        if (replaced == 0) return this;
        return new Landscape(cleaned, _coordinates, Metadata with { NonFiniteReplaced = Metadata.NonFiniteReplaced + replaced });
    }

    /// <summary>Throws unless every value is finite.</summary>
    /// <exception cref="ArgumentException">Names the count of non-finite values and the first offending flat index.</exception>
    public void EnsureFinite(string? paramName = null) => NonFiniteValues.EnsureFinite(_values, paramName ?? "landscape");

    internal double[] ValuesArray => _values;

    /// <summary>C-order (row-major) strides of a grid shape, in points: the last axis has stride 1.</summary>
    /// <param name="shape">Points per axis.</param>
    public static int[] ComputeStrides(IReadOnlyList<int> shape)
    {
        var s = new int[shape.Count];
        int acc = 1;
        for (int k = shape.Count - 1; k >= 0; k--) { s[k] = acc; acc *= shape[k]; }
        return s;
    }
}

/// <summary>Descriptive metadata of a <see cref="Landscape"/>.</summary>
/// <param name="Name">Free-form name (e.g. "mlp-digits epoch 3").</param>
/// <param name="Quantity">What the value is (e.g. "loss", "accuracy").</param>
/// <param name="DirectionNames">One name per axis (e.g. "λ1 eigenvector"), or empty.</param>
/// <param name="NonFiniteReplaced">How many non-finite values were replaced by a policy.</param>
public sealed record LandscapeMetadata(string Name = "", string Quantity = "loss", IReadOnlyList<string>? DirectionNames = null, int NonFiniteReplaced = 0)
{
    /// <summary>No metadata.</summary>
    public static LandscapeMetadata Empty { get; } = new();
}

/// <summary>What to do with NaN and ±∞ values.</summary>
public enum NonFinitePolicy
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming the count and the first offending index.</summary>
    Error,
    /// <summary>The Python package's rule: NaN → mean of the finite values, +∞ → maximum finite value, −∞ → minimum finite value.</summary>
    Replace,
    /// <summary>Leave them as they are (analyses that need finite values will refuse).</summary>
    Keep,
}

/// <summary>Checks and replacement rules for non-finite values.</summary>
public static class NonFiniteValues
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming how many values are non-finite and the first flat index.</summary>
    public static void EnsureFinite(ReadOnlySpan<double> values, string paramName)
    {
        int first = -1, count = 0;
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) { if (first < 0) first = i; count++; }
        if (count > 0)
            throw new ArgumentException(
                $"{count} of {values.Length} values are not finite (first at flat index {first}: {values[first]}). " +
                "Choose an explicit NonFinitePolicy (Replace or Keep) to proceed.", paramName);
    }

    /// <summary>Applies <paramref name="policy"/> and returns a (possibly new) array; <paramref name="replaced"/> counts changed values.</summary>
    public static double[] Apply(double[] values, NonFinitePolicy policy, out int replaced)
    {
        replaced = 0;
        switch (policy)
        {
            case NonFinitePolicy.Keep: return values;
            case NonFinitePolicy.Error: EnsureFinite(values, nameof(values)); return values;
            case NonFinitePolicy.Replace:
                double sum = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity; int n = 0;
                foreach (var v in values) if (double.IsFinite(v)) { sum += v; n++; if (v < lo) lo = v; if (v > hi) hi = v; }
                if (n == values.Length) return values;
                if (n == 0) throw new ArgumentException("Every value is non-finite; there is nothing to replace them with.", nameof(values));
                double mean = sum / n;
                var r = (double[])values.Clone();
                for (int i = 0; i < r.Length; i++)
                {
                    if (double.IsFinite(r[i])) continue;
                    r[i] = double.IsNaN(r[i]) ? mean : r[i] > 0 ? hi : lo;
                    replaced++;
                }
                return r;
            default: throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy.");
        }
    }
}
