namespace Landscaper.Chemistry;

/// <summary>
/// An immutable molecular graph: atoms, bonds and optional 3-D coordinates (Å). Derived facts (neighbours, rings)
/// are computed on first use and cached. Build one with <see cref="SmilesParser"/>, <see cref="SdfReader"/> or the
/// constructor (which only checks the graph; use <see cref="Valence.AssignImplicitHydrogens"/> and
/// <see cref="Aromaticity.Perceive"/> for the chemistry).
/// </summary>
public sealed class Molecule
{
    private readonly Atom[] _atoms;
    private readonly Bond[] _bonds;
    private readonly Point3[]? _coordinates;
    private readonly Lazy<(int Atom, int Bond)[][]> _adjacency;
    private readonly Lazy<RingInfo> _rings;

    /// <summary>Creates a molecule.</summary>
    /// <param name="atoms">Atoms; their indices are their positions in this list.</param>
    /// <param name="bonds">Bonds between distinct atoms; at most one bond per atom pair.</param>
    /// <param name="coordinates">Null, or one position (Å) per atom.</param>
    /// <exception cref="ArgumentException">Bad atom index, duplicate bond, or coordinate count mismatch.</exception>
    public Molecule(IEnumerable<Atom> atoms, IEnumerable<Bond> bonds, IEnumerable<Point3>? coordinates = null)
    {
        _atoms = atoms.ToArray();
        _bonds = bonds.ToArray();
        _coordinates = coordinates?.ToArray();
        if (_coordinates is not null && _coordinates.Length != _atoms.Length)
            throw new ArgumentException($"{_coordinates.Length} coordinates for {_atoms.Length} atoms");
        var seen = new HashSet<(int, int)>();
        foreach (var b in _bonds)
        {
            if (b.Begin >= _atoms.Length || b.End >= _atoms.Length)
                throw new ArgumentException($"bond {b.Begin}-{b.End} refers to a missing atom ({_atoms.Length} atoms)");
            if (!seen.Add((Math.Min(b.Begin, b.End), Math.Max(b.Begin, b.End))))
                throw new ArgumentException($"duplicate bond between atoms {b.Begin} and {b.End}");
        }
        _adjacency = new Lazy<(int, int)[][]>(BuildAdjacency);
        _rings = new Lazy<RingInfo>(() => RingInfo.Perceive(this));
    }

    /// <summary>The atoms; an atom's index is its position.</summary>
    public IReadOnlyList<Atom> Atoms => _atoms;

    /// <summary>The bonds; a bond's index is its position.</summary>
    public IReadOnlyList<Bond> Bonds => _bonds;

    /// <summary>3-D (or 2-D with z = 0) positions in Å, one per atom; null when the molecule has none.</summary>
    public IReadOnlyList<Point3>? Coordinates => _coordinates;

    /// <summary>Number of atoms, hydrogens that are graph atoms included.</summary>
    public int AtomCount => _atoms.Length;

    /// <summary>Number of bonds, bonds to hydrogen graph atoms included.</summary>
    public int BondCount => _bonds.Length;

    /// <summary>Ring perception result (symmetrised smallest set of smallest rings); computed on first use.</summary>
    public RingInfo Rings => _rings.Value;

    /// <summary>Neighbours of atom <paramref name="atom"/> as (neighbour atom index, bond index), in bond order.</summary>
    public IReadOnlyList<(int Atom, int Bond)> Neighbors(int atom) => _adjacency.Value[atom];

    /// <summary>Number of graph neighbours of <paramref name="atom"/> (hydrogen graph atoms included, H counts not).</summary>
    public int Degree(int atom) => _adjacency.Value[atom].Length;

    /// <summary>Index of the bond between <paramref name="a"/> and <paramref name="b"/>, or -1.</summary>
    public int BondBetween(int a, int b)
    {
        foreach (var (n, bond) in _adjacency.Value[a])
            if (n == b) return bond;
        return -1;
    }

    /// <summary>
    /// All hydrogens on atom <paramref name="atom"/>: written + implicit counts plus hydrogen graph neighbours.
    /// </summary>
    public int HydrogenCount(int atom)
    {
        int h = _atoms[atom].TotalHydrogenCount;
        foreach (var (n, _) in _adjacency.Value[atom])
            if (_atoms[n].IsHydrogen) h++;
        return h;
    }

    /// <summary>
    /// Sum of Kekulé bond orders at <paramref name="atom"/> plus its written hydrogen count (the "explicit valence";
    /// implicit hydrogens not included).
    /// </summary>
    public int ExplicitValence(int atom)
    {
        int v = _atoms[atom].ExplicitHydrogenCount;
        foreach (var (_, b) in _adjacency.Value[atom]) v += _bonds[b].KekuleOrder;
        return v;
    }

    /// <summary>Number of non-hydrogen atoms.</summary>
    public int HeavyAtomCount => _atoms.Count(a => !a.IsHydrogen);

    /// <summary>Number of bonds between two non-hydrogen atoms.</summary>
    public int HeavyBondCount => _bonds.Count(b => !_atoms[b.Begin].IsHydrogen && !_atoms[b.End].IsHydrogen);

