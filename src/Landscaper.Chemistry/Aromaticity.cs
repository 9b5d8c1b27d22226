namespace Landscaper.Chemistry;

/// <summary>
/// Aromaticity perception following RDKit's default model, re-implemented from its published rules.
/// </summary>
/// <remarks>
/// <para>Works on the Kekulé structure and the rings of <see cref="RingInfo"/>. Each ring atom gets a π-electron
/// contribution: with <c>dv</c> the element's default valence, <c>deg</c> = neighbours + hydrogens (must be ≤ 3),
/// lone-pair electrons <c>lp = max(outer − dv − charge, 0)</c>, the count is <c>e = dv − deg + lp − radicals</c>
/// (limited to 1 when the atom has a triple bond or cumulated double bonds). Then:
/// e = 0 → vacant (contributes 0) if it has an exocyclic multiple bond, 1 if it has a ring multiple bond, else not a
/// candidate; e = 1 → 0 if an exocyclic multiple bond goes to a more electronegative atom (C=O, C=N, C=S), 1 if the
/// atom has any multiple bond, 0 for a cation without one (tropylium), else not a candidate; e ≥ 2 → minus one if an
/// exocyclic multiple bond goes to a more electronegative atom, then 1 if odd, 2 if even (pyrrole N, furan O, thiophene
/// S give 2).</para>
/// <para>Candidates must also be in the first three periods (or Se, Te), not exceed the default valence of their
/// isoelectronic element (so sulfoxides and sulfones are out), carry no radical unless they are neutral carbon (the
/// phenyl radical is aromatic, the cyclopentadienyl radical anion is not), and have at most one double/triple bond.
/// A ring whose atoms are all candidates is a candidate ring. Two candidate rings (of at most 24 atoms) are fused
/// neighbours when they share exactly one bond — rings sharing two or more bonds, like the macrocycle and the pyrroles of
/// a porphyrin, are judged separately. Within each fused system every connected combination of 1..6 rings, smallest
/// combinations first, is aromatic when the π electrons of its atoms that lie in one or two of its rings (an atom buried
/// in three rings does not count) number 4n+2 (n ≥ 1) or exactly 2; the search stops early once every bond of the
/// system has been marked aromatic. The atoms of an aromatic combination become aromatic, and so do its bonds that lie
/// in only one of its rings (the fusion bond of azulene stays single).</para>
/// </remarks>
public static class Aromaticity
{
    private const int MaxFusedRings = 6;
    private const int MaxFusedRingSize = 24;

    private enum Donor { None, Vacant, One, Two }

