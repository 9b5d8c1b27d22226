namespace Landscaper.Chemistry;

/// <summary>
/// Rings of a molecule: a smallest set of smallest rings (a minimum cycle basis of the graph, size = cyclomatic
/// number) plus "symmetry" rings, so that equivalent rings are not arbitrarily left out. A ring of the same size as an
/// SSSR ring is added when it is relevant (not the sum of smaller rings), shares a bond with that SSSR ring and contains
/// every bond that only that SSSR ring covers — i.e. it could replace it. This is the rule RDKit's
/// <c>symmetrizeSSSR</c> applies, so <see cref="Count"/> matches RDKit's <c>CalcNumRings</c> (bicyclo[2.2.2]octane: 3,
/// cubane: 6, while their cyclomatic numbers are 2 and 5).
/// </summary>
public sealed class RingInfo
{
    private readonly int[][] _atomRings;
    private readonly int[][] _bondRings;
    private readonly int[] _atomRingCount;
    private readonly int[] _bondRingCount;
    private readonly bool[] _cyclicBond;

    private RingInfo(int[][] atomRings, int[][] bondRings, int atoms, bool[] cyclicBond, int cyclomatic)
    {
        _atomRings = atomRings;
        _bondRings = bondRings;
        _cyclicBond = cyclicBond;
        CyclomaticNumber = cyclomatic;
        _atomRingCount = new int[atoms];
        _bondRingCount = new int[cyclicBond.Length];
        foreach (var r in atomRings) foreach (int a in r) _atomRingCount[a]++;
        foreach (var r in bondRings) foreach (int b in r) _bondRingCount[b]++;
    }

    /// <summary>Rings as atom-index cycles (consecutive atoms bonded, last bonded to first).</summary>
    public IReadOnlyList<IReadOnlyList<int>> AtomRings => _atomRings;

    /// <summary>Rings as bond-index lists, parallel to <see cref="AtomRings"/>.</summary>
    public IReadOnlyList<IReadOnlyList<int>> BondRings => _bondRings;

    /// <summary>Number of rings (symmetrised SSSR).</summary>
    public int Count => _atomRings.Length;

    /// <summary>Cyclomatic number: bonds - atoms + connected components (the size of the plain SSSR).</summary>
    public int CyclomaticNumber { get; }

    /// <summary>True when the atom belongs to a ring.</summary>
    public bool IsAtomInRing(int atom) => _atomRingCount[atom] > 0;

    /// <summary>True when the bond belongs to a cycle (is not a bridge).</summary>
    public bool IsBondInRing(int bond) => _cyclicBond[bond];

    /// <summary>Number of rings of <see cref="AtomRings"/> containing the atom.</summary>
    public int AtomRingCount(int atom) => _atomRingCount[atom];

    /// <summary>Number of rings of <see cref="BondRings"/> containing the bond.</summary>
    public int BondRingCount(int bond) => _bondRingCount[bond];

    /// <summary>Perceives the rings of <paramref name="mol"/>.</summary>
    public static RingInfo Perceive(Molecule mol)
    {
        int n = mol.AtomCount, m = mol.BondCount;
        var cyclic = FindCyclicBonds(mol);
        int components = mol.Fragments().Count;
        int cyclomatic = m - n + components;
        if (cyclomatic == 0) return new RingInfo([], [], n, cyclic, 0);

        // Horton candidates: for every vertex v and cyclic bond (x, y), the cycle P(v,x) + xy + P(y,v) when the two
        // shortest paths (BFS tree from v, neighbours in index order) meet only at v.
        var candidates = new Dictionary<string, Cycle>();
        var dist = new int[n];
        var parent = new int[n];
        for (int v = 0; v < n; v++)
        {
            if (!HasCyclicBond(mol, cyclic, v)) continue;
            Array.Fill(dist, -1);
            dist[v] = 0;
            parent[v] = -1;
            var queue = new Queue<int>();
            queue.Enqueue(v);
            while (queue.Count > 0)
            {
                int a = queue.Dequeue();
                foreach (var (nb, b) in mol.Neighbors(a))
                {
                    if (!cyclic[b] || dist[nb] >= 0) continue;
                    dist[nb] = dist[a] + 1;
                    parent[nb] = a;
                    queue.Enqueue(nb);
                }
            }
            for (int b = 0; b < m; b++)
            {
                if (!cyclic[b]) continue;
                int x = mol.Bonds[b].Begin, y = mol.Bonds[b].End;
                if (dist[x] < 0 || dist[y] < 0 || parent[x] == y || parent[y] == x) continue;
                var px = PathToRoot(x, parent);
                var py = PathToRoot(y, parent);
                var setX = new HashSet<int>(px);
                int shared = py.Count(setX.Contains);
                if (shared != 1) continue; // must share only v
                // cycle: v ... x, y ... (child of v)
                var atoms = new List<int>(px.Count + py.Count - 1);
                for (int i = px.Count - 1; i >= 0; i--) atoms.Add(px[i]);
                for (int i = 0; i < py.Count - 1; i++) atoms.Add(py[i]);
                var cycle = Cycle.Create(mol, atoms);
                candidates.TryAdd(cycle.Key, cycle);
            }
        }

        var ordered = candidates.Values.OrderBy(c => c.Atoms.Length).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var basis = new Gf2Basis();
        var sssr = new List<Cycle>();
        var extras = new List<Cycle>();
        int idx = 0;
        while (idx < ordered.Count)
        {
            int len = ordered[idx].Atoms.Length;
            var group = new List<Cycle>();
            while (idx < ordered.Count && ordered[idx].Atoms.Length == len) group.Add(ordered[idx++]);
            var shorter = basis.Clone(); // spans every cycle shorter than len
            foreach (var c in group)
            {
                if (!shorter.IsIndependent(c.BondBits)) continue; // not relevant
                if (sssr.Count < cyclomatic && basis.TryAdd(c.BondBits)) sssr.Add(c);
                else extras.Add(c);
            }
        }
        if (sssr.Count != cyclomatic)
            throw new InvalidOperationException($"ring perception found {sssr.Count} basis rings, expected {cyclomatic}");

        // symmetrisation
        var bondCounts = new int[m];
        foreach (var r in sssr) foreach (int b in r.Bonds) bondCounts[b]++;
        var result = new List<Cycle>(sssr);
        foreach (var extra in extras)
        {
            var extraBonds = new HashSet<int>(extra.Bonds);
            foreach (var r in sssr)
            {
                if (r.Bonds.Length != extra.Bonds.Length) continue;
                bool share = r.Bonds.Any(extraBonds.Contains);
                bool coversUnique = r.Bonds.All(b => bondCounts[b] != 1 || extraBonds.Contains(b));
                if (share && coversUnique)
                {
                    result.Add(extra);
                    break;
                }
            }
        }
        return new RingInfo(result.Select(c => c.Atoms).ToArray(), result.Select(c => c.Bonds).ToArray(), n, cyclic, cyclomatic);
    }

