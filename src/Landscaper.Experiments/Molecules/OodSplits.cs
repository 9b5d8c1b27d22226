using Landscaper.Chemistry;

namespace Landscaper.Molecules;

/// <summary>
/// Seeded three-way splits (train / ID test / OOD test) of a molecule list for out-of-distribution evaluation: property tail,
/// scaffold, and random as the control. Sizes and thresholds: <see cref="OodSplitOptions"/>. Every split is a pure function of
/// its inputs and seed.
/// </summary>
public static class OodSplits
{
    /// <summary>Makes the split of kind <paramref name="kind"/>.</summary>
    /// <param name="kind">Which split.</param>
    /// <param name="label">Label name (recorded; the property-tail split sorts by <paramref name="labels"/>).</param>
    /// <param name="labels">Label value of every molecule (finite).</param>
    /// <param name="scaffoldKeys">Scaffold key of every molecule (<see cref="MurckoScaffold.Key"/>; needed for
    /// <see cref="OodSplitKind.Scaffold"/>, may be null otherwise).</param>
    /// <param name="options">Sizes and thresholds (defaults when null).</param>
    /// <param name="seed">Seed of the random parts.</param>
    /// <exception cref="ArgumentException">Missing scaffold keys, lengths that differ, a non-finite label, too few molecules for a
    /// non-empty part, or invalid options.</exception>
    public static OodSplit Make(OodSplitKind kind, string label, IReadOnlyList<double> labels, IReadOnlyList<string>? scaffoldKeys,
        OodSplitOptions? options = null, int seed = 0) => kind switch
    {
        OodSplitKind.PropertyTail => PropertyTail(label, labels, options, seed),
        OodSplitKind.Scaffold => Scaffold(label, scaffoldKeys ?? throw new ArgumentException("A scaffold split needs the scaffold keys.", nameof(scaffoldKeys)), options, seed),
        OodSplitKind.Random => Random(label, labels.Count, options, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown split kind."),
    };

    /// <summary>Property-tail split: training pool = label &lt; t_lo, OOD = label ≥ t_hi (thresholds from
    /// <see cref="OodSplitOptions.TrainQuantile"/> and <see cref="OodSplitOptions.OodQuantile"/>), values in between excluded;
    /// ID test = a seeded random <see cref="OodSplitOptions.IdTestFraction"/>·n of the pool, train = the rest of the pool.</summary>
    public static OodSplit PropertyTail(string label, IReadOnlyList<double> labels, OodSplitOptions? options = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new OodSplitOptions();
        options.Validate(nameof(options));
        int n = labels.Count;
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(labels[i])) throw new ArgumentException($"Label of molecule {i} is {labels[i]}; labels must be finite.", nameof(labels));
        if (n < 4) throw new ArgumentException($"{n} molecules are too few for a split.", nameof(labels));
        var sorted = labels.Order().ToArray();
        double lo = sorted[(int)Math.Floor(options.TrainQuantile * n)];
        double hi = sorted[Math.Min(n - 1, (int)Math.Floor(options.OodQuantile * n))];
        var pool = Enumerable.Range(0, n).Where(i => labels[i] < lo).ToArray();
        var ood = Enumerable.Range(0, n).Where(i => labels[i] >= hi).ToArray();
        var excluded = Enumerable.Range(0, n).Where(i => labels[i] >= lo && labels[i] < hi).ToArray();
        var (train, id) = HoldOut(pool, Count(options.IdTestFraction, n), seed, "training pool");
        if (ood.Length == 0) throw new ArgumentException("The OOD tail is empty.", nameof(labels));
        return new OodSplit(OodSplitKind.PropertyTail, label, seed, train, id, ood, excluded, lo, hi,
            $"property tail of {label}: train {train.Length} + ID test {id.Length} with {label} < {lo:G5}, OOD test {ood.Length} with {label} ≥ {hi:G5}, {excluded.Length} in the gap excluded");
    }

