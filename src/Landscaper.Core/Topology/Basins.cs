namespace Landscaper.Topology;

/// <summary>
/// Steepest-descent (or -ascent) basins: every grid point labelled with the extremum its steepest path reaches.
/// </summary>
/// <remarks>
/// <para><b>Rule (matches the Python package).</b> From p, step to the neighbour q earlier in the filtration that
/// maximises the slope (h(p) − h(q)) / ‖x(p) − x(q)‖, with coordinates min-max normalised per axis (h = f for
/// descent, −f for ascent). Equal slopes are resolved by the total order: the earlier q wins. A point with no earlier
/// neighbour is an extremum and starts its own basin; these are exactly the leaves of the
/// <see cref="MergeTree"/> of the same filtration and connectivity.</para>
/// <para>Naming follows the Python package (topopy): descending basins of minima are the <em>unstable</em>
/// manifolds, ascending basins of maxima the <em>stable</em> manifolds.</para>
/// <para>Computed without sorting: one pass in memory order finds each point's steepest earlier neighbour, then every
/// pointer chain is followed to its extremum and compressed (each point is relabelled once). Basin ids follow the
/// filtration order of their extrema.</para>
/// </remarks>
public sealed class Basins
{
    private readonly int[] _labels;
    private readonly int[] _extrema;
    private readonly int[] _sizes;

    private Basins(Filtration filtration, int[] labels, int[] extrema, int[] sizes)
    {
        Filtration = filtration;
        _labels = labels;
        _extrema = extrema;
        _sizes = sizes;
    }

    /// <summary>Steepest-descent basins of the minima (unstable manifolds).</summary>
    /// <exception cref="ArgumentException">Non-finite values.</exception>
    public static Basins Descending(Landscape landscape, Connectivity connectivity = Connectivity.Axis)
        => Build(landscape, Filtration.Sublevel, connectivity);

    /// <summary>Steepest-ascent basins of the maxima (stable manifolds).</summary>
    /// <exception cref="ArgumentException">Non-finite values.</exception>
    public static Basins Ascending(Landscape landscape, Connectivity connectivity = Connectivity.Axis)
        => Build(landscape, Filtration.Superlevel, connectivity);

