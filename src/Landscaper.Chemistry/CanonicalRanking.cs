namespace Landscaper.Chemistry;

/// <summary>
/// Canonical atom numbering: isomorphic molecules (same elements, isotopes, charges, hydrogen counts, aromatic flags,
/// bond orders) get numberings under which they are identical. Stereo marks, atom maps and coordinates are ignored.
/// </summary>
/// <remarks>
/// Individualisation–refinement: atom colours start from atom invariants and are refined by the multiset of
/// (neighbour colour, bond order) until stable (1-dimensional Weisfeiler–Lehman). While some colour class has several
/// atoms, each atom of the first such class is in turn given its own colour and refinement continues; every leaf of this
/// search tree is a numbering, and the numbering whose encoding (atom invariants in order, then the sorted bond list) is
/// lexicographically smallest is the canonical one. The search is exhaustive, so the result does not depend on the input
/// atom order; interchangeable twins (atoms with identical invariants and identical neighbours, such as the three F of
/// CF3) are branched on only once.
/// </remarks>
public static class CanonicalRanking
{
    /// <summary>Upper bound on search leaves; beyond it an <see cref="InvalidOperationException"/> is thrown.</summary>
    public const int MaxLeaves = 200_000;

    /// <summary>Canonical number (0..n-1) of every atom of <paramref name="mol"/>.</summary>
    /// <exception cref="InvalidOperationException">The molecule is so symmetric that the search exceeds <see cref="MaxLeaves"/>.</exception>
    public static int[] Compute(Molecule mol)
    {
        int n = mol.AtomCount;
        if (n == 0) return [];
        var inv = new long[n][];
        for (int i = 0; i < n; i++) inv[i] = AtomInvariant(mol, i);
        var nbrs = new (int Atom, int Code)[n][];
        for (int i = 0; i < n; i++)
            nbrs[i] = mol.Neighbors(i).Select(x => (x.Atom, BondCode(mol.Bonds[x.Bond]))).ToArray();

        var initial = RanksOf(Enumerable.Range(0, n).ToArray(), (a, b) => Compare(inv[a], inv[b]));
        var twinKey = new string[n];
        for (int i = 0; i < n; i++)
            twinKey[i] = string.Join(';', inv[i]) + "|" + string.Join(',', nbrs[i].OrderBy(x => x.Atom).ThenBy(x => x.Code).Select(x => $"{x.Atom}:{x.Code}"));

        var search = new Search(n, inv, nbrs, twinKey);
        search.Run(Refine(initial, nbrs));
        return search.Best!;
    }

    /// <summary>Bond code used in invariants: 1 single, 2 double, 3 triple, 4 quadruple, 5 aromatic.</summary>
    internal static int BondCode(Bond b) => (int)b.Order;

    private static long[] AtomInvariant(Molecule mol, int i)
    {
        var a = mol.Atoms[i];
        return [a.Element.AtomicNumber, a.Isotope, a.FormalCharge, a.TotalHydrogenCount, a.IsAromatic ? 1 : 0, a.RadicalElectrons, mol.Degree(i)];
    }

    private static int Compare(long[] x, long[] y)
    {
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            int c = x[i].CompareTo(y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }

    /// <summary>rank[i] = number of atoms that compare strictly smaller than atom i.</summary>
    private static int[] RanksOf(int[] atoms, Comparison<int> cmp)
    {
        var order = (int[])atoms.Clone();
        Array.Sort(order, cmp);
        var rank = new int[atoms.Length];
        for (int k = 0; k < order.Length; k++)
            rank[order[k]] = k > 0 && cmp(order[k - 1], order[k]) == 0 ? rank[order[k - 1]] : k;
        return rank;
    }

    private static int ClassCount(int[] colors) => colors.Distinct().Count();

    /// <summary>Equitable refinement: colours ordered first by the old colour, then by the sorted neighbour signature.</summary>
    private static int[] Refine(int[] colors, (int Atom, int Code)[][] nbrs)
    {
        int n = colors.Length;
        var current = colors;
        int classes = ClassCount(current);
        while (true)
        {
            var sig = new long[n][];
            for (int i = 0; i < n; i++)
            {
                var s = new long[1 + nbrs[i].Length];
                s[0] = current[i];
                for (int k = 0; k < nbrs[i].Length; k++)
                    s[1 + k] = (long)current[nbrs[i][k].Atom] * 8 + nbrs[i][k].Code;
                Array.Sort(s, 1, s.Length - 1);
                sig[i] = s;
            }
            var next = RanksOf(Enumerable.Range(0, n).ToArray(), (a, b) => Compare(sig[a], sig[b]));
            int nextClasses = ClassCount(next);
            if (nextClasses == classes) return next;
            current = next;
            classes = nextClasses;
        }
    }

    private sealed class Search(int n, long[][] inv, (int Atom, int Code)[][] nbrs, string[] twinKey)
    {
        private long[]? _bestCode;
        private int _leaves;
        public int[]? Best { get; private set; }

        public void Run(int[] colors)
        {
            // find the first non-singleton cell (smallest colour value with more than one atom)
            var counts = new int[n];
            foreach (int c in colors) counts[c]++;
            int target = -1;
            for (int c = 0; c < n; c++)
                if (counts[c] > 1) { target = c; break; }
            if (target < 0)
            {
                Leaf(colors);
                return;
            }
            var triedTwins = new HashSet<string>();
            for (int a = 0; a < n; a++)
            {
                if (colors[a] != target) continue;
                if (!triedTwins.Add(twinKey[a])) continue;
                var next = new int[n];
                for (int i = 0; i < n; i++)
                    next[i] = colors[i] == target && i != a ? target + 1 : colors[i];
                // cell "target" now holds a alone; the rest of the cell moves to target+1 (still below the next cell,
                // whose colour is at least target + cell size)
                Run(Refine(next, nbrs));
            }
        }

        private void Leaf(int[] labels)
        {
            if (++_leaves > MaxLeaves)
                throw new InvalidOperationException($"canonical numbering search exceeded {MaxLeaves} leaves");
            var atomAt = new int[n];
            for (int i = 0; i < n; i++) atomAt[labels[i]] = i;
            var code = new List<long>(n * 8);
            for (int l = 0; l < n; l++) code.AddRange(inv[atomAt[l]]);
            var edges = new List<(int, int, int)>();
            for (int i = 0; i < n; i++)
                foreach (var (j, c) in nbrs[i])
                    if (labels[i] < labels[j]) edges.Add((labels[i], labels[j], c));
            edges.Sort();
            foreach (var (x, y, c) in edges) { code.Add(x); code.Add(y); code.Add(c); }
            var arr = code.ToArray();
            if (_bestCode is null || Compare(arr, _bestCode) < 0)
            {
                _bestCode = arr;
                Best = (int[])labels.Clone();
            }
        }
    }
}
