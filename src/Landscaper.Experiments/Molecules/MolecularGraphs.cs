using Landscaper.Chemistry;
using Landscaper.Models.Graphs;

namespace Landscaper.Molecules;

/// <summary>Molecules of <see cref="MolecularDataset"/> as <see cref="GraphData"/> for the graph models (see
/// <see cref="MolecularGraphEncoding"/> for what each encoding keeps).</summary>
public static class MolecularGraphs
{
    /// <summary>Element one-hot columns of <see cref="AtomFeaturizer"/> used by <see cref="MolecularGraphEncoding.AllAtomGeometry"/>.</summary>
    public const int ElementFeatures = 13;

    /// <summary>First hydrogen-count one-hot column of <see cref="AtomFeaturizer"/> (columns 20–24), used by
    /// <see cref="MolecularGraphEncoding.HeavyAtomGeometry"/>.</summary>
    public const int HydrogenCountColumn = 20;

    /// <summary>Hydrogen-count one-hot columns (0, 1, 2, 3, ≥4).</summary>
    public const int HydrogenCountFeatures = 5;

    /// <summary>Node features of an encoding (31, 13 or 18).</summary>
    public static int NodeFeatureCount(MolecularGraphEncoding encoding) => encoding switch
    {
        MolecularGraphEncoding.HeavyAtomGraph => AtomFeaturizer.FeatureCount,
        MolecularGraphEncoding.AllAtomGeometry => ElementFeatures,
        MolecularGraphEncoding.HeavyAtomGeometry => ElementFeatures + HydrogenCountFeatures,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown encoding."),
    };

    /// <summary>Edge features of an encoding (6 or 0).</summary>
    public static int EdgeFeatureCount(MolecularGraphEncoding encoding) => encoding switch
    {
        MolecularGraphEncoding.HeavyAtomGraph => BondFeaturizer.FeatureCount,
        MolecularGraphEncoding.AllAtomGeometry or MolecularGraphEncoding.HeavyAtomGeometry => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown encoding."),
    };

    /// <summary>The graph of <paramref name="molecule"/> in <paramref name="encoding"/>.</summary>
    /// <param name="molecule">A molecule with 3-D coordinates (Å), as loaded by <see cref="MolecularDataset"/> (explicit H).</param>
    /// <param name="encoding">Which graph to build.</param>
    /// <exception cref="ArgumentException">The molecule has no coordinates or no (heavy) atoms.</exception>
    public static GraphData Encode(Molecule molecule, MolecularGraphEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(molecule);
        if (molecule.Coordinates is null) throw new ArgumentException("The molecule has no 3-D coordinates.", nameof(molecule));
        switch (encoding)
        {
            case MolecularGraphEncoding.HeavyAtomGraph:
            {
                var heavy = molecule.WithoutHydrogens();
                if (heavy.AtomCount == 0) throw new ArgumentException("The molecule has no heavy atoms.", nameof(molecule));
                var edges = new List<(int, int)>(2 * heavy.BondCount);
                var edgeFeatures = new List<float[]>(2 * heavy.BondCount);
                for (int b = 0; b < heavy.BondCount; b++)
                {
                    var f = BondFeaturizer.Featurize(heavy, b);
                    edges.Add((heavy.Bonds[b].Begin, heavy.Bonds[b].End));
                    edgeFeatures.Add(f);
                    edges.Add((heavy.Bonds[b].End, heavy.Bonds[b].Begin));
                    edgeFeatures.Add(f);
                }
                return new GraphData(AtomFeaturizer.Featurize(heavy), Positions(heavy), edges, edgeFeatures, BondFeaturizer.FeatureCount);
            }
            case MolecularGraphEncoding.AllAtomGeometry:
            {
                if (molecule.AtomCount == 0) throw new ArgumentException("The molecule has no atoms.", nameof(molecule));
                var features = AtomFeaturizer.Featurize(molecule).Select(f => f[..ElementFeatures]).ToArray();
                return new GraphData(features, Positions(molecule), []);
            }
            case MolecularGraphEncoding.HeavyAtomGeometry:
            {
                var heavy = molecule.WithoutHydrogens();
                if (heavy.AtomCount == 0) throw new ArgumentException("The molecule has no heavy atoms.", nameof(molecule));
                var features = AtomFeaturizer.Featurize(heavy)
                    .Select(f => (float[])[.. f[..ElementFeatures], .. f[HydrogenCountColumn..(HydrogenCountColumn + HydrogenCountFeatures)]]).ToArray();
                return new GraphData(features, Positions(heavy), []);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown encoding.");
        }
    }

    /// <summary>Encodes every record of <paramref name="records"/> (index-aligned).</summary>
    public static IReadOnlyList<GraphData> EncodeAll(IReadOnlyList<MoleculeRecord> records, MolecularGraphEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(records);
        var result = new GraphData[records.Count];
        for (int i = 0; i < records.Count; i++) result[i] = Encode(records[i].Molecule, encoding);
        return result;
    }

    private static (double, double, double)[] Positions(Molecule m) =>
        m.Coordinates!.Select(p => (p.X, p.Y, p.Z)).ToArray();
}
