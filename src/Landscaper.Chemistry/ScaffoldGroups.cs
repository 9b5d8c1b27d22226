namespace Landscaper.Chemistry;

/// <summary>
/// Partition of a list of molecules by Bemis–Murcko scaffold (<see cref="MurckoScaffold.Key"/>), the usual basis of
/// scaffold splits for out-of-distribution evaluation. All acyclic molecules form one group with key "".
/// </summary>
public sealed class ScaffoldGroups
{
    private readonly string[] _keys;
    private readonly int[] _groupOf;

    private ScaffoldGroups(string[] keys)
    {
        _keys = keys;
        Groups = keys.Select((k, i) => (k, i)).GroupBy(x => x.k, StringComparer.Ordinal)
            .Select(g => new ScaffoldGroup(g.Key, g.Select(x => x.i).ToArray()))
            .OrderByDescending(g => g.Members.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();
        _groupOf = new int[keys.Length];
        for (int gi = 0; gi < Groups.Count; gi++)
            foreach (int m in Groups[gi].Members) _groupOf[m] = gi;
    }

    /// <summary>Groups the molecules (hydrogen graph atoms are folded away first).</summary>
    public static ScaffoldGroups Compute(IReadOnlyList<Molecule> molecules) =>
        new(molecules.Select(MurckoScaffold.Key).ToArray());

    /// <summary>Groups by precomputed scaffold keys (one per molecule).</summary>
    public static ScaffoldGroups FromKeys(IEnumerable<string> keys) => new(keys.ToArray());

    /// <summary>Scaffold key of each molecule, index-aligned with the input.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Groups, largest first (ties by key, ordinal).</summary>
    public IReadOnlyList<ScaffoldGroup> Groups { get; }

    /// <summary>Index into <see cref="Groups"/> of the group holding molecule <paramref name="molecule"/>.</summary>
    public int GroupOf(int molecule) => _groupOf[molecule];
}
