namespace Landscaper.Chemistry;

/// <summary>
/// Default-valence rules: implicit hydrogens of atoms whose hydrogen count is not written (SMILES organic subset,
/// molfile atoms), and radicals of bracket atoms below their lowest valence.
/// </summary>
/// <remarks>
/// An atom takes the smallest allowed valence (<see cref="Element.ValencesForCharge"/>) that is at least the sum of its
/// bond orders plus written hydrogens, and implicit H fill up to it (none when even the largest valence is exceeded;
/// C 4, N 3, O 2, S 2/4/6, P 3/5/7, halogens 1). For an aromatic atom whose aromatic bonds have no Kekulé order yet
/// (lowercase SMILES), each such bond counts 1 and one more unit is reserved for the π bond it may get:
/// benzene c gets 1 H, pyridine n 0, thiophene s 0; pyrrole N must be written [nH].
/// </remarks>
public static class Valence
{
    /// <summary>Implicit H count by the rules above.</summary>
    /// <param name="element">Element.</param>
    /// <param name="charge">Formal charge.</param>
    /// <param name="bondOrderSum">Sum of known bond orders plus written H, with each unknown-order aromatic bond counted as 1.</param>
    /// <param name="hasUnresolvedAromaticBonds">True when some aromatic bond of the atom has no Kekulé order yet.</param>
    public static int ImplicitHydrogens(Element element, int charge, int bondOrderSum, bool hasUnresolvedAromaticBonds)
    {
        var valences = element.ValencesForCharge(charge);
        foreach (int v in valences)
        {
            if (v < bondOrderSum) continue;
            int h = v - bondOrderSum - (hasUnresolvedAromaticBonds ? 1 : 0);
            return Math.Max(h, 0);
        }
        return 0;
    }

    /// <summary>
    /// Returns a copy of <paramref name="mol"/> in which every non-bracket atom has its implicit H count set by the
    /// default-valence rules and every bracket atom its radical count (lowest fitting valence minus actual valence).
    /// Bonds with <see cref="Bond.KekuleOrder"/> 0 (unresolved aromatic) count 1 each.
    /// </summary>
    public static Molecule AssignImplicitHydrogens(Molecule mol)
    {
        var atoms = new Atom[mol.AtomCount];
        for (int i = 0; i < atoms.Length; i++)
        {
            var a = mol.Atoms[i];
            int sum = a.ExplicitHydrogenCount;
            bool unresolved = false;
            foreach (var (_, b) in mol.Neighbors(i))
            {
                int k = mol.Bonds[b].KekuleOrder;
                if (k == 0) { unresolved = true; k = 1; }
                sum += k;
            }
            if (!a.IsBracketAtom)
            {
                atoms[i] = a with { ImplicitHydrogenCount = ImplicitHydrogens(a.Element, a.FormalCharge, sum, unresolved) };
            }
            else
            {
                int radicals = 0;
                if (!unresolved && a.RadicalElectrons == 0)
                {
                    foreach (int v in a.Element.ValencesForCharge(a.FormalCharge))
                        if (v >= sum) { radicals = v - sum; break; }
                }
                atoms[i] = a with { ImplicitHydrogenCount = 0, RadicalElectrons = Math.Max(a.RadicalElectrons, radicals) };
            }
        }
        return mol.WithAtoms(atoms);
    }

    /// <summary>
    /// True when an aromatic atom still needs a double bond in a Kekulé structure: its smallest fitting valence
    /// exceeds bond orders (unresolved aromatic bonds counted 1) plus all its hydrogens.
    /// </summary>
    internal static bool NeedsDoubleBond(Molecule mol, int atom)
    {
        var a = mol.Atoms[atom];
        int sum = a.TotalHydrogenCount + a.RadicalElectrons;
        foreach (var (_, b) in mol.Neighbors(atom))
            sum += Math.Max(mol.Bonds[b].KekuleOrder, 1);
        foreach (int v in a.Element.ValencesForCharge(a.FormalCharge))
            if (v >= sum) return v > sum;
        return false;
    }
}
