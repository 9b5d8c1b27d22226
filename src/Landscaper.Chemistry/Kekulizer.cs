namespace Landscaper.Chemistry;

/// <summary>
/// Assigns Kekulé orders (1 or 2) to aromatic bonds that have none yet (lowercase SMILES, molfile bond type 4):
/// every aromatic atom that still needs a double bond (see <see cref="Valence"/>) gets exactly one, the others none.
/// </summary>
public static class Kekulizer
{
    private const int MaxSteps = 2_000_000;

    /// <summary>
    /// Returns a copy of <paramref name="mol"/> in which every bond with <see cref="Bond.KekuleOrder"/> 0 has order 1
    /// or 2; the aromatic flags are left as they are.
    /// </summary>
    /// <exception cref="KekulizationException">No Kekulé structure exists (e.g. pyrrole written <c>c1ccnc1</c>).</exception>
    public static Molecule Kekulize(Molecule mol)
    {
        var unresolved = Enumerable.Range(0, mol.BondCount).Where(b => mol.Bonds[b].KekuleOrder == 0).ToList();
        if (unresolved.Count == 0) return mol;

        var needs = new bool[mol.AtomCount];
        foreach (int b in unresolved)
            foreach (int a in new[] { mol.Bonds[b].Begin, mol.Bonds[b].End })
                needs[a] = Valence.NeedsDoubleBond(mol, a);

        // candidate edges: unresolved bonds between two atoms that need a double bond
        var options = new List<(int Atom, int Bond)>[mol.AtomCount];
        for (int i = 0; i < options.Length; i++) options[i] = [];
        foreach (int b in unresolved)
        {
            var bond = mol.Bonds[b];
            if (needs[bond.Begin] && needs[bond.End])
            {
                options[bond.Begin].Add((bond.End, b));
                options[bond.End].Add((bond.Begin, b));
            }
        }
        var matchedBond = new int[mol.AtomCount];
        Array.Fill(matchedBond, -1);
        var needing = Enumerable.Range(0, mol.AtomCount).Where(i => needs[i]).ToList();
        int steps = 0;
        if (!Solve(needing, options, matchedBond, ref steps))
        {
            int culprit = needing.FirstOrDefault(i => options[i].Count == 0, needing.Count > 0 ? needing[0] : mol.Bonds[unresolved[0]].Begin);
            throw new KekulizationException(culprit, steps > MaxSteps
                ? "Kekulé search gave up (too many steps)"
                : "no Kekulé structure: the aromatic atoms cannot all be given exactly one double bond");
        }
        var doubled = new HashSet<int>(matchedBond.Where(b => b >= 0));
        var bonds = mol.Bonds.Select((bond, b) => bond.KekuleOrder != 0 ? bond : bond with { KekuleOrder = doubled.Contains(b) ? 2 : 1 });
        return mol.WithBonds(bonds);
    }

    private static bool Solve(List<int> needing, List<(int Atom, int Bond)>[] options, int[] matched, ref int steps)
    {
        if (++steps > MaxSteps) return false;
        // choose the unmatched atom with the fewest free partners
        int best = -1, bestCount = int.MaxValue;
        foreach (int a in needing)
        {
            if (matched[a] >= 0) continue;
            int c = 0;
            foreach (var (n, _) in options[a]) if (matched[n] < 0) c++;
            if (c < bestCount) { best = a; bestCount = c; if (c == 0) break; }
        }
        if (best < 0) return true;      // everyone matched
        if (bestCount == 0) return false;
        foreach (var (n, b) in options[best])
        {
            if (matched[n] >= 0) continue;
            matched[best] = b;
            matched[n] = b;
            if (Solve(needing, options, matched, ref steps)) return true;
            matched[best] = -1;
            matched[n] = -1;
        }
        return false;
    }
}
