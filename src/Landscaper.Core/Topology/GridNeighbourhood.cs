namespace Landscaper.Topology;

/// <summary>
/// The neighbours of every grid point under a <see cref="Connectivity"/>, generated implicitly: one flat offset
/// per neighbour direction (from the C-order strides) and a per-point boundary test. No edge list is built.
/// </summary>
/// <remarks>
/// <para>A direction δ ∈ {−1,0,1}^d is valid at grid index c when no axis with δ_k = −1 has c_k = 0 and no axis with
/// δ_k = +1 has c_k = n_k − 1. The test is two bit-mask ANDs per direction.</para>
/// <para>Distances (used by steepest descent) are measured in coordinates min-max normalised per axis, like the
/// Python package. When every axis is uniformly spaced (relative deviation ≤ 1e-9) the distance of each
/// direction is a constant, sqrt(Σ_k (δ_k/(n_k−1))²); otherwise it is computed from the actual coordinates.</para>
/// </remarks>
public sealed class GridNeighbourhood
{
    /// <summary>Largest number of axes supported (boundary masks are 32-bit).</summary>
    public const int MaxDimensions = 31;

    private const double UniformTolerance = 1e-9;

    private readonly int[] _shape;
    private readonly int[] _strides;
    private readonly int[] _offsets;
    private readonly uint[] _needNotLow;
    private readonly uint[] _needNotHigh;
    private readonly sbyte[][] _directions;
    private readonly double[] _inverseDistance;
    private readonly double[][]? _normalisedSteps;

    private GridNeighbourhood(Landscape landscape, Connectivity connectivity)
    {
        int d = landscape.Dimensions;
        if (d > MaxDimensions)
            throw new ArgumentException($"Landscapes with more than {MaxDimensions} axes are not supported (got {d}).", nameof(landscape));
        if (connectivity != Connectivity.Axis && d > 12)
            throw new ArgumentException($"{connectivity} connectivity enumerates 3^d directions; d = {d} is too large (max 12).", nameof(connectivity));
        Connectivity = connectivity;
        _shape = landscape.Shape.ToArray();
        _strides = landscape.Strides.ToArray();

        var directions = EnumerateDirections(d, connectivity);
        _directions = directions.ToArray();
        _offsets = new int[_directions.Length];
        _needNotLow = new uint[_directions.Length];
        _needNotHigh = new uint[_directions.Length];
        for (int j = 0; j < _directions.Length; j++)
        {
            for (int k = 0; k < d; k++)
            {
                _offsets[j] += _directions[j][k] * _strides[k];
                if (_directions[j][k] < 0) _needNotLow[j] |= 1u << k;
                if (_directions[j][k] > 0) _needNotHigh[j] |= 1u << k;
            }
        }

        bool uniform = true;
        var steps = new double[d][];
        for (int k = 0; k < d; k++)
        {
            var x = landscape.Coordinates(k);
            int n = x.Length;
            steps[k] = new double[Math.Max(n - 1, 0)];
            if (n < 2) continue;
            double range = x[n - 1] - x[0], nominal = range / (n - 1);
            for (int i = 0; i + 1 < n; i++)
            {
                double h = x[i + 1] - x[i];
                steps[k][i] = h / range;
                if (Math.Abs(h - nominal) > UniformTolerance * Math.Abs(nominal)) uniform = false;
            }
        }
        _inverseDistance = new double[_directions.Length];
        for (int j = 0; j < _directions.Length; j++)
        {
            double sq = 0;
            for (int k = 0; k < d; k++)
                if (_directions[j][k] != 0) { double h = 1.0 / Math.Max(_shape[k] - 1, 1); sq += h * h; }
            _inverseDistance[j] = 1.0 / Math.Sqrt(sq);
        }
        _normalisedSteps = uniform ? null : steps;
    }

