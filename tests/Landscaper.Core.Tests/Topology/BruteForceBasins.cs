namespace Landscaper.Tests.Topology;

/// <summary>An independent reference for steepest-descent (and -ascent) basins: the steepest path from every point, walked
/// one step at a time.</summary>
internal static class BruteForceBasins
{
    /// <summary>Walks the steepest path from every point explicitly (normalised coordinates, total-order ties).</summary>
    public static int[] WalkToExtremum(RandomFields.Field field, double sign)
    {
        var l = field.ToLandscape();
        int n = field.Values.Length;
        var result = new int[n];
        for (int start = 0; start < n; start++)
        {
            int p = start;
            while (true)
            {
                double hp = sign * field.Values[p];
                int best = -1; double bestSlope = 0;
                foreach (int q in BruteForceMergeTree.Neighbours(field.Shape, p, field.Connectivity))
                {
                    double hq = sign * field.Values[q];
                    if (!(hq < hp || (hq == hp && q < p))) continue;
                    var xp = l.GridIndex(p); var xq = l.GridIndex(q);
                    double dist = Math.Sqrt(xp.Zip(xq, (a, b) => a - b).Select((d, k) => d == 0 ? 0 : Math.Pow(d / (double)(field.Shape[k] - 1), 2)).Sum());
                    double slope = (hp - hq) / dist;
                    double hb = best < 0 ? 0 : sign * field.Values[best];
                    if (best < 0 || slope > bestSlope || (slope == bestSlope && (hq < hb || (hq == hb && q < best)))) { best = q; bestSlope = slope; }
                }
                if (best < 0) break;
                p = best;
            }
            result[start] = p;
        }
        return result;
    }
}
