namespace Landscaper.Chemistry;

/// <summary>
/// A π-bond-count hybridisation estimate. Reliable for what it looks at (bond orders, aromatic flags); it deliberately
/// ignores lone-pair conjugation, so an amide or aniline N is <see cref="Hybridization.Sp3"/> here (RDKit says sp2).
/// </summary>
public static class HybridizationRules
{
    // non-metals and metalloids that form covalent bonds: B C N O F Si P S Cl Ge As Se Br Sb Te I
    private static readonly HashSet<int> Covalent = [5, 6, 7, 8, 9, 14, 15, 16, 17, 32, 33, 34, 35, 51, 52, 53];

    /// <summary>
    /// Estimate for atom <paramref name="atom"/>: hydrogen, metals and noble gases → Other (only B C N O F Si P S Cl Ge
    /// As Se Br Sb Te I are estimated); aromatic → sp2;
    /// a triple bond or ≥ 2 double bonds → sp; one double bond → sp2; single bonds only → sp2 for boron and C+ with
    /// three neighbours (empty p orbital), otherwise sp3.
    /// </summary>
    public static Hybridization Estimate(Molecule mol, int atom)
    {
        var a = mol.Atoms[atom];
        if (!Covalent.Contains(a.Element.AtomicNumber)) return Hybridization.Other;
        if (a.IsAromatic) return Hybridization.Sp2;
        int doubles = 0, triples = 0;
        foreach (var (_, b) in mol.Neighbors(atom))
        {
            var bond = mol.Bonds[b];
            if (bond.IsAromatic) return Hybridization.Sp2;
            if (bond.KekuleOrder == 2) doubles++;
            else if (bond.KekuleOrder >= 3) triples++;
        }
        if (triples > 0 || doubles >= 2) return Hybridization.Sp;
        if (doubles == 1) return Hybridization.Sp2;
        int z = a.Element.AtomicNumber;
        int coordination = mol.Degree(atom) + a.TotalHydrogenCount;
        if ((z == 5 && a.FormalCharge == 0 && coordination == 3) || (z == 6 && a.FormalCharge == 1 && coordination == 3))
            return Hybridization.Sp2;
        return Hybridization.Sp3;
    }
}
