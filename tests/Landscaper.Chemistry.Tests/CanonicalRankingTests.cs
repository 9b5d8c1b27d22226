namespace Landscaper.Chemistry.Tests;

/// <summary>
/// The canonical key on graphs where colour refinement alone cannot tell atoms apart (regular graphs), so the
/// individualisation search must do the work.
/// </summary>
public sealed class CanonicalRankingTests
{
    private static Molecule Graph(int n, params (int, int)[] edges) =>
        new(Enumerable.Range(0, n).Select(i => new Atom(Element.C) { ImplicitHydrogenCount = 4 - edges.Count(e => e.Item1 == i || e.Item2 == i) }),
            edges.Select(e => new Bond(e.Item1, e.Item2, BondOrder.Single)));

    private static readonly (int, int)[] Ring8 = Enumerable.Range(0, 8).Select(i => (i, (i + 1) % 8)).ToArray();

    public static TheoryData<string, Molecule> Hard => new()
    {
        { "two triangles", Graph(6, (0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)) },
        { "hexagon", Graph(6, (0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0)) },
        { "triangle + pentagon", Graph(8, (0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 6), (6, 7), (7, 3)) },
        { "two squares", Graph(8, (0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4)) },
        { "cubane", Graph(8, (0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 6), (6, 7), (7, 4), (0, 4), (1, 5), (2, 6), (3, 7)) },
        { "Wagner graph", Graph(8, [.. Ring8, (0, 4), (1, 5), (2, 6), (3, 7)]) },
        { "prism + square", Graph(10, (0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (0, 3), (1, 4), (2, 5), (6, 7), (7, 8), (8, 9), (9, 6)) },
    };

    [Theory]
    [MemberData(nameof(Hard))]
    public void Key_is_invariant_to_atom_order_on_regular_graphs(string name, Molecule mol)
    {
        string key = SmilesWriter.WriteCanonical(mol);
        var rng = new Random(name.Length * 7919);
        for (int trial = 0; trial < 60; trial++)
        {
            var perm = Enumerable.Range(0, mol.AtomCount).OrderBy(_ => rng.Next()).ToArray();
            var atoms = new Atom[mol.AtomCount];
            for (int i = 0; i < mol.AtomCount; i++) atoms[perm[i]] = mol.Atoms[i];
            var permuted = new Molecule(atoms, mol.Bonds.Select(b => b with { Begin = perm[b.Begin], End = perm[b.End] }));
            Assert.Equal(key, SmilesWriter.WriteCanonical(permuted));
        }
        // and the key parses back to an isomorphic graph
        Assert.Equal(key, SmilesWriter.WriteCanonical(SmilesParser.Parse(key)));
    }

    [Fact]
    public void Refinement_equivalent_but_different_graphs_get_different_keys()
    {
        var keys = Hard.Select(row => SmilesWriter.WriteCanonical((Molecule)row[1])).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("CCO", "OCC")]
    [InlineData("C(O)C", "OCC")]
    [InlineData("c1ccccc1O", "Oc1ccccc1")]
    [InlineData("C1=CC=CC=C1C(=O)O", "OC(=O)c1ccccc1")]
    [InlineData("[NH4+].[Cl-]", "[Cl-].[NH4+]")]
    public void Same_molecule_same_key(string a, string b) =>
        Assert.Equal(SmilesWriter.WriteCanonical(SmilesParser.Parse(a)), SmilesWriter.WriteCanonical(SmilesParser.Parse(b)));

    [Theory]
    [InlineData("CCO", "COC")]
    [InlineData("C[13CH3]", "CC")]
    [InlineData("C[O-]", "CO")]
    [InlineData("C=CC", "CCC")]
    [InlineData("c1ccncc1", "c1ccccc1")]
    public void Different_molecules_different_keys(string a, string b) =>
        Assert.NotEqual(SmilesWriter.WriteCanonical(SmilesParser.Parse(a)), SmilesWriter.WriteCanonical(SmilesParser.Parse(b)));

    [Fact]
    public void Ranking_is_a_permutation()
    {
        var mol = SmilesParser.Parse("CC(C)(C)c1ccc(cc1)C(F)(F)F");
        var rank = CanonicalRanking.Compute(mol);
        Assert.Equal(Enumerable.Range(0, mol.AtomCount), rank.Order());
        Assert.Empty(CanonicalRanking.Compute(new Molecule([], [])));
        Assert.Equal("", SmilesWriter.WriteCanonical(new Molecule([], [])));
    }
}
