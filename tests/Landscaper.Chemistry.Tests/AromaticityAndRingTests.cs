namespace Landscaper.Chemistry.Tests;

/// <summary>
/// Hand-picked molecules that exercise the aromaticity rules, the ring symmetrisation and the scaffold rules.
/// Expected values are RDKit 2022.09's (aromatic atoms, aromatic bonds, CalcNumRings, MurckoScaffoldSmiles).
/// </summary>
public sealed class AromaticityAndRingTests
{
    [Theory]
    [InlineData("c1ccccc1", 6, 6, 1, "c1ccccc1")]
    [InlineData("c1ccncc1", 6, 6, 1, "c1ccncc1")]
    [InlineData("c1cc[nH]c1", 5, 5, 1, "c1cc[nH]c1")]
    [InlineData("c1ccoc1", 5, 5, 1, "c1ccoc1")]
    [InlineData("c1ccsc1", 5, 5, 1, "c1ccsc1")]
    [InlineData("c1c[nH]cn1", 5, 5, 1, "c1c[nH]cn1")]
    [InlineData("O=c1cccc[nH]1", 6, 6, 1, "O=c1cccc[nH]1")]
    [InlineData("O=c1cc[nH]cc1", 6, 6, 1, "O=c1cc[nH]cc1")]
    [InlineData("O=C1C=CC(=O)C=C1", 0, 0, 1, "O=C1C=CC(=O)C=C1")]
    [InlineData("C1C=CC=C1", 0, 0, 1, "C1=CCC=C1")]
    [InlineData("[cH-]1cccc1", 5, 5, 1, "c1cc[cH-]c1")]
    [InlineData("[cH+]1cccccc1", 7, 7, 1, "c1ccc[cH+]cc1")]
    [InlineData("[cH+]1cc1", 3, 3, 1, "c1c[cH+]1")]
    [InlineData("c1ccc2cccc-2cc1", 10, 10, 2, "c1ccc2cccc-2cc1")]
    [InlineData("c1ccc2ccccc2c1", 10, 11, 2, "c1ccc2ccccc2c1")]
    [InlineData("c1ccc2[nH]ccc2c1", 9, 10, 2, "c1ccc2[nH]ccc2c1")]
    [InlineData("c1ncc2nc[nH]c2n1", 9, 10, 2, "c1ncc2nc[nH]c2n1")]
    [InlineData("Cn1cnc2c1c(=O)n(C)c(=O)n2C", 9, 10, 2, "O=c1[nH]c(=O)c2[nH]cnc2[nH]1")]
    [InlineData("O=c1cc[nH]c(=O)[nH]1", 6, 6, 1, "O=c1cc[nH]c(=O)[nH]1")]
    [InlineData("O=C1CC(=O)NC(=O)N1", 0, 0, 1, "O=C1CC(=O)NC(=O)N1")]
    [InlineData("Nc1cc[nH]c(=O)n1", 6, 6, 1, "O=c1nccc[nH]1")]
    [InlineData("O=S1C=CC=C1", 0, 0, 1, "O=S1C=CC=C1")]
    [InlineData("[O-][n+]1ccccc1", 6, 6, 1, "c1cc[nH+]cc1")]
    [InlineData("c1cc[o+]cc1", 6, 6, 1, "c1cc[o+]cc1")]
    [InlineData("C1=CC=CCC1", 0, 0, 1, "C1=CCCC=C1")]
    [InlineData("C1=CC=CC=CC=C1", 0, 0, 1, "C1=CC=CC=CC=C1")]
    [InlineData("C1=CC=CC=CC=CC=CC=CC=CC=C1", 0, 0, 1, "C1=CC=CC=CC=CC=CC=CC=CC=C1")]
    [InlineData("C=C1C=CC=C1", 0, 0, 1, "C=C1C=CC=C1")]
    [InlineData("O=C1C=CC=CC=C1", 7, 7, 1, "O=c1cccccc1")]
    [InlineData("O=C1C=C1", 3, 3, 1, "O=c1cc1")]
    [InlineData("C1=COC=CC1", 0, 0, 1, "C1=COC=CC1")]
    [InlineData("c1nncs1", 5, 5, 1, "c1nncs1")]
    [InlineData("c1nn[nH]n1", 5, 5, 1, "c1nn[nH]n1")]
    [InlineData("c1nocn1", 5, 5, 1, "c1ncon1")]
    [InlineData("N=C1C=CC=CN1", 6, 6, 1, "N=c1cccc[nH]1")]
    [InlineData("S=C1C=CC=CN1", 6, 6, 1, "S=c1cccc[nH]1")]
    [InlineData("C=C1C=CC=CN1", 0, 0, 1, "C=C1C=CC=CN1")]
    [InlineData("C1=C[N+](=O)[C-]C=C1", 0, 0, 1, "O=[N+]1[C-]C=CC=C1")]
    [InlineData("O=C1C=CC(=C)C=C1", 0, 0, 1, "C=C1C=CC(=O)C=C1")]
    [InlineData("c1ccc2c(c1)ccc1ccccc12", 14, 16, 3, "c1ccc2c(c1)ccc1ccccc12")]
    [InlineData("C1=CC2=CC=CC=CC2=C1", 10, 10, 2, "c1ccc2cccc-2cc1")]
    [InlineData("c1cc2ccc3cccc4ccc(c1)c2c34", 16, 19, 4, "c1cc2ccc3cccc4ccc(c1)c2c34")]
    [InlineData("O=C1NC(=O)c2ccccc21", 6, 6, 2, "O=C1NC(=O)c2ccccc21")]
    [InlineData("O=C1C=CC(=O)c2ccccc21", 6, 6, 2, "O=C1C=CC(=O)c2ccccc21")]
    [InlineData("c1ccc(-c2ccccc2)cc1", 12, 12, 2, "c1ccc(-c2ccccc2)cc1")]
    [InlineData("C1CC2CCC1CC2", 0, 0, 3, "C1CC2CCC1CC2")]
    [InlineData("C12C3C4C1C5C2C3C45", 0, 0, 6, "C12C3C4C1C1C2C3C41")]
    [InlineData("C1C2CC3CC1CC(C2)C3", 0, 0, 4, "C1C2CC3CC1CC(C2)C3")]
    [InlineData("[se]1cccc1", 5, 5, 1, "c1cc[se]c1")]
    [InlineData("c1ccc2c(c1)Cc1ccccc1-2", 12, 12, 3, "c1ccc2c(c1)Cc1ccccc1-2")]
    [InlineData("O=c1ccc2ccccc2o1", 10, 11, 2, "O=c1ccc2ccccc2o1")]
    [InlineData("O=C1OC(=O)c2ccccc12", 6, 6, 2, "O=C1OC(=O)c2ccccc21")]
    [InlineData("C1=CC=[N+]C=C1", 0, 0, 1, "C1=CC=[N+]C=C1")]
    [InlineData("O=C1C=CN=CN1", 6, 6, 1, "O=c1ccnc[nH]1")]
    [InlineData("C1=NC=NC=N1", 6, 6, 1, "c1ncncn1")]
    [InlineData("N#CC1=CC=CC=C1", 6, 6, 1, "c1ccccc1")]
    [InlineData("C1=CC=S=C1", 0, 0, 1, "C1=CC=S=C1")]
    // rings sharing two bonds are not fused (porphyrin: macrocycle and pyrroles judged separately); atoms buried in
    // three rings do not count (acepentalene); removing P-Cl side chains makes the phosphazene ring aromatic
    [InlineData("CC1=C2NC(=C1CCC(O)=O)C=C3N=C(C=C4NC(=CC5=NC(=C2)C(=C5C)C=C)C(=C4C)C=C)C(=C3CCC(O)=O)C", 20, 22, 5, "C1=Cc2cc3ccc(cc4nc(cc5ccc(cc1n2)[nH]5)C=C4)[nH]3")]
    [InlineData("O=C1C2=CC=CC=C2C3=CC=C4C5=CC=C6C7=C(C=CC=C7)C(=O)C8=C6C5=C(C=C8)C9=C4C3=C1C=C9", 32, 36, 9, "O=C1c2ccccc2-c2ccc3c4ccc5c6c(ccc(c7ccc1c2c73)c64)C(=O)c1ccccc1-5")]
    [InlineData("ClP1(=NP(=NP(=N1)(Cl)Cl)(Cl)Cl)Cl", 0, 0, 1, "N1=PN=PN=P1")]
    [InlineData("C1=CC2=CC=C3C=CC1=C23", 0, 0, 3, "C1=CC2=C3C1=CC=C3C=C2")]
    [InlineData("c1cc2cc3ccc4cc5ccc1c1c2c3c4c51", 18, 23, 6, "c1cc2cc3ccc4cc5ccc1c1c2c3c4c51")]
    [InlineData("C1=CC2=CC=C3C=CC=C4C=CC(=C1)C2=C34", 16, 19, 4, "c1cc2ccc3cccc4ccc(c1)c2c34")]
    // radicals: allowed on neutral carbon only
    [InlineData("[c]1ccccc1", 6, 6, 1, "[c]1ccccc1")]
    [InlineData("[C-]1C=CC=C1", 0, 0, 1, "[C-]1C=CC=C1")]
    [InlineData("[C-]1C=CC=CC=CC=C1", 0, 0, 1, "[C-]1C=CC=CC=CC=C1")]
    [InlineData("[C-]1=CC=CC=C1", 6, 6, 1, "[c-]1ccccc1")]
    [InlineData("[N-]1C=CC=C1", 5, 5, 1, "c1cc[n-]c1")]
    // drug-like fused systems
    [InlineData("c1ccc2c(c1)[nH]c1ccccc12", 13, 15, 3, "c1ccc2c(c1)[nH]c1ccccc12")]
    [InlineData("O=C1c2ccccc2C(=O)c2ccccc12", 12, 12, 3, "O=C1c2ccccc2C(=O)c2ccccc21")]
    [InlineData("C1=CC=C2C=CC=CC2=C1", 10, 11, 2, "c1ccc2ccccc2c1")]
    [InlineData("Oc1ccc2c(c1)CCC1C2CCC2(C)C(O)CCC12", 6, 6, 4, "c1ccc2c(c1)CCC1C2CCC2CCCC21")]
    [InlineData("CC(=O)Nc1ccc(O)cc1", 6, 6, 1, "c1ccccc1")]
    [InlineData("C=C1C(=O)OC2C1CCC(C)=CCCC1(C)OC21", 0, 0, 3, "C=C1C(=O)OC2C1CCC=CCCC1OC12")]
    [InlineData("c1ccc2c(c1)oc1ccccc12", 13, 15, 3, "c1ccc2c(c1)oc1ccccc12")]
    [InlineData("O=c1c2ccccc2[nH]c2ccccc12", 14, 16, 3, "O=c1c2ccccc2[nH]c2ccccc12")]
    [InlineData("c1ccc2c(c1)sc1ccccc12", 13, 15, 3, "c1ccc2c(c1)sc1ccccc12")]
    [InlineData("N#Cc1ccc(C#N)cc1", 6, 6, 1, "c1ccccc1")]
    // scaffold rules (RDKit): side chains go, exocyclic and linker C=X stay, nitriles and vinyls go
    [InlineData("Cn1cccc1", 5, 5, 1, "c1cc[nH]c1")]
    [InlineData("C1CCCCC1CC(=O)C1CCC1", 0, 0, 2, "O=C(CC1CCCCC1)C1CCC1")]
    [InlineData("C1CCCCC1S(=O)(=O)C1CC1", 0, 0, 2, "O=S(=O)(C1CCCCC1)C1CC1")]
    [InlineData("C1CCCCC1C=C", 0, 0, 1, "C1CCCCC1")]
    [InlineData("C1CC1=CC", 0, 0, 1, "C=C1CC1")]
    [InlineData("c1ccccc1C(=C)C", 6, 6, 1, "c1ccccc1")]
    [InlineData("CCCC", 0, 0, 0, "")]
    public void Aromaticity_rings_and_scaffold_match_rdkit(string smiles, int aromaticAtoms, int aromaticBonds, int rings, string scaffold)
    {
        var m = SmilesParser.Parse(smiles);
        Assert.Equal(aromaticAtoms, m.AromaticAtomCount);
        Assert.Equal(aromaticBonds, m.Bonds.Count(b => b.IsAromatic));
        Assert.Equal(rings, m.Rings.Count);
        string expected = scaffold.Length == 0 ? "" : SmilesWriter.WriteCanonical(SmilesParser.Parse(scaffold));
        Assert.Equal(expected, MurckoScaffold.Key(m));
    }

