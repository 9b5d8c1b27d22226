using System.Globalization;

namespace Landscaper;

/// <summary>2-D views of an N-dimensional <see cref="Landscape"/>: a slice through a grid point and a min-projection.</summary>
/// <remarks>Both return a new 2-D landscape whose array axis 0 is the source axis <c>axisI</c> and array axis 1 the
/// source axis <c>axisJ</c> (so <c>axisI</c> &gt; <c>axisJ</c> transposes). Coordinates and direction names are carried
/// over; the name records where the view came from.</remarks>
public static class LandscapeSlices
{
    /// <summary>The 2-D slice of <paramref name="landscape"/> through the grid point <paramref name="at"/>, varying axes
    /// <paramref name="axisI"/> and <paramref name="axisJ"/> and holding every other axis at its index in <paramref name="at"/>.</summary>
    /// <param name="landscape">A landscape with at least 2 dimensions.</param>
    /// <param name="axisI">Source axis drawn as array axis 0.</param>
    /// <param name="axisJ">Source axis drawn as array axis 1 (different from <paramref name="axisI"/>).</param>
    /// <param name="at">One grid index per source axis; the entries of <paramref name="axisI"/> and <paramref name="axisJ"/> are ignored.</param>
    /// <exception cref="ArgumentException">Fewer than 2 dimensions, equal or out-of-range axes, or a bad grid index.</exception>
    public static Landscape Slice(Landscape landscape, int axisI, int axisJ, IReadOnlyList<int> at)
    {
        ArgumentNullException.ThrowIfNull(at);
        CheckAxes(landscape, axisI, axisJ);
        if (at.Count != landscape.Dimensions)
            throw new ArgumentException($"at has {at.Count} indices; the landscape has {landscape.Dimensions} axes.", nameof(at));
        for (int k = 0; k < at.Count; k++)
            if (k != axisI && k != axisJ && (uint)at[k] >= (uint)landscape.Shape[k])
                throw new ArgumentException($"at[{k}] = {at[k]} is out of range for axis {k} of length {landscape.Shape[k]}.", nameof(at));
        int ni = landscape.Shape[axisI], nj = landscape.Shape[axisJ];
        int baseFlat = 0;
        for (int k = 0; k < at.Count; k++) if (k != axisI && k != axisJ) baseFlat += at[k] * landscape.Strides[k];
        int si = landscape.Strides[axisI], sj = landscape.Strides[axisJ];
        var source = landscape.Values;
        var values = new double[ni * nj];
        for (int i = 0; i < ni; i++)
            for (int j = 0; j < nj; j++)
                values[i * nj + j] = source[baseFlat + i * si + j * sj];
        var fixedAxes = Enumerable.Range(0, landscape.Dimensions).Where(k => k != axisI && k != axisJ)
            .Select(k => $"{Name(landscape, k)} = {landscape.Coordinates(k)[at[k]].ToString("G4", CultureInfo.InvariantCulture)}");
        return Build(landscape, axisI, axisJ, values, $"slice at {string.Join(", ", fixedAxes)}");
    }

    /// <summary>The flat index in <paramref name="source"/> of the point that has flat index <paramref name="sliceFlat"/> in
    /// <c>Slice(source, axisI, axisJ, at)</c>: lets slice results (e.g. a slice's minima) be looked up in the full grid.</summary>
    /// <exception cref="ArgumentException">Bad axes, grid index or slice index.</exception>
    public static int SourceIndex(Landscape source, int axisI, int axisJ, IReadOnlyList<int> at, int sliceFlat)
    {
        ArgumentNullException.ThrowIfNull(at);
        CheckAxes(source, axisI, axisJ);
        int nj = source.Shape[axisJ];
        if ((uint)sliceFlat >= (uint)(source.Shape[axisI] * nj))
            throw new ArgumentException($"Slice index {sliceFlat} is outside the {source.Shape[axisI]} × {nj} slice.", nameof(sliceFlat));
        var index = at.ToArray();
        if (index.Length != source.Dimensions)
            throw new ArgumentException($"at has {index.Length} indices; the landscape has {source.Dimensions} axes.", nameof(at));
        index[axisI] = sliceFlat / nj;
        index[axisJ] = sliceFlat % nj;
        return source.FlatIndex(index);
    }

    /// <summary>The minimum of <paramref name="landscape"/> over every axis except <paramref name="axisI"/> and
    /// <paramref name="axisJ"/>: value (i, j) is the lowest value on the (N−2)-dimensional fibre through it. Every
    /// minimum of the projection is the shadow of a low point of the full landscape, but basins can overlap.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 dimensions, or equal or out-of-range axes.</exception>
    public static Landscape MinProjection(Landscape landscape, int axisI, int axisJ)
    {
        CheckAxes(landscape, axisI, axisJ);
        int nj = landscape.Shape[axisJ];
        var values = new double[landscape.Shape[axisI] * nj];
        Array.Fill(values, double.PositiveInfinity);
        var source = landscape.Values;
        var index = new int[landscape.Dimensions];
        for (int p = 0; p < source.Length; p++)
        {
            int target = index[axisI] * nj + index[axisJ];
            if (source[p] < values[target] || double.IsNaN(values[target]) && !double.IsNaN(source[p])) values[target] = source[p];
            for (int k = index.Length - 1; k >= 0; k--) { if (++index[k] < landscape.Shape[k]) break; index[k] = 0; }
        }
        return Build(landscape, axisI, axisJ, values, "min-projection");
    }

    private static Landscape Build(Landscape source, int axisI, int axisJ, double[] values, string what)
    {
        var names = new[] { Name(source, axisI), Name(source, axisJ) };
        string name = string.IsNullOrWhiteSpace(source.Metadata.Name) ? what : $"{source.Metadata.Name} ({what})";
        var metadata = new LandscapeMetadata(name, source.Metadata.Quantity, names);
        return new Landscape(values, [source.Coordinates(axisI).ToArray(), source.Coordinates(axisJ).ToArray()], metadata);
    }

    private static string Name(Landscape landscape, int axis)
        => landscape.Metadata.DirectionNames is { } n && axis < n.Count && !string.IsNullOrWhiteSpace(n[axis]) ? n[axis] : $"direction {axis + 1}";

    private static void CheckAxes(Landscape landscape, int axisI, int axisJ)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        if (landscape.Dimensions < 2)
            throw new ArgumentException($"A 2-D view needs at least 2 dimensions; the landscape has {landscape.Dimensions}.", nameof(landscape));
        if ((uint)axisI >= (uint)landscape.Dimensions || (uint)axisJ >= (uint)landscape.Dimensions || axisI == axisJ)
            throw new ArgumentException($"Axes ({axisI}, {axisJ}) must be two different axes in [0, {landscape.Dimensions}).");
    }
}
