namespace Landscaper.Chemistry;

/// <summary>
/// Per-atom feature vectors as plain float arrays, for graph neural networks. Layout (<see cref="FeatureCount"/> = 31,
/// names in <see cref="FeatureNames"/>):
/// <list type="table">
/// <item><term>0–12</term><description>element one-hot: H, B, C, N, O, F, Si, P, S, Cl, Br, I, other</description></item>
/// <item><term>13–18</term><description>degree one-hot (graph neighbours): 0, 1, 2, 3, 4, ≥5</description></item>
/// <item><term>19</term><description>formal charge (integer value, e)</description></item>
/// <item><term>20–24</term><description>total hydrogens one-hot (<see cref="Molecule.HydrogenCount"/>): 0, 1, 2, 3, ≥4</description></item>
/// <item><term>25</term><description>aromatic (0/1)</description></item>
/// <item><term>26</term><description>in a ring (0/1)</description></item>
/// <item><term>27–30</term><description>hybridisation one-hot (<see cref="HybridizationRules"/>): sp, sp2, sp3, other</description></item>
/// </list>
/// Degree counts graph neighbours, so featurise hydrogen-suppressed molecules (<see cref="Molecule.WithoutHydrogens"/>)
/// when hydrogens should only appear as counts.
/// </summary>
public static class AtomFeaturizer
{
    private static readonly int[] ElementList = [1, 5, 6, 7, 8, 9, 14, 15, 16, 17, 35, 53];

    /// <summary>Names of the features, index-aligned with the vectors.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = BuildNames();

    /// <summary>Length of every atom feature vector (31).</summary>
    public static int FeatureCount => FeatureNames.Count;

    /// <summary>Feature vector of atom <paramref name="atom"/>.</summary>
    public static float[] Featurize(Molecule mol, int atom)
    {
        var f = new float[FeatureCount];
        var a = mol.Atoms[atom];
        int e = Array.IndexOf(ElementList, a.Element.AtomicNumber);
        f[e >= 0 ? e : ElementList.Length] = 1;
        f[13 + Math.Min(mol.Degree(atom), 5)] = 1;
        f[19] = a.FormalCharge;
        f[20 + Math.Min(mol.HydrogenCount(atom), 4)] = 1;
        f[25] = a.IsAromatic ? 1 : 0;
        f[26] = mol.Rings.IsAtomInRing(atom) ? 1 : 0;
        f[27 + HybridizationRules.Estimate(mol, atom) switch
        {
            Hybridization.Sp => 0,
            Hybridization.Sp2 => 1,
            Hybridization.Sp3 => 2,
            _ => 3,
        }] = 1;
        return f;
    }

    /// <summary>Feature vectors of all atoms, one row per atom in atom order.</summary>
    public static float[][] Featurize(Molecule mol) => Enumerable.Range(0, mol.AtomCount).Select(i => Featurize(mol, i)).ToArray();

    private static List<string> BuildNames()
    {
        var names = new List<string>();
        names.AddRange(new[] { "H", "B", "C", "N", "O", "F", "Si", "P", "S", "Cl", "Br", "I" }.Select(s => "element=" + s));
        names.Add("element=other");
        names.AddRange(new[] { "0", "1", "2", "3", "4", ">=5" }.Select(s => "degree=" + s));
        names.Add("formal_charge");
        names.AddRange(new[] { "0", "1", "2", "3", ">=4" }.Select(s => "hydrogens=" + s));
        names.Add("aromatic");
        names.Add("in_ring");
        names.AddRange(new[] { "sp", "sp2", "sp3", "other" }.Select(s => "hybridization=" + s));
        return names;
    }
}
