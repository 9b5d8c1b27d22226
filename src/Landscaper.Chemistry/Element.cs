namespace Landscaper.Chemistry;

/// <summary>
/// A chemical element: atomic number, symbol and the few periodic-table facts the perception code needs.
/// Instances are interned; compare with <c>==</c> or by <see cref="AtomicNumber"/>.
/// </summary>
public sealed class Element
{
    private static readonly string[] Symbols =
    [
        "*", "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y",
        "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce",
        "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir",
        "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm",
        "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc",
        "Lv", "Ts", "Og",
    ];

    private static readonly Element[] Table = BuildTable();
    private static readonly Dictionary<string, Element> BySymbol =
        Table.Skip(1).ToDictionary(e => e.Symbol, StringComparer.Ordinal);

    private Element(int atomicNumber, string symbol, int outerElectrons, int[] valences)
    {
        AtomicNumber = atomicNumber;
        Symbol = symbol;
        OuterElectrons = outerElectrons;
        Valences = valences;
    }

    /// <summary>Atomic number Z (1 for H, 6 for C, ...).</summary>
    public int AtomicNumber { get; }

    /// <summary>Element symbol with standard capitalisation ("C", "Cl").</summary>
    public string Symbol { get; }

    /// <summary>
    /// Valence-shell electron count of the neutral atom for main-group elements (C 4, N 5, O 6, halogens 7);
    /// the group number for other elements (used only to compare electronegativities).
    /// </summary>
    public int OuterElectrons { get; }

    /// <summary>
    /// Allowed valences of the neutral atom, smallest first (C {4}, N {3}, S {2,4,6}, P {3,5,7}); empty when the
    /// element has no fixed valence (metals, noble gases), in which case no implicit hydrogens are added.
    /// These follow the usual cheminformatics defaults (the same lists RDKit uses for these elements).
    /// </summary>
    public IReadOnlyList<int> Valences { get; }

    /// <summary>The first entry of <see cref="Valences"/>, or -1 when there is none.</summary>
    public int DefaultValence => Valences.Count > 0 ? Valences[0] : -1;

    /// <summary>Hydrogen.</summary>
    public static Element H => Table[1];
    /// <summary>Carbon.</summary>
    public static Element C => Table[6];
    /// <summary>Nitrogen.</summary>
    public static Element N => Table[7];
    /// <summary>Oxygen.</summary>
    public static Element O => Table[8];
    /// <summary>Sulfur.</summary>
    public static Element S => Table[16];

    /// <summary>Number of known elements (118).</summary>
    public static int Count => Table.Length - 1;

    /// <summary>The element with atomic number <paramref name="atomicNumber"/> (1..118).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1..118.</exception>
    public static Element FromAtomicNumber(int atomicNumber) =>
        atomicNumber is >= 1 and <= 118
            ? Table[atomicNumber]
            : throw new ArgumentOutOfRangeException(nameof(atomicNumber), atomicNumber, "atomic number must be 1..118");

    /// <summary>Looks an element up by its exact symbol ("Cl", not "CL"); false when unknown.</summary>
    public static bool TryFromSymbol(string symbol, out Element element)
    {
        if (BySymbol.TryGetValue(symbol, out var e))
        {
            element = e;
            return true;
        }
        element = null!;
        return false;
    }

    /// <summary>The element with exact symbol <paramref name="symbol"/>.</summary>
    /// <exception cref="ArgumentException">Unknown symbol.</exception>
    public static Element FromSymbol(string symbol) =>
        TryFromSymbol(symbol, out var e) ? e : throw new ArgumentException($"unknown element symbol '{symbol}'", nameof(symbol));

    /// <summary>
    /// True when element <paramref name="a"/> counts as more electronegative than <paramref name="b"/> in the
    /// aromaticity rules: more outer electrons wins; with equal outer electrons the lighter element wins.
    /// (A coarse ordering: O &gt; N &gt; C, S &gt; C, S &gt; N.)
    /// </summary>
    public static bool IsMoreElectronegative(Element a, Element b) =>
        a.OuterElectrons > b.OuterElectrons || (a.OuterElectrons == b.OuterElectrons && a.AtomicNumber < b.AtomicNumber);

    /// <summary>
    /// Valences allowed for an atom of this element carrying formal charge <paramref name="charge"/>: those of the
    /// isoelectronic element Z - charge when that is a main-group element with valences (N+ like C: {4}; O- like F:
    /// {1}; C- like N: {3}; C+ like B: {3}); otherwise the neutral element's list.
    /// </summary>
    public IReadOnlyList<int> ValencesForCharge(int charge)
    {
        if (charge == 0) return Valences;
        int z = AtomicNumber - charge;
        if (z is >= 1 and <= 118 && Table[z].Valences.Count > 0 && Valences.Count > 0) return Table[z].Valences;
        return Valences;
    }

    /// <inheritdoc />
    public override string ToString() => Symbol;

    private static Element[] BuildTable()
    {
        var valences = new Dictionary<int, int[]>
        {
            [1] = [1], [3] = [1], [4] = [2], [5] = [3], [6] = [4], [7] = [3], [8] = [2], [9] = [1],
            [11] = [1], [12] = [2], [13] = [3], [14] = [4], [15] = [3, 5, 7], [16] = [2, 4, 6], [17] = [1],
            [19] = [1], [20] = [2], [31] = [3], [32] = [4], [33] = [3, 5, 7], [34] = [2, 4, 6], [35] = [1],
            [37] = [1], [38] = [2], [49] = [3], [50] = [2, 4], [51] = [3, 5, 7], [52] = [2, 4, 6], [53] = [1, 3, 5],
            [55] = [1], [56] = [2],
        };
        var table = new Element[Symbols.Length];
        for (int z = 0; z < Symbols.Length; z++)
            table[z] = new Element(z, Symbols[z], OuterElectronCount(z), valences.GetValueOrDefault(z, []));
        return table;
    }

    private static int OuterElectronCount(int z)
    {
        // Period boundaries (noble gases) and, for the p-block, the group within the period.
        if (z <= 0) return 0;
        if (z <= 2) return z;
        int[] nobles = [2, 10, 18, 36, 54, 86, 118];
        int prev = 2;
        foreach (int noble in nobles.Skip(1))
        {
            if (z <= noble)
            {
                int k = z - prev;                       // position within the period, 1-based
                if (k <= 2) return k;                   // s block
                int fromEnd = noble - z;                // 0 for the noble gas
                if (fromEnd < 6) return 8 - fromEnd;    // p block: groups 13..18 -> 3..8
                return Math.Min(k, 12);                 // d and f blocks: group number, capped
            }
            prev = noble;
        }
        return 0;
    }
}
