namespace Landscaper.Topology;

/// <summary>
/// One sequential pass over the grid in flat C order that finds, for every point, the steepest neighbour that comes
/// earlier in the filtration. Walking in memory order keeps neighbour reads cache-friendly; no sorted order is needed.
/// </summary>
internal static class EarlierNeighbourPass
{
    /// <summary>Runs the pass for h = <paramref name="sign"/> · f.</summary>
    /// <param name="values">Landscape values.</param>
    /// <param name="neighbourhood">Grid graph.</param>
    /// <param name="sign">+1 for the sublevel filtration, −1 for the superlevel one.</param>
    /// <param name="steepest">Receives the steepest earlier neighbour (largest drop of h per normalised unit
    /// distance, ties to the earlier point), or the point itself when it has no earlier neighbour (an extremum).</param>
    public static void Run(double[] values, GridNeighbourhood neighbourhood, double sign, int[] steepest)
    {
        var offsets = neighbourhood.Offsets.ToArray();
        var grid = new GridCursor(neighbourhood);
        for (int p = 0; p < values.Length; p++, grid.Advance())
        {
            double hp = sign * values[p];
            int best = p;
            double bestSlope = 0, hBest = 0;
            for (int j = 0; j < offsets.Length; j++)
            {
                if (!neighbourhood.IsInside(j, grid.AtLow, grid.AtHigh)) continue;
                int q = p + offsets[j];
                double hq = sign * values[q];
                if (!FiltrationOrder.Precedes(hq, q, hp, p)) continue;
                double slope = (hp - hq) * neighbourhood.InverseDistance(j, p);
                if (best == p || slope > bestSlope || (slope == bestSlope && FiltrationOrder.Precedes(hq, q, hBest, best)))
                {
                    best = q; bestSlope = slope; hBest = hq;
                }
            }
            steepest[p] = best;
        }
    }
}

/// <summary>Grid coordinates of a point walked in flat C order (an odometer), with its boundary masks, without divisions.</summary>
internal struct GridCursor
{
    private readonly int[] _shape;
    private readonly int[] _index;

    public GridCursor(GridNeighbourhood neighbourhood)
    {
        _shape = neighbourhood.Shape;
        _index = new int[_shape.Length];
        AtLow = 0; AtHigh = 0;
        for (int k = 0; k < _shape.Length; k++) Update(k);
    }

    /// <summary>Bit k set when the current point is on the first slice of axis k.</summary>
    public uint AtLow { get; private set; }

    /// <summary>Bit k set when the current point is on the last slice of axis k.</summary>
    public uint AtHigh { get; private set; }

    /// <summary>Moves to the next flat index.</summary>
    public void Advance()
    {
        for (int k = _shape.Length - 1; k >= 0; k--)
        {
            if (++_index[k] < _shape[k]) { Update(k); return; }
            _index[k] = 0;
            Update(k);
        }
    }

    private void Update(int k)
    {
        uint bit = 1u << k;
        AtLow = _index[k] == 0 ? AtLow | bit : AtLow & ~bit;
        AtHigh = _index[k] == _shape[k] - 1 ? AtHigh | bit : AtHigh & ~bit;
    }
}
