namespace Landscaper.Chemistry.Tests;

public sealed class SmilesParserTests
{
    [Theory]
    [InlineData("CCC1CC", 3, "unclosed ring 1 opened at position 3")]
    [InlineData("CCCCCCC)", 7, "unexpected ')' at position 7")]
    [InlineData("C%12CC", 1, "unclosed ring %12 opened at position 1")]
    [InlineData("CC(C", 2, "unclosed branch '(' opened at position 2")]
    [InlineData("(C)C", 0, "unexpected '(' at position 0")]
    [InlineData("CC()C", 2, "empty branch: '(' at position 2")]
    [InlineData("C[CH3", 1, "unclosed bracket atom '[' opened at position 1")]
    [InlineData("C[CH3+x]", 6, "expected ']' at position 6")]
    [InlineData("C[Xy]", 2, "unknown element 'Xy' at position 2")]
    [InlineData("CC=", 2, "bond symbol '=' at position 2 is not followed by an atom")]
    [InlineData("C=#C", 2, "two bond symbols in a row")]
    [InlineData("=CC", 0, "bond symbol '=' at position 0 must follow an atom")]
    [InlineData("1CC1", 0, "ring-closure number at position 0 must follow an atom")]
    [InlineData("C%1C", 1, "'%' at position 1 must be followed by two digits")]
    [InlineData("C11", 2, "ring closure 1 at position 2 bonds the atom to itself")]
    [InlineData("C12CC12", 6, "ring closure 2 at position 6 duplicates an existing bond")]
    [InlineData("C=1CCC#1", 6, "conflicting bond symbols for ring 1")]
    [InlineData("C..C", 2, "unexpected '.' at position 2")]
    [InlineData("C(.C)C", 2, "unexpected '.' at position 2 inside the branch")]
    [InlineData("CCX", 2, "'X' at position 2 is not an organic-subset atom")]
    [InlineData("CC C", 2, "unexpected whitespace at position 2")]
    [InlineData("C?C", 1, "unexpected character '?' at position 1")]
    [InlineData("C*C", 1, "wildcard atom '*' at position 1")]
    [InlineData("", 0, "empty SMILES")]
    [InlineData("Cc", 1, "aromatic atom 'c' at position 1 is not in a ring")]
    [InlineData("c1ccnc1", 0, "cannot kekulize")]
    [InlineData("[C@TH3](F)(Cl)Br", 2, "chirality '@TH3' at position 2 is out of range 1..2")]
    [InlineData("C[C:]", 3, "atom class ':' at position 3 must be followed by digits")]
    public void Invalid_smiles_report_position_and_reason(string smiles, int position, string reason)
    {
        var e = Assert.Throws<SmilesException>(() => SmilesParser.Parse(smiles));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(position, e.Position);
        Assert.Equal(smiles, e.Smiles);
    }