    private static bool HasCyclicBond(Molecule mol, bool[] cyclic, int atom)
    {
        foreach (var (_, b) in mol.Neighbors(atom))
            if (cyclic[b]) return true;
        return false;
    }

    private static List<int> PathToRoot(int a, int[] parent)
    {
        var path = new List<int>();
        for (int x = a; x >= 0; x = parent[x]) path.Add(x);
        return path; // a ... root
    }

    /// <summary>Bonds that are not bridges (iterative lowlink DFS).</summary>
    private static bool[] FindCyclicBonds(Molecule mol)
    {
        int n = mol.AtomCount;
        var cyclic = new bool[mol.BondCount];
        Array.Fill(cyclic, true);
        var disc = new int[n];
        var low = new int[n];
        Array.Fill(disc, -1);
        int time = 0;
        for (int s = 0; s < n; s++)
        {
            if (disc[s] >= 0) continue;
            var stack = new Stack<(int Atom, int ParentBond, int Next)>();
            disc[s] = low[s] = time++;
            stack.Push((s, -1, 0));
            while (stack.Count > 0)
            {
                var (a, pb, next) = stack.Pop();
                var nbs = mol.Neighbors(a);
                if (next < nbs.Count)
                {
                    stack.Push((a, pb, next + 1));
                    var (nb, b) = nbs[next];
                    if (b == pb) continue;
                    if (disc[nb] < 0)
                    {
                        disc[nb] = low[nb] = time++;
                        stack.Push((nb, b, 0));
                    }
                    else low[a] = Math.Min(low[a], disc[nb]);
                }
                else if (pb >= 0)
                {
                    int p = mol.Bonds[pb].Other(a);
                    low[p] = Math.Min(low[p], low[a]);
                    if (low[a] > disc[p]) cyclic[pb] = false;
                }
            }
        }
        return cyclic;
    }

    private sealed class Cycle
    {
        public required int[] Atoms { get; init; }
        public required int[] Bonds { get; init; }
        public required ulong[] BondBits { get; init; }
        public required string Key { get; init; }

        public static Cycle Create(Molecule mol, List<int> atoms)
        {
            var bonds = new int[atoms.Count];
            for (int i = 0; i < atoms.Count; i++)
            {
                int b = mol.BondBetween(atoms[i], atoms[(i + 1) % atoms.Count]);
                if (b < 0) throw new InvalidOperationException("ring perception built a cycle with a missing bond");
                bonds[i] = b;
            }
            var bits = new ulong[(mol.BondCount + 63) / 64];
            foreach (int b in bonds) bits[b >> 6] |= 1UL << (b & 63);
            var sorted = bonds.Order().ToArray();
            return new Cycle { Atoms = atoms.ToArray(), Bonds = bonds, BondBits = bits, Key = string.Join(',', sorted) };
        }
    }

    /// <summary>Incremental Gaussian elimination over GF(2) on bond bit vectors (rows sorted by descending pivot).</summary>
    private sealed class Gf2Basis
    {
        private readonly List<(int Pivot, ulong[] Row)> _rows = [];

        public Gf2Basis Clone()
        {
            var c = new Gf2Basis();
            c._rows.AddRange(_rows.Select(r => (r.Pivot, (ulong[])r.Row.Clone())));
            return c;
        }

        public bool IsIndependent(ulong[] v) => Reduce(v) is not null;

        public bool TryAdd(ulong[] v)
        {
            var r = Reduce(v);
            if (r is null) return false;
            int pivot = HighestBit(r);
            int at = _rows.FindIndex(x => x.Pivot < pivot);
            _rows.Insert(at < 0 ? _rows.Count : at, (pivot, r));
            return true;
        }

        private ulong[]? Reduce(ulong[] v)
        {
            var x = (ulong[])v.Clone();
            // a row's pivot is its highest bit, so xoring it in only changes lower bits: one descending pass suffices
            foreach (var (pivot, row) in _rows)
            {
                if ((x[pivot >> 6] & (1UL << (pivot & 63))) == 0) continue;
                for (int i = 0; i < x.Length; i++) x[i] ^= row[i];
            }
            return x.All(w => w == 0) ? null : x;
        }

        private static int HighestBit(ulong[] v)
        {
            for (int i = v.Length - 1; i >= 0; i--)
                if (v[i] != 0) return i * 64 + 63 - System.Numerics.BitOperations.LeadingZeroCount(v[i]);
            return -1;
        }
    }
}
