namespace Landscaper.Topology;

/// <summary>One (level, width) sample of a profile branch: from <paramref name="Level"/> up to the next sample's level
/// the branch's sublevel component holds <paramref name="Width"/> grid points.</summary>
/// <param name="Level">Loss level (height).</param>
/// <param name="Width">Number of grid points in the component at that level (basin size so far).</param>
public readonly record struct ProfileSample(double Level, int Width);

/// <summary>A branch of the persistence hierarchy, drawn as a region of the topological landscape profile.</summary>
/// <param name="Id">Branch id (0 = the essential branch of the global minimum; ids follow birth order).</param>
/// <param name="Minimum">Flat index of the minimum where the branch is born.</param>
/// <param name="Saddle">Flat index of the saddle where it merges into its parent, or the global maximum for branch 0.</param>
/// <param name="BirthValue">Value at the minimum (bottom of the region).</param>
/// <param name="DeathValue">Value at the saddle (top of the region).</param>
/// <param name="Parent">Id of the branch it merges into (elder rule), or −1.</param>
/// <param name="Offset">Left edge of the region on the width axis. A child sits immediately to the right of everything
/// its parent held just before the merge, so regions never overlap and children nest under their parent.</param>
/// <param name="Samples">Step function of the component width, from birth to death (last sample at the death level).</param>
public sealed record ProfileBranch(int Id, int Minimum, int Saddle, double BirthValue, double DeathValue, int Parent, int Offset, IReadOnlyList<ProfileSample> Samples)
{
    /// <summary>DeathValue − BirthValue.</summary>
    public double Persistence => DeathValue - BirthValue;

    /// <summary>The closed outline of the region as (x, y) vertices: the left edge at <see cref="Offset"/> and a staircase
    /// right edge at Offset + width(level), bottom to top. Ready for a filled scatter/line plot.</summary>
    public IReadOnlyList<(double X, double Y)> Outline()
    {
        var points = new List<(double X, double Y)> { (Offset, BirthValue) };
        for (int i = 0; i < Samples.Count; i++)
        {
            double top = i + 1 < Samples.Count ? Samples[i + 1].Level : DeathValue;
            points.Add((Offset + Samples[i].Width, Samples[i].Level));
            points.Add((Offset + Samples[i].Width, top));
        }
        points.Add((Offset, DeathValue));
        return points;
    }
}

/// <summary>
/// Topological landscape profile data (after Geniesse et al. 2024, "Visualizing loss functions as topological
/// landscape profiles"): the sublevel merge hierarchy drawn as nested regions whose height is the loss level and whose
/// width is the number of grid points in the sublevel-set component (the basin grown so far) at that level.
/// </summary>
/// <remarks>
/// One union-find sweep in sublevel order (the <see cref="Filtration"/> tie rule). Each minimum starts a branch; every
/// point adds one to the width of its component's branch; at a saddle the elder branch (earliest minimum) absorbs the
/// others, which end there. The essential branch ends at the global maximum with width = point count. The total number
/// of samples is at most point count + branch count.
/// </remarks>
public sealed class TopologicalProfile
{
    private TopologicalProfile(IReadOnlyList<ProfileBranch> branches, int pointCount)
    {
        Branches = branches;
        PointCount = pointCount;
    }

    /// <summary>Branches in birth order (branch 0 is the global minimum's).</summary>
    public IReadOnlyList<ProfileBranch> Branches { get; }

    /// <summary>Number of grid points (the width of the whole profile at the top).</summary>
    public int PointCount { get; }

    /// <summary>The branches with persistence ≥ <paramref name="threshold"/> (always including branch 0).</summary>
    public IEnumerable<ProfileBranch> Persistent(double threshold) => Branches.Where(b => b.Id == 0 || b.Persistence >= threshold);

    /// <summary>Computes the profile of <paramref name="landscape"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values.</exception>
    public static TopologicalProfile Build(Landscape landscape, Connectivity connectivity = Connectivity.Axis)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        landscape.EnsureFinite(nameof(landscape));
        var values = landscape.ValuesArray;
        var neighbourhood = GridNeighbourhood.For(landscape, connectivity);
        var offsets = neighbourhood.Offsets.ToArray();
        int n = values.Length;
        var component = new int[n];
        Array.Fill(component, -1);
        var branchOf = new int[n];   // per component root
        var size = new int[n];       // per component root
        var minima = new List<int>();
        var saddles = new List<int>();
        var parents = new List<int>();
        var relativeOffsets = new List<int>();
        var samples = new List<List<ProfileSample>>();
        var touched = new List<int>();

        void Record(int branch, double level, int width)
        {
            var s = samples[branch];
            if (s.Count > 0 && s[^1].Level == level) s[^1] = new ProfileSample(level, width);
            else s.Add(new ProfileSample(level, width));
        }

        var order = FiltrationOrder.Sublevel(values);
        foreach (int p in order)
        {
            component[p] = p;
            touched.Clear();
            neighbourhood.Boundary(p, out uint atLow, out uint atHigh);
            for (int j = 0; j < offsets.Length; j++)
            {
                if (!neighbourhood.IsInside(j, atLow, atHigh)) continue;
                int q = p + offsets[j];
                if (component[q] < 0) continue;
                int r = DisjointSets.Find(component, q);
                if (!touched.Contains(r)) touched.Add(r);
            }
            if (touched.Count == 0)
            {
                branchOf[p] = minima.Count;
                size[p] = 1;
                minima.Add(p); saddles.Add(-1); parents.Add(-1); relativeOffsets.Add(0);
                samples.Add([new ProfileSample(values[p], 1)]);
                continue;
            }
            // Elder rule: the component whose branch was born first survives.
            int elder = touched[0];
            foreach (int r in touched) if (branchOf[r] < branchOf[elder]) elder = r;
            int merged = size[elder] + 1, offset = size[elder];
            foreach (int r in touched)
            {
                if (r == elder) continue;
                int b = branchOf[r];
                saddles[b] = p; parents[b] = branchOf[elder]; relativeOffsets[b] = offset;
                Record(b, values[p], size[r]);
                offset += size[r];
                merged += size[r];
                component[r] = elder;
            }
            component[p] = elder;
            size[elder] = merged;
            Record(branchOf[elder], values[p], merged);
        }

        int top = order[^1];
        var branches = new ProfileBranch[minima.Count];
        var absolute = new int[minima.Count];
        for (int b = 0; b < branches.Length; b++)
        {
            absolute[b] = parents[b] < 0 ? 0 : absolute[parents[b]] + relativeOffsets[b];
            int saddle = parents[b] < 0 ? top : saddles[b];
            branches[b] = new ProfileBranch(b, minima[b], saddle, values[minima[b]], values[saddle], parents[b], absolute[b], samples[b]);
        }
        return new TopologicalProfile(branches, n);
    }
}
