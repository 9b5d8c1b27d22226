namespace Landscaper.Sampling;

/// <summary>
/// The grid a landscape is sampled on: one strictly increasing coordinate array per axis ('ij' order, C-order flattening,
/// last axis fastest). Immutable.
/// </summary>
public sealed class SamplingGrid
{
    private readonly double[][] _coordinates;
    private readonly int[] _steps;
    private readonly double[]? _distances;

    private SamplingGrid(double[][] coordinates, double[]? distances)
    {
        _coordinates = coordinates;
        _distances = distances;
        _steps = coordinates.Select(c => c.Length).ToArray();
        long count = 1;
        foreach (var s in _steps)
        {
            count *= s;
            if (count > Array.MaxLength) throw new ArgumentException($"The grid has more than {Array.MaxLength} points.", nameof(coordinates));
        }
        Count = (int)count;
        Strides = Landscape.ComputeStrides(_steps);
    }

    /// <summary>A symmetric grid <c>linspace(−distance, distance, steps)</c> on each of <paramref name="dimensions"/> axes
    /// (the Python package's grid; defaults 41 steps, distance 0.01).</summary>
    /// <exception cref="ArgumentOutOfRangeException">dimensions &lt; 1, steps &lt; 2, or distance not finite and &gt; 0.</exception>
    public static SamplingGrid Symmetric(int dimensions, int steps = 41, double distance = 0.01)
    {
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "Must be ≥ 1.");
        return Symmetric(Enumerable.Repeat(steps, dimensions).ToArray(), Enumerable.Repeat(distance, dimensions).ToArray());
    }

    /// <summary>A symmetric grid with its own step count and distance per axis: axis k is
    /// <c>linspace(−distances[k], distances[k], steps[k])</c>.</summary>
    /// <exception cref="ArgumentException">Empty or mismatched arrays.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step count &lt; 2 or a distance that is not finite and &gt; 0.</exception>
    public static SamplingGrid Symmetric(IReadOnlyList<int> steps, IReadOnlyList<double> distances)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(distances);
        if (steps.Count == 0) throw new ArgumentException("At least one axis is needed (steps is empty).", nameof(steps));
        if (distances.Count != steps.Count)
            throw new ArgumentException($"Got {distances.Count} distances for {steps.Count} axes.", nameof(distances));
        var coords = new double[steps.Count][];
        for (int k = 0; k < steps.Count; k++)
        {
            if (steps[k] < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps[k], $"Axis {k}: steps must be ≥ 2.");
            if (!(distances[k] > 0) || !double.IsFinite(distances[k]))
                throw new ArgumentOutOfRangeException(nameof(distances), distances[k], $"Axis {k}: distance must be finite and > 0.");
            coords[k] = Landscape.Linspace(-distances[k], distances[k], steps[k]);
        }
        return new SamplingGrid(coords, distances.ToArray());
    }

    /// <summary>A grid with arbitrary strictly increasing, finite coordinates per axis (usable with <see cref="SamplingScale.Plain"/> only).</summary>
    /// <exception cref="ArgumentException">Empty axes, fewer than 2 points on an axis, non-finite or non-increasing coordinates.</exception>
    public static SamplingGrid FromCoordinates(IReadOnlyList<double[]> coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count == 0) throw new ArgumentException("At least one axis is needed.", nameof(coordinates));
        var copy = new double[coordinates.Count][];
        for (int k = 0; k < coordinates.Count; k++)
        {
            var a = coordinates[k] ?? throw new ArgumentException($"Axis {k} is null.", nameof(coordinates));
            if (a.Length < 2) throw new ArgumentException($"Axis {k} has {a.Length} points; at least 2 are needed.", nameof(coordinates));
            for (int i = 0; i < a.Length; i++)
            {
                if (!double.IsFinite(a[i])) throw new ArgumentException($"Axis {k} has a non-finite coordinate at position {i}.", nameof(coordinates));
                if (i > 0 && !(a[i] > a[i - 1])) throw new ArgumentException($"Axis {k} is not strictly increasing at position {i}.", nameof(coordinates));
            }
            copy[k] = (double[])a.Clone();
        }
        return new SamplingGrid(copy, null);
    }

    /// <summary>Number of axes (= number of directions used).</summary>
    public int Dimensions => _steps.Length;

    /// <summary>Points per axis.</summary>
    public IReadOnlyList<int> Steps => _steps;

    /// <summary>Half-width per axis for symmetric grids; null for grids made with <see cref="FromCoordinates"/>.</summary>
    public IReadOnlyList<double>? Distances => _distances;

    /// <summary>True for grids made with <see cref="Symmetric(IReadOnlyList{int}, IReadOnlyList{double})"/>.</summary>
    public bool IsSymmetric => _distances is not null;

    /// <summary>Total number of points.</summary>
    public int Count { get; }

    /// <summary>C-order strides (last axis 1).</summary>
    public IReadOnlyList<int> Strides { get; }

    /// <summary>Coordinates of axis <paramref name="axis"/>.</summary>
    public ReadOnlySpan<double> Coordinates(int axis) => _coordinates[axis];

    /// <summary>Copies of all coordinate arrays.</summary>
    public IReadOnlyList<double[]> CoordinateAxes => _coordinates.Select(a => (double[])a.Clone()).ToArray();

    /// <summary>Grid index of a flat C-order index, written into <paramref name="index"/> (length <see cref="Dimensions"/>).</summary>
    public void GridIndex(int flat, Span<int> index)
    {
        if ((uint)flat >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(flat), flat, $"Must be in [0, {Count}).");
        for (int k = 0; k < _steps.Length; k++) { index[k] = flat / Strides[k]; flat -= index[k] * Strides[k]; }
    }

    /// <summary>Grid index of a flat C-order index.</summary>
    public int[] GridIndex(int flat)
    {
        var idx = new int[Dimensions];
        GridIndex(flat, idx);
        return idx;
    }

    /// <summary>Coordinates of the point with flat index <paramref name="flat"/>.</summary>
    public double[] PointCoordinates(int flat)
    {
        var idx = GridIndex(flat);
        return idx.Select((i, k) => _coordinates[k][i]).ToArray();
    }

    /// <summary>True when both grids have identical coordinates (bit for bit) and the same symmetric distances.</summary>
    public bool SameAs(SamplingGrid other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimensions != Dimensions || IsSymmetric != other.IsSymmetric) return false;
        for (int k = 0; k < Dimensions; k++)
            if (!_coordinates[k].AsSpan().SequenceEqual(other._coordinates[k])) return false;
        return _distances is null || _distances.AsSpan().SequenceEqual(other._distances);
    }

    /// <summary>"41×41" style description.</summary>
    public override string ToString() => string.Join("×", _steps);

    internal static SamplingGrid Restore(double[][] coordinates, double[]? distances) =>
        distances is null ? FromCoordinates(coordinates) : Symmetric(coordinates.Select(c => c.Length).ToArray(), distances);
}
