namespace Landscaper.Chemistry.Tests;

public sealed class MolecularDatasetTests
{
    private static readonly Lazy<MolecularDataset> Data = new(() => MolecularDataset.Load(RepoData.MoleculesDir));

    [Fact]
    public void Loads_every_molecule_with_labels_and_3d_coordinates()
    {
        var data = Data.Value;
        Assert.Equal(RepoData.ReadCsv(RepoData.File("molecules.csv")).Count, data.Count);
        Assert.True(data.Count >= 2000);
        Assert.Equal(data.Count, data.Select(r => r.Id).Distinct().Count());
        Assert.Equal(MolecularDataset.FindDataDirectory(), RepoData.MoleculesDir);
        string[] allowed = ["H", "C", "N", "O", "F", "S", "Cl"];
        foreach (var r in data)
        {
            var m = r.Molecule;
            Assert.NotNull(m.Coordinates);
            Assert.All(m.Atoms, a => Assert.Contains(a.Element.Symbol, allowed));
            Assert.True(m.HeavyAtomCount <= 20, r.Id);
            Assert.Equal(0, m.FormalChargeSum);
            Assert.Single(m.Fragments());
            // explicit hydrogens: every H is a graph atom, no implicit H left anywhere
            Assert.All(m.Atoms, a => Assert.Equal(0, a.TotalHydrogenCount));
            // 3-D and chemically sane: bonded atoms 0.9–2.3 Å apart (S–S, S–Cl are ≈ 2.05 Å), not all in one plane for >3 heavy atoms
            foreach (var b in m.Bonds)
            {
                double d = m.Coordinates![b.Begin].DistanceTo(m.Coordinates[b.End]);
                Assert.InRange(d, 0.9, 2.3);
            }
            Assert.Equal(MolecularDataset.LabelNames.Count, r.Labels.Count);
            Assert.True(r.Labels["homo_lumo_gap_ev"] > 0, r.Id);
            Assert.True(r.Labels["dipole_debye"] >= 0, r.Id);
            Assert.True(r.Labels["energy_hartree"] < 0, r.Id);
            Assert.True(r.Labels["tpsa"] >= 0, r.Id);
        }
        Assert.Contains(data, r => r.Molecule.Coordinates!.Any(p => Math.Abs(p.Z) > 0.5));
        Assert.Equal(data.Select(r => r.Labels["logp"]), data.Label("logp"));
    }

    [Fact]
    public void Sdf_molecules_are_the_input_smiles()
    {
        // the 3-D records were written by RDKit from the input SMILES: same graph, same aromaticity, same scaffold
        foreach (var r in Data.Value)
        {
            var fromSdf = r.Molecule.WithoutHydrogens();
            var fromSmiles = SmilesParser.Parse(r.Smiles);
            Assert.Equal(fromSmiles.HeavyAtomCount, fromSdf.HeavyAtomCount);
            Assert.Equal(fromSmiles.TotalHydrogenCount, fromSdf.TotalHydrogenCount);
            Assert.Equal(fromSmiles.TotalHydrogenCount, r.Molecule.AtomCount - r.Molecule.HeavyAtomCount);
            Assert.Equal(SmilesWriter.WriteCanonical(fromSmiles), SmilesWriter.WriteCanonical(fromSdf));
            Assert.Equal(MurckoScaffold.Key(fromSmiles), MurckoScaffold.Key(r.Molecule));
        }
    }

    [Fact]
    public void Scaffold_groups_partition_the_data_set()
    {
        var data = Data.Value;
        var groups = data.ScaffoldGroups;
        Assert.Equal(data.Count, groups.Groups.Sum(g => g.Members.Count));
        Assert.Equal(Enumerable.Range(0, data.Count), groups.Groups.SelectMany(g => g.Members).Order());
        Assert.True(groups.Groups.Count > 500, $"{groups.Groups.Count} groups");
        for (int i = 0; i < data.Count; i++)
            Assert.Equal(groups.Keys[i], groups.Groups[groups.GroupOf(i)].Key);
        // largest first; acyclic molecules share the empty key
        Assert.True(groups.Groups.Zip(groups.Groups.Skip(1)).All(p => p.First.Members.Count >= p.Second.Members.Count));
        var acyclic = groups.Groups.Single(g => g.Key == "");
        Assert.All(acyclic.Members, i => Assert.Equal(0, data[i].Molecule.Rings.Count));
        // the RDKit oracle's grouping agrees (checked molecule by molecule in RdkitOracleTests); here: same group count
        var oracle = RepoData.ReadCsv(RepoData.File("rdkit-oracle.csv"));
        Assert.Equal(oracle.Select(r => r["scaffold"]).Distinct().Count(), groups.Groups.Count);
    }

    [Fact]
    public void Loading_fails_loudly_when_csv_and_sdf_disagree()
    {
        string dir = Directory.CreateTempSubdirectory("dataset-test").FullName;
        try
        {
            File.Copy(RepoData.File(MolecularDataset.SdfFileName), Path.Combine(dir, MolecularDataset.SdfFileName));
            var lines = File.ReadAllLines(RepoData.File(MolecularDataset.CsvFileName));
            var cells = lines[5].Split(',');
            cells[2] = "999.99"; // tpsa of the 5th molecule
            lines[5] = string.Join(',', cells);
            File.WriteAllLines(Path.Combine(dir, MolecularDataset.CsvFileName), lines);
            var e = Assert.Throws<InvalidDataException>(() => MolecularDataset.Load(dir));
            Assert.Contains("line 6: tpsa = 999.99", e.Message, StringComparison.Ordinal);

            File.WriteAllLines(Path.Combine(dir, MolecularDataset.CsvFileName), lines.Take(10));
            Assert.Throws<InvalidDataException>(() => MolecularDataset.Load(dir));

            File.Delete(Path.Combine(dir, MolecularDataset.CsvFileName));
            Assert.Throws<FileNotFoundException>(() => MolecularDataset.Load(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
