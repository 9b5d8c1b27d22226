namespace Landscaper.Chemistry;

/// <summary>
/// Bemis–Murcko scaffold: ring systems plus the linkers between them, side chains removed, following the rules of
/// RDKit's <c>MurckoScaffold.GetScaffoldForMol</c>.
/// </summary>
/// <remarks>
/// <para>Hydrogen graph atoms are folded into counts first. Kept: every ring atom; every atom on a path between two
/// ring atoms (linker); and every other atom joined by a non-aromatic double bond to one of those (so C=O on rings and
/// linkers stays, e.g. cyclohexanone keeps its O, <c>C1CC1=CC</c> keeps <c>=C</c>), but not atoms beyond it. Triple
/// bonds (nitriles) are not kept.</para>
/// <para>Hydrogens of kept atoms that lost a neighbour: an aromatic heteroatom, or an aromatic C+, gets exactly one H
/// (N-methylpyrrole → pyrrole <c>[nH]</c>); any other atom has its H count recomputed from the default valence (its
/// written H count is dropped if it was a bracket atom). Aromatic flags and bond orders are kept as they were in the
/// molecule (no re-perception). A molecule without rings has an empty scaffold.</para>
/// </remarks>
public static class MurckoScaffold
{
    /// <summary>The scaffold of <paramref name="mol"/> (an empty molecule when it has no ring).</summary>
    public static Molecule Of(Molecule mol)
    {
        mol = mol.WithoutHydrogens();
        int n = mol.AtomCount;
        var rings = mol.Rings;
        var keep = new bool[n];
        var degree = new int[n];
        var queue = new Queue<int>();
        bool anyRing = false;
        for (int i = 0; i < n; i++)
        {
            keep[i] = true;
            degree[i] = mol.Degree(i);
            if (rings.IsAtomInRing(i)) anyRing = true;
            else if (degree[i] <= 1) queue.Enqueue(i);
        }
        if (!anyRing) return new Molecule([], []);
        // prune side chains: non-ring atoms that are (or become) terminal
        while (queue.Count > 0)
        {
            int a = queue.Dequeue();
            if (!keep[a]) continue;
            keep[a] = false;
            foreach (var (nb, _) in mol.Neighbors(a))
            {
                if (!keep[nb]) continue;
                degree[nb]--;
                if (!rings.IsAtomInRing(nb) && degree[nb] <= 1) queue.Enqueue(nb);
            }
        }
        // exocyclic / exo-linker double-bonded atoms
        var core = (bool[])keep.Clone();
        var exo = new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (core[i]) continue;
            foreach (var (nb, b) in mol.Neighbors(i))
                if (core[nb] && mol.Bonds[b].Order == BondOrder.Double) { exo[i] = true; break; }
        }
        // hydrogens of core atoms that lose neighbours
        var lostNeighbour = new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (core[i] || exo[i]) continue;
            foreach (var (nb, _) in mol.Neighbors(i))
                if (core[nb]) lostNeighbour[nb] = true;
        }
        var inScaffold = new bool[n];
        for (int i = 0; i < n; i++) inScaffold[i] = core[i] || exo[i];

        return mol.Subgraph(i => inScaffold[i], (i, a) =>
        {
            int sum = 0;
            foreach (var (nb, b) in mol.Neighbors(i))
                if (inScaffold[nb]) sum += mol.Bonds[b].KekuleOrder;
            if (core[i] && lostNeighbour[i])
            {
                if (a.IsAromatic && (a.Element.AtomicNumber != 6 || a.FormalCharge == 1))
                    return a with { ExplicitHydrogenCount = 1, ImplicitHydrogenCount = 0, Chirality = null };
                return a with
                {
                    IsBracketAtom = false,
                    ExplicitHydrogenCount = 0,
                    ImplicitHydrogenCount = Valence.ImplicitHydrogens(a.Element, a.FormalCharge, sum, false),
                    Chirality = null,
                };
            }
            if (!a.IsBracketAtom)
                return a with { ImplicitHydrogenCount = Valence.ImplicitHydrogens(a.Element, a.FormalCharge, sum + a.ExplicitHydrogenCount, false) };
            return a;
        });
    }

    /// <summary>
    /// Canonical SMILES (<see cref="SmilesWriter.WriteCanonical"/>) of the scaffold taken as a molecule of its own, i.e.
    /// with aromaticity perceived again on the scaffold (as happens when a scaffold SMILES is parsed again); "" for
    /// acyclic molecules. Re-perception matters only when removing side chains changes a ring's aromaticity, e.g. the
    /// P(Cl)2 ring of hexachlorocyclotriphosphazene, whose bare scaffold N1=PN=PN=P1 is aromatic.
    /// </summary>
    public static string Key(Molecule mol) => SmilesWriter.WriteCanonical(Aromaticity.Perceive(Of(mol)));
}
