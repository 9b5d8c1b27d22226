using System.Text;
using CsCheck;

namespace Landscaper.Chemistry.Tests;

/// <summary>
/// Randomised invariance checks over the committed molecules (NCI SMILES and bzr): writing the same molecule another
/// way must not change what is parsed or its canonical key.
/// </summary>
public sealed class PropertyTests
{
    private static readonly Lazy<string[]> Pool = new(() =>
        RepoData.ReadCsv(RepoData.File("molecules.csv")).Select(r => r["smiles"])
            .Concat(RepoData.ReadCsv(RepoData.File("bzr-oracle.csv")).Select(r => r["smiles"]))
            .ToArray());

    private static Gen<(string Smiles, int Seed)> Cases =>
        Gen.Select(Gen.Int[0, Pool.Value.Length - 1], Gen.Int).Select((i, seed) => (Pool.Value[i], seed));

    /// <summary>Relabels every ring-closure number (outside brackets) by a random bijection onto 1..99.</summary>
    internal static string RenumberRingClosures(string smiles, Random rng)
    {
        var labels = Enumerable.Range(1, 99).OrderBy(_ => rng.Next()).ToArray();
        var map = new Dictionary<int, int>();
        var sb = new StringBuilder();
        bool inBracket = false;
        for (int i = 0; i < smiles.Length; i++)
        {
            char c = smiles[i];
            if (c == '[') inBracket = true;
            if (c == ']') inBracket = false;
            int? label = null;
            if (!inBracket && char.IsAsciiDigit(c)) label = c - '0';
            else if (!inBracket && c == '%') { label = int.Parse(smiles.AsSpan(i + 1, 2)); i += 2; }
            if (label is null) { sb.Append(c); continue; }
            if (!map.TryGetValue(label.Value, out int to)) map[label.Value] = to = labels[map.Count];
            sb.Append(to < 10 ? to.ToString() : "%" + to.ToString("00"));
        }
        return sb.ToString();
    }

    [Fact]
    public void Parsing_is_invariant_to_ring_closure_renumbering()
    {
        Cases.Sample((smiles, seed) =>
        {
            string renumbered = RenumberRingClosures(smiles, new Random(seed));
            var a = SmilesParser.Parse(smiles);
            var b = SmilesParser.Parse(renumbered);
            // same atoms in the same order, same bond set, same perception
            Assert.Equal(a.Atoms.Select(x => (x.Element.AtomicNumber, x.FormalCharge, x.TotalHydrogenCount, x.IsAromatic)),
                         b.Atoms.Select(x => (x.Element.AtomicNumber, x.FormalCharge, x.TotalHydrogenCount, x.IsAromatic)));
            Assert.Equal(a.Bonds.Select(x => (Math.Min(x.Begin, x.End), Math.Max(x.Begin, x.End), x.Order)).Order(),
                         b.Bonds.Select(x => (Math.Min(x.Begin, x.End), Math.Max(x.Begin, x.End), x.Order)).Order());
            Assert.Equal(SmilesWriter.WriteCanonical(a), SmilesWriter.WriteCanonical(b));
        }, iter: 400, threads: 1, print: t => $"{t.Item1} seed {t.Item2}");
    }

    [Fact]
    public void Canonical_key_is_invariant_to_the_way_the_smiles_is_written()
    {
        Cases.Sample((smiles, seed) =>
        {
            var mol = SmilesParser.Parse(smiles);
            var rng = new Random(seed);
            var priority = Enumerable.Range(0, mol.AtomCount).OrderBy(_ => rng.Next()).ToArray();
            string other = SmilesWriter.Write(mol, priority);
            var again = SmilesParser.Parse(other);
            Assert.Equal(mol.HeavyAtomCount, again.HeavyAtomCount);
            Assert.Equal(mol.HeavyBondCount, again.HeavyBondCount);
            Assert.Equal(mol.TotalHydrogenCount, again.TotalHydrogenCount);
            Assert.Equal(mol.AromaticAtomCount, again.AromaticAtomCount);
            Assert.Equal(mol.Rings.Count, again.Rings.Count);
            Assert.Equal(SmilesWriter.WriteCanonical(mol), SmilesWriter.WriteCanonical(again));
            Assert.Equal(MurckoScaffold.Key(mol), MurckoScaffold.Key(again));
        }, iter: 400, threads: 1, print: t => $"{t.Item1} seed {t.Item2}");
    }

    [Fact]
    public void Canonical_key_is_invariant_to_atom_index_permutation()
    {
        Cases.Sample((smiles, seed) =>
        {
            var mol = SmilesParser.Parse(smiles);
            var rng = new Random(seed);
            int n = mol.AtomCount;
            var perm = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray(); // old index -> new index
            var atoms = new Atom[n];
            for (int i = 0; i < n; i++) atoms[perm[i]] = mol.Atoms[i];
            var bonds = mol.Bonds.Select(b => rng.Next(2) == 0
                    ? b with { Begin = perm[b.Begin], End = perm[b.End] }
                    : b with { Begin = perm[b.End], End = perm[b.Begin] })
                .OrderBy(_ => rng.Next()).ToArray();
            var permuted = new Molecule(atoms, bonds);
            Assert.Equal(SmilesWriter.WriteCanonical(mol), SmilesWriter.WriteCanonical(permuted));
        }, iter: 400, threads: 1, print: t => $"{t.Item1} seed {t.Item2}");
    }

    [Fact]
    public void Canonical_smiles_round_trips()
    {
        foreach (string smiles in Pool.Value)
        {
            var mol = SmilesParser.Parse(smiles);
            string canonical = SmilesWriter.WriteCanonical(mol);
            Assert.Equal(canonical, SmilesWriter.WriteCanonical(SmilesParser.Parse(canonical)));
        }
    }

    [Fact]
    public void Different_molecules_get_different_keys()
    {
        // the committed NCI set was de-duplicated by RDKit canonical SMILES; it holds no stereoisomer pairs, so our
        // stereo-free keys must all differ as well (a key collision would merge molecules into one scaffold/data point)
        var rows = RepoData.ReadCsv(RepoData.File("rdkit-oracle.csv"));
        var keys = rows.Select(r => SmilesWriter.WriteCanonical(SmilesParser.Parse(r["smiles"]))).ToList();
        var clashes = keys.Select((k, i) => (k, i)).GroupBy(x => x.k).Where(g => g.Count() > 1)
            .Select(g => string.Join(" | ", g.Select(x => rows[x.i]["smiles"]))).ToList();
        Assert.True(clashes.Count == 0, "molecules sharing a key:\n" + string.Join("\n", clashes));
    }
}