    /// <summary>The neighbourhood of <paramref name="landscape"/>'s grid under <paramref name="connectivity"/>.</summary>
    /// <exception cref="ArgumentException">Too many axes for the connectivity, or an unknown connectivity.</exception>
    public static GridNeighbourhood For(Landscape landscape, Connectivity connectivity = Connectivity.Axis)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        if (!Enum.IsDefined(connectivity))
            throw new ArgumentException($"Unknown connectivity {(int)connectivity}.", nameof(connectivity));
        return new GridNeighbourhood(landscape, connectivity);
    }

    /// <summary>The connectivity this neighbourhood implements.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>Number of neighbour directions (an interior point has this many neighbours).</summary>
    public int DirectionCount => _offsets.Length;

    /// <summary>Flat-index offset of each direction.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>True when every axis is uniformly spaced, so each direction has one constant normalised length.</summary>
    public bool IsUniform => _normalisedSteps is null;

    /// <summary>Writes the flat indices of the neighbours of <paramref name="point"/> into <paramref name="buffer"/>
    /// (length ≥ <see cref="DirectionCount"/>) and returns how many there are.</summary>
    public int Neighbours(int point, Span<int> buffer)
    {
        if (buffer.Length < _offsets.Length)
            throw new ArgumentException($"buffer needs room for {_offsets.Length} neighbours, has {buffer.Length}.", nameof(buffer));
        Boundary(point, out uint atLow, out uint atHigh);
        int count = 0;
        for (int j = 0; j < _offsets.Length; j++)
            if (IsInside(j, atLow, atHigh)) buffer[count++] = point + _offsets[j];
        return count;
    }

    internal int[] Shape => _shape;

    /// <summary>Bit k of <paramref name="atLow"/> (<paramref name="atHigh"/>) is set when the point lies on the first
    /// (last) slice of axis k.</summary>
    internal void Boundary(int point, out uint atLow, out uint atHigh)
    {
        atLow = 0; atHigh = 0;
        int rest = point;
        for (int k = 0; k < _strides.Length; k++)
        {
            int c = rest / _strides[k];
            rest -= c * _strides[k];
            if (c == 0) atLow |= 1u << k;
            if (c == _shape[k] - 1) atHigh |= 1u << k;
        }
    }

    /// <summary>Whether direction <paramref name="direction"/> stays on the grid from a point with the given boundary masks.</summary>
    internal bool IsInside(int direction, uint atLow, uint atHigh)
        => (_needNotLow[direction] & atLow) == 0 && (_needNotHigh[direction] & atHigh) == 0;

    /// <summary>1 / (normalised distance) of the step from <paramref name="point"/> along <paramref name="direction"/>.</summary>
    internal double InverseDistance(int direction, int point)
    {
        if (_normalisedSteps is null) return _inverseDistance[direction];
        double sq = 0;
        int rest = point;
        var delta = _directions[direction];
        for (int k = 0; k < _strides.Length; k++)
        {
            int c = rest / _strides[k];
            rest -= c * _strides[k];
            if (delta[k] == 0) continue;
            double h = delta[k] > 0 ? _normalisedSteps[k][c] : _normalisedSteps[k][c - 1];
            sq += h * h;
        }
        return 1.0 / Math.Sqrt(sq);
    }

    private static List<sbyte[]> EnumerateDirections(int d, Connectivity connectivity)
    {
        var result = new List<sbyte[]>();
        if (connectivity == Connectivity.Axis)
        {
            for (int k = 0; k < d; k++)
                foreach (sbyte s in new sbyte[] { -1, 1 })
                {
                    var delta = new sbyte[d];
                    delta[k] = s;
                    result.Add(delta);
                }
            return result;
        }
        int total = 1;
        for (int k = 0; k < d; k++) total *= 3;
        for (int code = 0; code < total; code++)
        {
            var delta = new sbyte[d];
            int rest = code, negatives = 0, positives = 0;
            for (int k = 0; k < d; k++)
            {
                delta[k] = (sbyte)(rest % 3 - 1);
                rest /= 3;
                if (delta[k] < 0) negatives++;
                if (delta[k] > 0) positives++;
            }
            if (negatives + positives == 0) continue;
            if (connectivity == Connectivity.Freudenthal && negatives > 0 && positives > 0) continue;
            result.Add(delta);
        }
        return result;
    }
}