    [Fact]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        Assert.False(SmilesParser.TryParse("C1CC", out var mol, out var error));
        Assert.Null(mol);
        Assert.Equal(1, error!.Position);
        Assert.True(SmilesParser.TryParse("C1CC1", out mol, out error));
        Assert.Equal(3, mol!.AtomCount);
        Assert.Null(error);
    }

    [Fact]
    public void Percent_ring_closures_and_digit_reuse()
    {
        var a = SmilesParser.Parse("C%10CCCCC%10");
        var b = SmilesParser.Parse("C1CCCCC1");
        Assert.Equal(6, a.BondCount);
        Assert.Equal(1, a.Rings.Count);
        Assert.Equal(SmilesWriter.WriteCanonical(b), SmilesWriter.WriteCanonical(a));
        // digit 1 reused for a second ring after it was closed: bicyclohexyl
        var c = SmilesParser.Parse("C1CCCCC1C1CCCCC1");
        Assert.Equal(2, c.Rings.Count);
        Assert.Equal(13, c.BondCount);
        // %99 and a ring-closure bond symbol on the opening side
        var d = SmilesParser.Parse("C=%99CCCC%99");
        Assert.Equal(BondOrder.Double, d.Bonds[d.BondBetween(0, 4)].Order);
    }

    [Fact]
    public void Bracket_atoms_keep_isotope_charge_hydrogens_class_and_chirality()
    {
        var m = SmilesParser.Parse("[13CH3:7][N+](C)(C)[O-].[2H][C@@H](F)Cl.[Fe+2].[NH4+].[O--].[Co+3].[Zn++]");
        var c13 = m.Atoms[0];
        Assert.Equal(6, c13.Element.AtomicNumber);
        Assert.Equal(13, c13.Isotope);
        Assert.Equal(3, c13.ExplicitHydrogenCount);
        Assert.Equal(0, c13.ImplicitHydrogenCount);
        Assert.Equal(7, c13.AtomMap);
        Assert.True(c13.IsBracketAtom);
        Assert.Equal(1, m.Atoms[1].FormalCharge);
        Assert.Equal(-1, m.Atoms[4].FormalCharge);
        var deuterium = m.Atoms[5];
        Assert.Equal(1, deuterium.Element.AtomicNumber);
        Assert.Equal(2, deuterium.Isotope);
        Assert.Equal("@@", m.Atoms[6].Chirality);
        Assert.Equal(1, m.Atoms[6].ExplicitHydrogenCount);
        Assert.Equal(2, m.Atoms[9].FormalCharge);
        Assert.Equal("Fe", m.Atoms[9].Element.Symbol);
        Assert.Equal(4, m.Atoms[10].ExplicitHydrogenCount);
        Assert.Equal(1, m.Atoms[10].FormalCharge);
        Assert.Equal(-2, m.Atoms[11].FormalCharge);
        Assert.Equal(3, m.Atoms[12].FormalCharge);
        Assert.Equal(2, m.Atoms[13].FormalCharge);
        Assert.Equal(7, m.Fragments().Count);
        Assert.Equal(1 - 1 + 2 + 1 - 2 + 3 + 2, m.FormalChargeSum);
    }

    [Theory]
    [InlineData("[C@](F)(Cl)(Br)I", "@")]
    [InlineData("[C@@H](F)(Cl)Br", "@@")]
    [InlineData("[C@TH1](F)(Cl)(Br)I", "@TH1")]
    [InlineData("[C@TH2](F)(Cl)(Br)I", "@TH2")]
    [InlineData("F[Po@SP1](Cl)(Br)I", "@SP1")]
    [InlineData("S[As@TB15](F)(Cl)(Br)N", "@TB15")]
    [InlineData("C[Co@OH25](F)(Cl)(Br)(I)S", "@OH25")]
    [InlineData("NC(Br)=[C@AL1]=C(O)C", "@AL1")]
    public void Chirality_marks_are_kept_verbatim(string smiles, string mark)
    {
        var m = SmilesParser.Parse(smiles);
        Assert.Equal(mark, m.Atoms.Single(a => a.Chirality is not null).Chirality);
    }

    [Fact]
    public void Directional_bond_marks_are_kept_on_the_bond()
    {
        var m = SmilesParser.Parse(@"F/C=C\F");
        Assert.Equal(BondStereo.Up, m.Bonds[0].Stereo);
        Assert.Equal(BondOrder.Double, m.Bonds[1].Order);
        Assert.Equal(BondStereo.Down, m.Bonds[2].Stereo);
        Assert.All(m.Bonds, b => Assert.True(b.Order != BondOrder.Single || b.Stereo != BondStereo.None));
        // on a ring-closure bond
        var r = SmilesParser.Parse(@"C/1=C/CCCCCC\1");
        Assert.Equal(2, r.Bonds.Count(b => b.Stereo == BondStereo.Up) + r.Bonds.Count(b => b.Stereo == BondStereo.Down));
    }

    [Theory]
    [InlineData("c1ccccc1", 6, 6, 6)]
    [InlineData("c1cc[nH]c1", 5, 5, 5)]
    [InlineData("c1ccncc1", 6, 6, 5)]
    [InlineData("c1ccoc1", 5, 5, 4)]
    [InlineData("c1ccsc1", 5, 5, 4)]
    [InlineData("Cc1ccccc1", 7, 6, 8)]
    [InlineData("c1ccc2ccccc2c1", 10, 10, 8)]
    [InlineData("O=c1cccc[nH]1", 7, 6, 5)]
    [InlineData("c1cn2ccccc2c1", 9, 9, 7)] // indolizine: bridgehead n with three aromatic bonds, no H
    [InlineData("C[n+]1ccccc1", 7, 6, 8)]
    public void Lowercase_aromatic_input_gets_hydrogens_and_a_kekule_structure(string smiles, int atoms, int aromatic, int hydrogens)
    {
        var m = SmilesParser.Parse(smiles);
        Assert.Equal(atoms, m.AtomCount);
        Assert.Equal(aromatic, m.AromaticAtomCount);
        Assert.Equal(hydrogens, m.TotalHydrogenCount);
        // every atom has a consistent Kekulé valence: each aromatic ring carbon has exactly one double bond
        for (int i = 0; i < m.AtomCount; i++)
            if (m.Atoms[i].IsAromatic && m.Atoms[i].Element == Element.C && !m.Atoms[i].IsBracketAtom)
                Assert.Equal(4, m.ExplicitValence(i) + m.Atoms[i].ImplicitHydrogenCount);
    }

    [Fact]
    public void Kekule_and_aromatic_spellings_of_benzene_parse_to_the_same_molecule()
    {
        var a = SmilesParser.Parse("C1=CC=CC=C1");
        var b = SmilesParser.Parse("c1ccccc1");
        var c = SmilesParser.Parse("c:1:c:c:c:c:c1");
        Assert.Equal(6, a.AromaticAtomCount);
        Assert.Equal(SmilesWriter.WriteCanonical(a), SmilesWriter.WriteCanonical(b));
        Assert.Equal(SmilesWriter.WriteCanonical(a), SmilesWriter.WriteCanonical(c));
        Assert.Equal("c1ccccc1", SmilesWriter.WriteCanonical(a));
    }

    [Fact]
    public void Written_aromaticity_can_be_kept()
    {
        // cyclooctatetraene written aromatic: perception says not aromatic, the written flags stay when asked
        var perceived = SmilesParser.Parse("c1ccccccc1");
        var asWritten = SmilesParser.Parse("c1ccccccc1", perceiveAromaticity: false);
        Assert.Equal(0, perceived.AromaticAtomCount);
        Assert.Equal(8, asWritten.AromaticAtomCount);
        Assert.All(asWritten.Bonds, b => Assert.True(b.KekuleOrder is 1 or 2));
        Assert.Equal(4, asWritten.Bonds.Count(b => b.KekuleOrder == 2));
    }

    [Theory]
    [InlineData("C", 4)]
    [InlineData("N", 3)]
    [InlineData("O", 2)]
    [InlineData("S", 2)]
    [InlineData("P", 3)]
    [InlineData("B", 3)]
    [InlineData("F", 1)]
    [InlineData("Cl", 1)]
    [InlineData("Br", 1)]
    [InlineData("I", 1)]
    [InlineData("CS(=O)C", 6)]   // S valence 4: no H on S
    [InlineData("CS(=O)(=O)C", 6)] // S valence 6
    [InlineData("CP(=O)(C)C", 9)] // P valence 5
    [InlineData("CN(=O)=O", 3)]   // pentavalent N: smallest fitting valence 5, no H
    [InlineData("C(C)(C)(C)(C)C", 15)] // five bonds exceed every carbon valence: no H, no error
    [InlineData("[CH4]", 4)]
    [InlineData("[C]", 0)]
    [InlineData("[OH-]", 1)]
    public void Implicit_hydrogens_follow_the_default_valences(string smiles, int hydrogens)
    {
        Assert.Equal(hydrogens, SmilesParser.Parse(smiles).TotalHydrogenCount);
    }

    [Fact]
    public void Bracket_atoms_below_their_valence_are_radicals()
    {
        Assert.Equal(2, SmilesParser.Parse("[C](C)C").Atoms[0].RadicalElectrons);
        Assert.Equal(1, SmilesParser.Parse("C[O]").Atoms[1].RadicalElectrons);
        Assert.Equal(0, SmilesParser.Parse("C[CH2]C").Atoms[1].RadicalElectrons);
        Assert.Equal(1, SmilesParser.Parse("C[CH]C").Atoms[1].RadicalElectrons is > 0 ? 1 : 0);
        Assert.Equal(0, SmilesParser.Parse("C[N+](=O)[O-]").Atoms.Sum(a => a.RadicalElectrons));
    }

    [Fact]
    public void Explicit_hydrogen_atoms_stay_atoms_and_fold_into_counts()
    {
        var m = SmilesParser.Parse("[H]C([H])([H])O");
        Assert.Equal(5, m.AtomCount);
        Assert.Equal(2, m.HeavyAtomCount);
        Assert.Equal(1, m.HeavyBondCount);
        Assert.Equal(4, m.TotalHydrogenCount);
        var folded = m.WithoutHydrogens();
        Assert.Equal(2, folded.AtomCount);
        Assert.Equal(3, folded.Atoms[0].TotalHydrogenCount);
        Assert.Equal(SmilesWriter.WriteCanonical(SmilesParser.Parse("CO")), SmilesWriter.WriteCanonical(folded));
    }
}