    /// <summary>Scaffold split: whole scaffold groups (molecules with the same <see cref="MurckoScaffold.Key"/>; all acyclic
    /// molecules form one group) go either to the training pool or to the OOD set, never both. With
    /// <see cref="ScaffoldOrder.LargestFirst"/>, groups are taken largest first (ties by key, ordinal) into the pool while it
    /// has room for n − round(OodFraction·n) molecules; from the first group that does not fit on, every group is OOD. With
    /// <see cref="ScaffoldOrder.Seeded"/>, groups in a seeded random order go to the OOD set while it has fewer than
    /// round(OodFraction·n) molecules, skipping groups larger than that target (they stay in the pool). ID test = a seeded random
    /// <see cref="OodSplitOptions.IdTestFraction"/>·n of the pool, so its scaffolds are training scaffolds.</summary>
    public static OodSplit Scaffold(string label, IReadOnlyList<string> scaffoldKeys, OodSplitOptions? options = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(scaffoldKeys);
        options ??= new OodSplitOptions();
        options.Validate(nameof(options));
        int n = scaffoldKeys.Count;
        if (n < 4) throw new ArgumentException($"{n} molecules are too few for a split.", nameof(scaffoldKeys));
        var groups = ScaffoldGroups.FromKeys(scaffoldKeys).Groups;
        int oodTarget = Count(options.OodFraction, n);
        var pool = new List<int>();
        var ood = new List<int>();
        if (options.ScaffoldOrder == ScaffoldOrder.LargestFirst)
        {
            bool full = false;
            foreach (var g in groups)
            {
                if (!full && pool.Count + g.Members.Count <= n - oodTarget) pool.AddRange(g.Members);
                else { full = true; ood.AddRange(g.Members); }
            }
        }
        else
        {
            var order = Enumerable.Range(0, groups.Count).ToArray();
            new System.Random(seed).Shuffle(order);
            foreach (int gi in order)
            {
                var g = groups[gi];
                if (ood.Count < oodTarget && g.Members.Count <= oodTarget) ood.AddRange(g.Members);
                else pool.AddRange(g.Members);
            }
        }
        if (ood.Count == 0) throw new ArgumentException("No scaffold group could be held out.", nameof(scaffoldKeys));
        var (train, id) = HoldOut(pool.Order().ToArray(), Count(options.IdTestFraction, n), seed, "scaffold training pool");
        var oodArray = ood.Order().ToArray();
        int oodGroups = oodArray.Select(i => scaffoldKeys[i]).Distinct(StringComparer.Ordinal).Count();
        return new OodSplit(OodSplitKind.Scaffold, label, seed, train, id, oodArray, [], double.NaN, double.NaN,
            $"scaffold ({options.ScaffoldOrder}): train {train.Length} + ID test {id.Length} from {groups.Count - oodGroups} scaffold groups, OOD test {oodArray.Length} from {oodGroups} held-out groups");
    }

    /// <summary>Random split (the control): a seeded permutation; the first round(OodFraction·n) molecules are the "OOD" set, the
    /// next round(IdTestFraction·n) the ID test set, the rest the training set.</summary>
    public static OodSplit Random(string label, int count, OodSplitOptions? options = null, int seed = 0)
    {
        options ??= new OodSplitOptions();
        options.Validate(nameof(options));
        if (count < 4) throw new ArgumentException($"{count} molecules are too few for a split.", nameof(count));
        var order = Enumerable.Range(0, count).ToArray();
        new System.Random(seed).Shuffle(order);
        int nOod = Count(options.OodFraction, count), nId = Count(options.IdTestFraction, count);
        var ood = order[..nOod].Order().ToArray();
        var id = order[nOod..(nOod + nId)].Order().ToArray();
        var train = order[(nOod + nId)..].Order().ToArray();
        return new OodSplit(OodSplitKind.Random, label, seed, train, id, ood, [], double.NaN, double.NaN,
            $"random (control): train {train.Length}, ID test {id.Length}, OOD test {ood.Length} (same distribution)");
    }

    private static int Count(double fraction, int n) => Math.Max(1, (int)Math.Round(fraction * n, MidpointRounding.AwayFromZero));

    private static (int[] Train, int[] Held) HoldOut(int[] pool, int count, int seed, string what)
    {
        if (pool.Length < count + 1)
            throw new ArgumentException($"The {what} has {pool.Length} molecules; the ID test set needs {count} and training at least one.");
        var shuffled = pool.ToArray();
        new System.Random(seed).Shuffle(shuffled);
        return (shuffled[count..].Order().ToArray(), shuffled[..count].Order().ToArray());
    }
}