    [Fact]
    public void Ring_info_of_a_fused_and_a_bridged_system()
    {
        var naphthalene = SmilesParser.Parse("c1ccc2ccccc2c1");
        Assert.Equal(2, naphthalene.Rings.CyclomaticNumber);
        Assert.All(naphthalene.Rings.AtomRings, r => Assert.Equal(6, r.Count));
        Assert.Equal(2, naphthalene.Rings.AtomRingCount(3)); // fusion atom
        // norbornane: SSSR is one 5-ring + one 5-ring; the 6-ring is not added
        var norbornane = SmilesParser.Parse("C1CC2CCC1C2");
        Assert.Equal(2, norbornane.Rings.Count);
        Assert.Equal(new[] { 5, 5 }, norbornane.Rings.AtomRings.Select(r => r.Count).Order());
        // cubane: cyclomatic number 5, symmetrised to all 6 faces
        var cubane = SmilesParser.Parse("C12C3C4C1C5C2C3C45");
        Assert.Equal(5, cubane.Rings.CyclomaticNumber);
        Assert.Equal(6, cubane.Rings.Count);
        // a chain is not in a ring, a bridge between rings neither
        var biphenyl = SmilesParser.Parse("c1ccccc1-c1ccccc1");
        int bridge = biphenyl.BondBetween(5, 6);
        Assert.False(biphenyl.Rings.IsBondInRing(bridge));
        Assert.True(biphenyl.Rings.IsAtomInRing(5));
    }

    [Fact]
    public void Aromaticity_needs_a_kekule_structure()
    {
        var mol = new Molecule([new Atom(Element.C), new Atom(Element.C)], [new Bond(0, 1, BondOrder.Aromatic)]);
        Assert.Throws<ArgumentException>(() => Aromaticity.Perceive(mol));
    }
}