    /// <summary>
    /// Returns a copy of <paramref name="mol"/> with aromatic flags on atoms and bonds set by the model above (previous
    /// flags are discarded). Every bond must have a Kekulé order (see <see cref="Kekulizer"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A bond has no Kekulé order.</exception>
    public static Molecule Perceive(Molecule mol)
    {
        if (mol.Bonds.Any(b => b.KekuleOrder == 0))
            throw new ArgumentException("aromaticity perception needs a Kekulé structure; kekulize first");
        var rings = mol.Rings;
        int n = mol.AtomCount;
        var aromaticAtom = new bool[n];
        var aromaticBond = new bool[mol.BondCount];

        var donor = new Donor[n];
        var candidate = new bool[n];
        var seen = new bool[n];
        var candidateRings = new List<int>();
        for (int r = 0; r < rings.Count; r++)
        {
            bool all = true;
            foreach (int a in rings.AtomRings[r])
            {
                if (!seen[a])
                {
                    seen[a] = true;
                    donor[a] = DonorType(mol, a);
                    candidate[a] = IsCandidate(mol, a, donor[a]);
                }
                if (!candidate[a]) all = false;
            }
            if (all) candidateRings.Add(r);
        }

        int nc = candidateRings.Count;
        if (nc > 0)
        {
            var ringBonds = candidateRings.Select(r => new HashSet<int>(rings.BondRings[r])).ToArray();
            var ringAtoms = candidateRings.Select(r => rings.AtomRings[r]).ToArray();
            var neighbours = new List<int>[nc];
            for (int i = 0; i < nc; i++) neighbours[i] = [];
            for (int i = 0; i < nc; i++)
            {
                if (ringAtoms[i].Count > MaxFusedRingSize) continue;
                for (int j = i + 1; j < nc; j++)
                {
                    if (ringAtoms[j].Count > MaxFusedRingSize) continue;
                    int shared = ringBonds[i].Count(ringBonds[j].Contains);
                    if (shared == 1) { neighbours[i].Add(j); neighbours[j].Add(i); }
                }
            }
            var done = new bool[nc];
            for (int start = 0; start < nc; start++)
            {
                if (done[start]) continue;
                var system = new List<int>();
                PickFused(start, neighbours, done, system);
                CheckSystem(system, ringAtoms, ringBonds, neighbours, donor, aromaticAtom, aromaticBond);
            }
        }

        var atoms = mol.Atoms.Select((a, i) => a.IsAromatic == aromaticAtom[i] ? a : a with { IsAromatic = aromaticAtom[i] });
        var bonds = mol.Bonds.Select((b, i) =>
        {
            var order = aromaticBond[i] ? BondOrder.Aromatic : (BondOrder)b.KekuleOrder;
            return b.Order == order ? b : b with { Order = order };
        });
        return new Molecule(atoms, bonds, mol.Coordinates);
    }

    private static void PickFused(int ring, List<int>[] neighbours, bool[] done, List<int> system)
    {
        done[ring] = true;
        system.Add(ring);
        foreach (int nb in neighbours[ring])
            if (!done[nb]) PickFused(nb, neighbours, done, system);
    }

    private static void CheckSystem(List<int> system, IReadOnlyList<int>[] ringAtoms, HashSet<int>[] ringBonds,
        List<int>[] neighbours, Donor[] donor, bool[] aromaticAtom, bool[] aromaticBond)
    {
        int systemBonds = system.SelectMany(r => ringBonds[r]).Distinct().Count();
        var doneBonds = new HashSet<int>();
        int maxSize = Math.Min(system.Count, MaxFusedRings);
        for (int size = 1; size <= maxSize; size++)
        {
            if (doneBonds.Count >= systemBonds) break;
            foreach (var combo in Combinations(system.Count, size))
            {
                var rs = combo.Select(c => system[c]).ToList();
                if (size > 1 && !IsConnected(rs, neighbours)) continue;
                // atoms of the combination that lie in one or two of its rings (an atom buried in three or more rings,
                // like the centre of acepentalene, does not count)
                var membership = new Dictionary<int, int>();
                foreach (int r in rs)
                    foreach (int a in ringAtoms[r])
                        membership[a] = membership.GetValueOrDefault(a) + 1;
                int electrons = 0;
                foreach (var (a, k) in membership)
                    if (k <= 2) electrons += donor[a] switch { Donor.One => 1, Donor.Two => 2, _ => 0 };
                bool huckel = (electrons >= 6 && (electrons - 2) % 4 == 0) || electrons == 2;
                if (!huckel) continue;
                foreach (int r in rs)
                    foreach (int a in ringAtoms[r]) aromaticAtom[a] = true;
                var count = new Dictionary<int, int>();
                foreach (int r in rs)
                    foreach (int b in ringBonds[r])
                        count[b] = count.GetValueOrDefault(b) + 1;
                foreach (var (b, c) in count)
                    if (c == 1) { aromaticBond[b] = true; doneBonds.Add(b); }
            }
        }
    }

    private static bool IsConnected(List<int> rings, List<int>[] neighbours)
    {
        var set = new HashSet<int>(rings);
        var reached = new HashSet<int> { rings[0] };
        var stack = new Stack<int>();
        stack.Push(rings[0]);
        while (stack.Count > 0)
        {
            int r = stack.Pop();
            foreach (int nb in neighbours[r])
                if (set.Contains(nb) && reached.Add(nb)) stack.Push(nb);
        }
        return reached.Count == set.Count;
    }

