namespace Landscaper.Chemistry.Tests;

public sealed class FeaturizerTests
{
    private static int Index(IReadOnlyList<string> names, string name)
    {
        int i = names.ToList().IndexOf(name);
        Assert.True(i >= 0, $"no feature '{name}'");
        return i;
    }

    [Fact]
    public void Layout_matches_the_names_and_one_hot_groups_sum_to_one()
    {
        Assert.Equal(31, AtomFeaturizer.FeatureCount);
        Assert.Equal(6, BondFeaturizer.FeatureCount);
        Assert.Equal(AtomFeaturizer.FeatureCount, AtomFeaturizer.FeatureNames.Distinct().Count());
        var names = AtomFeaturizer.FeatureNames;
        foreach (var smiles in new[] { "CC(=O)Nc1ccc(O)cc1", "C#N", "[NH4+]", "O=S(=O)(O)c1ccc(Br)cc1", "[Na+].[Cl-]", "[2H]C" })
        {
            var mol = SmilesParser.Parse(smiles);
            var rows = AtomFeaturizer.Featurize(mol);
            Assert.Equal(mol.AtomCount, rows.Length);
            foreach (var f in rows)
            {
                Assert.Equal(AtomFeaturizer.FeatureCount, f.Length);
                foreach (var prefix in new[] { "element=", "degree=", "hydrogens=", "hybridization=" })
                    Assert.Equal(1f, names.Select((n, i) => (n, i)).Where(x => x.n.StartsWith(prefix, StringComparison.Ordinal)).Sum(x => f[x.i]));
            }
            foreach (var f in BondFeaturizer.Featurize(mol))
                Assert.Equal(1f, f[0] + f[1] + f[2] + f[3]);
        }
    }

    [Fact]
    public void Atom_features_of_paracetamol()
    {
        var mol = SmilesParser.Parse("CC(=O)Nc1ccc(O)cc1");
        var names = AtomFeaturizer.FeatureNames;
        var carbonyl = AtomFeaturizer.Featurize(mol, 1);
        Assert.Equal(1f, carbonyl[Index(names, "element=C")]);
        Assert.Equal(1f, carbonyl[Index(names, "degree=3")]);
        Assert.Equal(1f, carbonyl[Index(names, "hydrogens=0")]);
        Assert.Equal(1f, carbonyl[Index(names, "hybridization=sp2")]);
        Assert.Equal(0f, carbonyl[Index(names, "aromatic")]);
        Assert.Equal(0f, carbonyl[Index(names, "in_ring")]);
        var methyl = AtomFeaturizer.Featurize(mol, 0);
        Assert.Equal(1f, methyl[Index(names, "hydrogens=3")]);
        Assert.Equal(1f, methyl[Index(names, "hybridization=sp3")]);
        var ringC = AtomFeaturizer.Featurize(mol, 5);
        Assert.Equal(1f, ringC[Index(names, "aromatic")]);
        Assert.Equal(1f, ringC[Index(names, "in_ring")]);
        Assert.Equal(1f, ringC[Index(names, "hybridization=sp2")]);
        var nitrile = AtomFeaturizer.Featurize(SmilesParser.Parse("CC#N"), 1);
        Assert.Equal(1f, nitrile[Index(names, "hybridization=sp")]);
        var ammonium = AtomFeaturizer.Featurize(SmilesParser.Parse("[NH4+]"), 0);
        Assert.Equal(1f, ammonium[Index(names, "formal_charge")]);
        Assert.Equal(1f, ammonium[Index(names, "hydrogens=>=4")]);
        var sodium = AtomFeaturizer.Featurize(SmilesParser.Parse("[Na+]"), 0);
        Assert.Equal(1f, sodium[Index(names, "element=other")]);
        Assert.Equal(1f, sodium[Index(names, "hybridization=other")]);
    }

    [Theory]
    [InlineData("c1ccccc1", 0, 1, "type=aromatic", true, true)]
    [InlineData("C=CC=C", 1, 2, "type=single", true, false)]   // butadiene central bond
    [InlineData("C=CC=C", 0, 1, "type=double", true, false)]
    [InlineData("CC", 0, 1, "type=single", false, false)]
    [InlineData("CC=C", 0, 1, "type=single", false, false)]    // allylic C-C: sp3 end
    [InlineData("CC(=O)N", 1, 3, "type=single", true, false)]  // amide C-N
    [InlineData("CC(=O)N", 1, 2, "type=double", true, false)]
    [InlineData("C1CCCCC1", 0, 1, "type=single", false, true)]
    [InlineData("C#CC#C", 1, 2, "type=single", true, false)]
    public void Bond_features(string smiles, int a, int b, string type, bool conjugated, bool inRing)
    {
        var mol = SmilesParser.Parse(smiles);
        int bond = mol.BondBetween(a, b);
        var f = BondFeaturizer.Featurize(mol, bond);
        var names = BondFeaturizer.FeatureNames;
        Assert.Equal(1f, f[Index(names, type)]);
        Assert.Equal(conjugated ? 1f : 0f, f[Index(names, "conjugated")]);
        Assert.Equal(inRing ? 1f : 0f, f[Index(names, "in_ring")]);
    }

    [Fact]
    public void Featurises_the_heavy_atom_graph_of_3d_records_like_the_smiles()
    {
        var data = MolecularDataset.Load(RepoData.MoleculesDir);
        foreach (var r in data.Take(200))
        {
            var a = AtomFeaturizer.Featurize(r.Molecule.WithoutHydrogens());
            var b = AtomFeaturizer.Featurize(SmilesParser.Parse(r.Smiles));
            // same multiset of atom feature rows (atom order may differ between SDF and SMILES)
            Assert.Equal(b.Select(x => string.Join(",", x)).Order(), a.Select(x => string.Join(",", x)).Order());
        }
    }
}