    private static Basins Build(Landscape landscape, Filtration filtration, Connectivity connectivity)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        landscape.EnsureFinite(nameof(landscape));
        return Compute(landscape.ValuesArray, GridNeighbourhood.For(landscape, connectivity), filtration);
    }

    /// <summary>Computes basins; <paramref name="steepest"/>, when given, receives a copy of the steepest-earlier-neighbour
    /// pointers (for <see cref="MergeTreeFromBasins"/>).</summary>
    internal static Basins Compute(double[] values, GridNeighbourhood neighbourhood, Filtration filtration, int[]? steepest = null)
    {
        var labels = new int[values.Length];
        EarlierNeighbourPass.Run(values, neighbourhood, FiltrationOrder.Sign(filtration), labels);
        if (steepest is not null) Array.Copy(labels, steepest, labels.Length);
        return FromSteepest(values, labels, filtration);
    }

    /// <summary>Turns "steepest earlier neighbour" pointers (a point pointing at itself is an extremum) into basin ids, in
    /// place: extrema get ids in filtration order, then every chain is followed to its extremum and compressed.</summary>
    internal static Basins FromSteepest(double[] values, int[] steepest, Filtration filtration)
    {
        double sign = FiltrationOrder.Sign(filtration);
        int n = steepest.Length;
        var extremaList = new List<int>();
        for (int p = 0; p < n; p++) if (steepest[p] == p) extremaList.Add(p);
        var extrema = extremaList.ToArray();
        var keys = new double[extrema.Length];
        for (int i = 0; i < extrema.Length; i++) keys[i] = sign * values[extrema[i]];
        Array.Sort(keys, extrema);   // extrema were collected in index order; re-sort ties by index below
        for (int start = 0; start < extrema.Length;)
        {
            int end = start + 1;
            while (end < extrema.Length && keys[end] == keys[start]) end++;
            Array.Sort(extrema, start, end - start);
            start = end;
        }
        // Encode resolved labels as ~id (negative), pointers as the neighbour index (≥ 0).
        for (int id = 0; id < extrema.Length; id++) steepest[extrema[id]] = ~id;
        for (int p = 0; p < n; p++)
        {
            int x = p;
            while (steepest[x] >= 0) x = steepest[x];
            int code = steepest[x];
            for (int y = p; steepest[y] >= 0;) { int next = steepest[y]; steepest[y] = code; y = next; }
        }
        var sizes = new int[extrema.Length];
        for (int p = 0; p < n; p++) { steepest[p] = ~steepest[p]; sizes[steepest[p]]++; }
        return new Basins(filtration, steepest, extrema, sizes);
    }

    internal int[] LabelArray => _labels;
    internal int[] ExtremaArray => _extrema;

    /// <summary><see cref="Filtration.Sublevel"/> for descending basins (of minima), superlevel for ascending ones.</summary>
    public Filtration Filtration { get; }

    /// <summary>Basin id of every grid point (flat C order).</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Number of basins.</summary>
    public int Count => _extrema.Length;

    /// <summary>Flat index of the extremum of each basin (indexed by basin id, in filtration order).</summary>
    public IReadOnlyList<int> Extrema => _extrema;

    /// <summary>Number of points in each basin (indexed by basin id).</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Basin id of the grid point <paramref name="point"/>.</summary>
    public int BasinOf(int point)
    {
        if ((uint)point >= (uint)_labels.Length)
            throw new ArgumentOutOfRangeException(nameof(point), point, $"Must be in [0, {_labels.Length}).");
        return _labels[point];
    }

    /// <summary>Size of the basin whose extremum is the grid point <paramref name="extremum"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="extremum"/> is not an extremum of these basins.</exception>
    public int SizeOfBasinAt(int extremum)
    {
        if ((uint)extremum >= (uint)_labels.Length)
            throw new ArgumentOutOfRangeException(nameof(extremum), extremum, $"Must be in [0, {_labels.Length}).");
        int id = _labels[extremum];
        if (_extrema[id] != extremum)
            throw new ArgumentException($"Point {extremum} is not an extremum; it lies in the basin of {_extrema[id]}.", nameof(extremum));
        return _sizes[id];
    }

    /// <summary>Aggregates per-point <paramref name="values"/> per basin with <paramref name="perBasin"/>, then reduces the
    /// per-basin results with <paramref name="reduce"/> (the Python package's <c>basin_metric</c>).</summary>
    /// <param name="values">One value per grid point (C order), e.g. the landscape values or any field of the same shape.</param>
    /// <param name="perBasin">Applied to the values of each basin (in basin-id order, points in ascending flat index).</param>
    /// <param name="reduce">Applied to the array of per-basin results.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not have one value per grid point.</exception>
    public double BasinMetric(ReadOnlySpan<double> values, Func<double[], double> perBasin, Func<double[], double> reduce)
    {
        ArgumentNullException.ThrowIfNull(perBasin);
        ArgumentNullException.ThrowIfNull(reduce);
        if (values.Length != _labels.Length)
            throw new ArgumentException($"values has {values.Length} elements but the basins cover {_labels.Length} points.", nameof(values));
        var grouped = new double[_extrema.Length][];
        var filled = new int[_extrema.Length];
        for (int b = 0; b < grouped.Length; b++) grouped[b] = new double[_sizes[b]];
        for (int p = 0; p < values.Length; p++) { int b = _labels[p]; grouped[b][filled[b]++] = values[p]; }
        var results = new double[grouped.Length];
        for (int b = 0; b < grouped.Length; b++) results[b] = perBasin(grouped[b]);
        return reduce(results);
    }
}
