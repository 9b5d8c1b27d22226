using Landscaper.Chemistry;
using Landscaper.Models.Graphs;
using Landscaper.Molecules;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Tests.Molecules;

[Collection("torch-serial")]
public class MolecularGraphsTests
{
    public MolecularGraphsTests() => TorchRuntime.Initialize(threads: 1);

    [Fact]
    public void Encodings_keep_the_documented_atoms_features_and_edges()
    {
        var record = MoleculeData.Dataset[0];   // nci5k-0001, 2-methyl-1,4-benzoquinone: C7H6O2
        var m = record.Molecule;
        Assert.Equal(15, m.AtomCount);
        var heavy = MolecularGraphs.Encode(m, MolecularGraphEncoding.HeavyAtomGraph);
        Assert.Equal(9, heavy.NodeCount);
        Assert.Equal(2 * 9, heavy.EdgeCount);                // 9 ring + substituent bonds, both directions
        Assert.Equal(31, heavy.NodeFeatureCount);
        Assert.Equal(6, heavy.EdgeFeatureCount);
        for (int e = 0; e < heavy.EdgeCount; e += 2)
        {
            Assert.Equal(heavy.Sources[e], heavy.Targets[e + 1]);
            Assert.Equal(heavy.Targets[e], heavy.Sources[e + 1]);
        }
        var all = MolecularGraphs.Encode(m, MolecularGraphEncoding.AllAtomGeometry);
        Assert.Equal(15, all.NodeCount);
        Assert.Equal(0, all.EdgeCount);
        Assert.Equal(13, all.NodeFeatureCount);
        Assert.Equal(6, Enumerable.Range(0, 15).Count(i => all.NodeFeatures[i * 13 + 0] == 1));   // six H
        var united = MolecularGraphs.Encode(m, MolecularGraphEncoding.HeavyAtomGeometry);
        Assert.Equal(9, united.NodeCount);
        Assert.Equal(18, united.NodeFeatureCount);
        // Hydrogen-count one-hot sums to the molecule's 6 hydrogens: the methyl carbon has 3, three ring CH have 1.
        int hydrogens = Enumerable.Range(0, 9).Sum(i => Enumerable.Range(0, 5).Sum(k => k * (int)united.NodeFeatures[i * 18 + 13 + k]));
        Assert.Equal(6, hydrogens);
        // Heavy-atom positions are the conformer's.
        var heavyIndices = Enumerable.Range(0, m.AtomCount).Where(i => !m.Atoms[i].IsHydrogen).ToArray();
        for (int i = 0; i < 9; i++) Assert.Equal((float)m.Coordinates![heavyIndices[i]].X, united.Positions[3 * i]);
    }

    [Fact]
    public void Every_molecule_encodes_and_packs()
    {
        var data = MoleculeData.Dataset;
        foreach (var encoding in Enum.GetValues<MolecularGraphEncoding>())
        {
            var graphs = MolecularGraphs.EncodeAll(data, encoding);
            Assert.Equal(data.Count, graphs.Count);
            Assert.All(graphs, g => Assert.Equal(MolecularGraphs.NodeFeatureCount(encoding), g.NodeFeatureCount));
            var batches = MolecularBatches.Make(graphs, Enumerable.Repeat(0.0, graphs.Count).ToArray(), Enumerable.Range(0, graphs.Count).ToArray(), 512, 1);
            Assert.Equal((data.Count + 511) / 512, batches.Count);
            Assert.Equal(data.Count, batches.Sum(b => b.Size));
            foreach (var b in batches) using (GraphBatch.Unpack(b.Input)) { }
        }
    }

    [Fact]
    public void Batches_follow_the_seeded_order_and_carry_the_given_targets()
    {
        var graphs = MolecularGraphs.EncodeAll(MoleculeData.Dataset.Take(40).ToArray(), MolecularGraphEncoding.HeavyAtomGraph);
        var targets = Enumerable.Range(0, 40).Select(i => i * 0.5).ToArray();
        int[] indices = [3, 7, 11, 19, 23, 31, 38];
        var plain = MolecularBatches.Make(graphs, targets, indices, 3, null, ScalarType.Float64);
        Assert.Equal([3, 3, 1], plain.Select(b => (int)b.Size));
        Assert.Equal(indices.Select(i => i * 0.5), plain.SelectMany(b => b.Target.data<double>().ToArray()));
        var shuffled = MolecularBatches.Make(graphs, targets, indices, 3, 5, ScalarType.Float64).SelectMany(b => b.Target.data<double>().ToArray()).ToArray();
        Assert.Equal(indices.Select(i => i * 0.5).Order(), shuffled.Order());
        Assert.NotEqual(indices.Select(i => i * 0.5), shuffled);
        Assert.Throws<ArgumentException>(() => MolecularBatches.Make(graphs, targets, [40], 3, null));
    }
}
