using System.Globalization;
using System.Text;

namespace Landscaper.Chemistry;

/// <summary>
/// Writes SMILES without stereo marks: <see cref="WriteCanonical"/> gives a canonical string (the molecule's graph key),
/// <see cref="Write(Molecule, IReadOnlyList{int})"/> one for a given atom priority (used to write the same molecule in
/// different ways).
/// </summary>
/// <remarks>
/// Aromatic atoms are written lowercase, aromatic bonds between aromatic atoms implicitly, single bonds between two
/// aromatic atoms as '-'. An atom is written without brackets when it is an organic-subset element without isotope,
/// charge, atom map or radical and <see cref="SmilesParser"/> would infer exactly its hydrogen count; otherwise in
/// brackets with its hydrogen count. Hydrogen graph atoms are written as <c>[H]</c>. Chirality and '/' '\' marks are not
/// written. Parsing the output gives back the same graph (elements, charges, isotopes, H counts, aromatic flags and
/// orders).
/// </remarks>
public static class SmilesWriter
{
    private static readonly HashSet<string> Organic = ["B", "C", "N", "O", "P", "S", "F", "Cl", "Br", "I"];
    private static readonly HashSet<string> AromaticLower = ["B", "C", "N", "O", "P", "S"];
    private static readonly HashSet<string> AromaticBracketLower = ["B", "C", "N", "O", "P", "S", "Se", "As", "Te"];

    /// <summary>Canonical SMILES (see <see cref="CanonicalRanking"/>); "" for an empty molecule.</summary>
    public static string WriteCanonical(Molecule mol) => Write(mol, CanonicalRanking.Compute(mol));

    /// <summary>
    /// SMILES in which atoms are visited by ascending <paramref name="priority"/> (one distinct value per atom): each
    /// fragment starts at its lowest-priority atom and branches are taken lowest first.
    /// </summary>
    public static string Write(Molecule mol, IReadOnlyList<int> priority)
    {
        int n = mol.AtomCount;
        if (priority.Count != n) throw new ArgumentException("one priority per atom is required", nameof(priority));
        var visited = new bool[n];
        var parentBond = new int[n];
        var children = new List<int>[n];
        var closingsAt = new List<int>[n];   // ring bonds whose second end (closing digit) is this atom
        var openingsAt = new List<int>[n];   // ring bonds whose first end (opening digit) is this atom
        for (int i = 0; i < n; i++) { children[i] = []; closingsAt[i] = []; openingsAt[i] = []; }
        var handled = new bool[mol.BondCount];

        var sorted = Enumerable.Range(0, n).Select(i =>
            mol.Neighbors(i).OrderBy(x => priority[x.Atom]).ToArray()).ToArray();
        var roots = new List<int>();
        foreach (int start in Enumerable.Range(0, n).OrderBy(i => priority[i]))
        {
            if (visited[start]) continue;
            roots.Add(start);
            // iterative DFS keeping the recursive visiting order
            visited[start] = true;
            parentBond[start] = -1;
            var stack = new Stack<(int Atom, int Next)>();
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (a, next) = stack.Pop();
                if (next >= sorted[a].Length) continue;
                stack.Push((a, next + 1));
                var (nb, b) = sorted[a][next];
                if (handled[b]) continue;
                handled[b] = true;
                if (!visited[nb])
                {
                    visited[nb] = true;
                    parentBond[nb] = b;
                    children[a].Add(nb);
                    stack.Push((nb, 0));
                }
                else
                {
                    // back edge to an atom already written (an ancestor): it opens there, closes here
                    openingsAt[nb].Add(b);
                    closingsAt[a].Add(b);
                }
            }
        }

        var sb = new StringBuilder();
        var digitOf = new Dictionary<int, int>();
        var inUse = new SortedSet<int>();
        for (int r = 0; r < roots.Count; r++)
        {
            if (r > 0) sb.Append('.');
            WriteFrom(roots[r]);
        }
        return sb.ToString();