    /// <summary>k-combinations of 0..n-1 in lexicographic order.</summary>
    private static IEnumerable<int[]> Combinations(int n, int k)
    {
        var c = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])c.Clone();
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i) i--;
            if (i < 0) yield break;
            c[i]++;
            for (int j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
        }
    }

    /// <summary>π electrons the atom can offer: -1 when it cannot take part (see the class remarks).</summary>
    internal static int CountElectrons(Molecule mol, int atom)
    {
        var a = mol.Atoms[atom];
        int dv = a.Element.DefaultValence;
        if (dv <= 1) return -1;
        int degree = mol.Degree(atom) + a.TotalHydrogenCount;
        if (degree > 3) return -1;
        int lonePair = Math.Max(a.Element.OuterElectrons - dv - a.FormalCharge, 0);
        int e = dv - degree + lonePair - a.RadicalElectrons;
        if (e > 1 && mol.ExplicitValence(atom) - mol.Degree(atom) > 1) e = 1;
        return e;
    }

    private static Donor DonorType(Molecule mol, int atom)
    {
        int e = CountElectrons(mol, atom);
        if (e < 0) return Donor.None;
        int exo = ExocyclicMultipleBondPartner(mol, atom);
        var a = mol.Atoms[atom];
        bool exoMoreElectronegative = exo >= 0 && Element.IsMoreElectronegative(mol.Atoms[exo].Element, a.Element);
        if (e == 0)
        {
            if (exo >= 0) return Donor.Vacant;
            return HasMultipleBond(mol, atom, ringOnly: true) ? Donor.One : Donor.None;
        }
        if (e == 1)
        {
            if (exo >= 0) return exoMoreElectronegative ? Donor.Vacant : Donor.One;
            if (HasMultipleBond(mol, atom, ringOnly: false)) return Donor.One;
            return a.FormalCharge == 1 ? Donor.Vacant : Donor.None;
        }
        if (exoMoreElectronegative) e--;
        return e % 2 == 1 ? Donor.One : Donor.Two;
    }

    private static bool IsCandidate(Molecule mol, int atom, Donor donor)
    {
        var a = mol.Atoms[atom];
        int z = a.Element.AtomicNumber;
        if (z > 18 && z != 34 && z != 52) return false;
        if (donor == Donor.None) return false;
        int dv = a.Element.DefaultValence;
        if (dv > 0)
        {
            int iso = z - a.FormalCharge;
            int isoValence = iso is >= 1 and <= 118 ? Element.FromAtomicNumber(iso).DefaultValence : -1;
            if (mol.ExplicitValence(atom) + a.ImplicitHydrogenCount > isoValence) return false;
        }
        if (a.RadicalElectrons > 0 && (z != 6 || a.FormalCharge != 0)) return false;
        if (mol.ExplicitValence(atom) - mol.Degree(atom) > 1)
        {
            int multiple = 0;
            foreach (var (_, b) in mol.Neighbors(atom))
                if (mol.Bonds[b].KekuleOrder >= 2) multiple++;
            if (multiple > 1) return false;
        }
        return true;
    }

    private static int ExocyclicMultipleBondPartner(Molecule mol, int atom)
    {
        foreach (var (n, b) in mol.Neighbors(atom))
            if (!mol.Rings.IsBondInRing(b) && mol.Bonds[b].KekuleOrder >= 2) return n;
        return -1;
    }

    private static bool HasMultipleBond(Molecule mol, int atom, bool ringOnly)
    {
        foreach (var (_, b) in mol.Neighbors(atom))
            if (mol.Bonds[b].KekuleOrder >= 2 && (!ringOnly || mol.Rings.IsBondInRing(b))) return true;
        return false;
    }
}