    /// <summary>Number of aromatic non-hydrogen atoms.</summary>
    public int AromaticAtomCount => _atoms.Count(a => a.IsAromatic && !a.IsHydrogen);

    /// <summary>Sum of formal charges over all atoms.</summary>
    public int FormalChargeSum => _atoms.Sum(a => a.FormalCharge);

    /// <summary>Total hydrogens on non-hydrogen atoms (see <see cref="HydrogenCount"/>).</summary>
    public int TotalHydrogenCount
    {
        get
        {
            int h = 0;
            for (int i = 0; i < _atoms.Length; i++)
                if (!_atoms[i].IsHydrogen) h += HydrogenCount(i);
            return h;
        }
    }

    /// <summary>Connected components as sorted atom-index lists, ordered by their smallest atom index.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Fragments()
    {
        var comp = new int[_atoms.Length];
        Array.Fill(comp, -1);
        var result = new List<IReadOnlyList<int>>();
        for (int s = 0; s < _atoms.Length; s++)
        {
            if (comp[s] >= 0) continue;
            var members = new List<int>();
            var stack = new Stack<int>();
            stack.Push(s);
            comp[s] = result.Count;
            while (stack.Count > 0)
            {
                int a = stack.Pop();
                members.Add(a);
                foreach (var (n, _) in Neighbors(a))
                    if (comp[n] < 0) { comp[n] = result.Count; stack.Push(n); }
            }
            members.Sort();
            result.Add(members);
        }
        return result;
    }

    /// <summary>
    /// The hydrogen-suppressed molecule: hydrogen graph atoms bonded to exactly one non-hydrogen atom (and carrying
    /// no isotope, charge or map number) are removed and counted in their neighbour's
    /// <see cref="Atom.ExplicitHydrogenCount"/>; other hydrogens stay. Coordinates of the kept atoms are kept.
    /// </summary>
    public Molecule WithoutHydrogens()
    {
        var remove = new bool[_atoms.Length];
        var extraH = new int[_atoms.Length];
        for (int i = 0; i < _atoms.Length; i++)
        {
            var a = _atoms[i];
            if (!a.IsHydrogen || a.Isotope != 0 || a.FormalCharge != 0 || a.AtomMap != 0 || a.TotalHydrogenCount != 0) continue;
            var nb = Neighbors(i);
            if (nb.Count != 1 || _atoms[nb[0].Atom].IsHydrogen || _bonds[nb[0].Bond].Order != BondOrder.Single) continue;
            remove[i] = true;
            extraH[nb[0].Atom]++;
        }
        if (!remove.Any(r => r)) return this;
        return Subgraph(i => !remove[i], (i, a) => extraH[i] == 0 ? a : a with
        {
            ExplicitHydrogenCount = a.ExplicitHydrogenCount + extraH[i],
        });
    }

    /// <summary>
    /// The induced subgraph on the atoms for which <paramref name="keep"/> is true (indices renumbered in order),
    /// with each kept atom passed through <paramref name="mapAtom"/> (old index, atom) → new atom.
    /// </summary>
    public Molecule Subgraph(Func<int, bool> keep, Func<int, Atom, Atom>? mapAtom = null)
    {
        var newIndex = new int[_atoms.Length];
        var atoms = new List<Atom>();
        var coords = _coordinates is null ? null : new List<Point3>();
        for (int i = 0; i < _atoms.Length; i++)
        {
            if (!keep(i)) { newIndex[i] = -1; continue; }
            newIndex[i] = atoms.Count;
            atoms.Add(mapAtom is null ? _atoms[i] : mapAtom(i, _atoms[i]));
            coords?.Add(_coordinates![i]);
        }
        var bonds = new List<Bond>();
        foreach (var b in _bonds)
            if (newIndex[b.Begin] >= 0 && newIndex[b.End] >= 0)
                bonds.Add(b with { Begin = newIndex[b.Begin], End = newIndex[b.End] });
        return new Molecule(atoms, bonds, coords);
    }

    /// <summary>A copy with the given atoms (same count) and the same bonds and coordinates.</summary>
    public Molecule WithAtoms(IEnumerable<Atom> atoms) => new(atoms, _bonds, _coordinates);

    /// <summary>A copy with the given bonds and the same atoms and coordinates.</summary>
    public Molecule WithBonds(IEnumerable<Bond> bonds) => new(_atoms, bonds, _coordinates);

    /// <summary>A copy with the given coordinates (Å, one per atom; null removes them).</summary>
    public Molecule WithCoordinates(IEnumerable<Point3>? coordinates) => new(_atoms, _bonds, coordinates);

    /// <inheritdoc />
    public override string ToString() => $"Molecule({AtomCount} atoms, {BondCount} bonds)";

    private (int, int)[][] BuildAdjacency()
    {
        var lists = new List<(int, int)>[_atoms.Length];
        for (int i = 0; i < lists.Length; i++) lists[i] = [];
        for (int b = 0; b < _bonds.Length; b++)
        {
            lists[_bonds[b].Begin].Add((_bonds[b].End, b));
            lists[_bonds[b].End].Add((_bonds[b].Begin, b));
        }
        return lists.Select(l => l.ToArray()).ToArray();
    }
}
