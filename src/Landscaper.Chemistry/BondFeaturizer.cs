namespace Landscaper.Chemistry;

/// <summary>
/// Per-bond feature vectors as plain float arrays. Layout (<see cref="FeatureCount"/> = 6, names in
/// <see cref="FeatureNames"/>): 0–3 bond type one-hot (single, double, triple, aromatic; a quadruple bond sets none),
/// 4 conjugated (0/1, see <see cref="IsConjugated"/>), 5 in a ring (0/1).
/// </summary>
public static class BondFeaturizer
{
    /// <summary>Names of the features, index-aligned with the vectors.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        ["type=single", "type=double", "type=triple", "type=aromatic", "conjugated", "in_ring"];

    /// <summary>Length of every bond feature vector (6).</summary>
    public static int FeatureCount => FeatureNames.Count;

    /// <summary>Feature vector of bond <paramref name="bond"/>.</summary>
    public static float[] Featurize(Molecule mol, int bond)
    {
        var f = new float[FeatureCount];
        var b = mol.Bonds[bond];
        switch (b.Order)
        {
            case BondOrder.Single: f[0] = 1; break;
            case BondOrder.Double: f[1] = 1; break;
            case BondOrder.Triple: f[2] = 1; break;
            case BondOrder.Aromatic: f[3] = 1; break;
        }
        f[4] = IsConjugated(mol, bond) ? 1 : 0;
        f[5] = mol.Rings.IsBondInRing(bond) ? 1 : 0;
        return f;
    }

    /// <summary>Feature vectors of all bonds, one row per bond in bond order.</summary>
    public static float[][] Featurize(Molecule mol) => Enumerable.Range(0, mol.BondCount).Select(i => Featurize(mol, i)).ToArray();

    /// <summary>
    /// Conjugation estimate: aromatic bonds are conjugated; a non-aromatic single bond is conjugated when one end has a
    /// multiple or aromatic bond and the other end has one too, or is N, O or S with single bonds only (a lone pair;
    /// N at most three-coordinate); a double or triple bond is conjugated when a bond next to it is aromatic or a
    /// conjugated single bond.
    /// </summary>
    public static bool IsConjugated(Molecule mol, int bond)
    {
        var b = mol.Bonds[bond];
        if (b.IsAromatic) return true;
        if (b.Order == BondOrder.Single) return SingleConjugated(mol, bond);
        foreach (int end in new[] { b.Begin, b.End })
            foreach (var (_, other) in mol.Neighbors(end))
            {
                if (other == bond) continue;
                var o = mol.Bonds[other];
                if (o.IsAromatic || (o.Order == BondOrder.Single && SingleConjugated(mol, other))) return true;
            }
        return false;
    }

    private static bool SingleConjugated(Molecule mol, int bond)
    {
        var b = mol.Bonds[bond];
        bool piU = HasPi(mol, b.Begin), piV = HasPi(mol, b.End);
        return (piU && (piV || HasLonePair(mol, b.End))) || (piV && HasLonePair(mol, b.Begin));
    }

    private static bool HasPi(Molecule mol, int atom)
    {
        foreach (var (_, b) in mol.Neighbors(atom))
            if (mol.Bonds[b].IsAromatic || mol.Bonds[b].KekuleOrder >= 2) return true;
        return false;
    }

    private static bool HasLonePair(Molecule mol, int atom)
    {
        var a = mol.Atoms[atom];
        int z = a.Element.AtomicNumber;
        if (z is not (7 or 8 or 16) || HasPi(mol, atom) || a.FormalCharge > 0) return false;
        return z != 7 || mol.Degree(atom) + a.TotalHydrogenCount <= 3;
    }
}