        void WriteFrom(int a)
        {
            sb.Append(AtomToken(mol, a));
            // allocate digits for the rings opened here before freeing the digits of the rings closed here
            var newDigits = new List<(int Bond, int Digit)>();
            foreach (int b in openingsAt[a])
            {
                int d = 1;
                while (inUse.Contains(d) || newDigits.Any(x => x.Digit == d)) d++;
                newDigits.Add((b, d));
            }
            foreach (int b in closingsAt[a].OrderBy(b => digitOf[b]))
            {
                sb.Append(Digit(digitOf[b]));
                inUse.Remove(digitOf[b]);
            }
            foreach (var (b, d) in newDigits)
            {
                digitOf[b] = d;
                inUse.Add(d);
                sb.Append(BondSymbol(mol, b, a, mol.Bonds[b].Other(a)));
                sb.Append(Digit(d));
            }
            var kids = children[a];
            for (int k = 0; k < kids.Count; k++)
            {
                bool branch = k < kids.Count - 1;
                if (branch) sb.Append('(');
                sb.Append(BondSymbol(mol, parentBond[kids[k]], a, kids[k]));
                WriteFrom(kids[k]);
                if (branch) sb.Append(')');
            }
        }
    }

    private static string Digit(int d) =>
        d < 10 ? d.ToString(CultureInfo.InvariantCulture) : "%" + d.ToString("00", CultureInfo.InvariantCulture);

    private static string BondSymbol(Molecule mol, int bond, int from, int to)
    {
        var b = mol.Bonds[bond];
        bool bothAromatic = mol.Atoms[from].IsAromatic && mol.Atoms[to].IsAromatic;
        return b.Order switch
        {
            BondOrder.Aromatic => bothAromatic ? "" : ":",
            BondOrder.Single => bothAromatic ? "-" : "",
            BondOrder.Double => "=",
            BondOrder.Triple => "#",
            BondOrder.Quadruple => "$",
            _ => throw new InvalidOperationException($"unknown bond order {b.Order}"),
        };
    }

    private static string AtomToken(Molecule mol, int i)
    {
        var a = mol.Atoms[i];
        string sym = a.Element.Symbol;
        int h = a.TotalHydrogenCount;
        if (Organic.Contains(sym) && a.Isotope == 0 && a.FormalCharge == 0 && a.AtomMap == 0 && a.RadicalElectrons == 0
            && (!a.IsAromatic || AromaticLower.Contains(sym)) && InferredHydrogens(mol, i) == h)
            return a.IsAromatic ? sym.ToLowerInvariant() : sym;
        var sb = new StringBuilder("[");
        if (a.Isotope > 0) sb.Append(a.Isotope.ToString(CultureInfo.InvariantCulture));
        sb.Append(a.IsAromatic && AromaticBracketLower.Contains(sym) ? sym.ToLowerInvariant() : sym);
        if (h > 0) sb.Append('H');
        if (h > 1) sb.Append(h.ToString(CultureInfo.InvariantCulture));
        if (a.FormalCharge != 0)
        {
            sb.Append(a.FormalCharge > 0 ? '+' : '-');
            int m = Math.Abs(a.FormalCharge);
            if (m > 1) sb.Append(m.ToString(CultureInfo.InvariantCulture));
        }
        if (a.AtomMap > 0) sb.Append(':').Append(a.AtomMap.ToString(CultureInfo.InvariantCulture));
        return sb.Append(']').ToString();
    }

    /// <summary>The H count the parser would give this atom if written without brackets.</summary>
    private static int InferredHydrogens(Molecule mol, int i)
    {
        var a = mol.Atoms[i];
        int sum = 0;
        bool unresolved = false;
        foreach (var (nb, b) in mol.Neighbors(i))
        {
            var bond = mol.Bonds[b];
            bool writtenAromatic = bond.Order == BondOrder.Aromatic;
            if (writtenAromatic) { unresolved = true; sum += 1; }
            else sum += (int)bond.Order;
        }
        return Valence.ImplicitHydrogens(a.Element, 0, sum, unresolved);
    }
}
