namespace Landscaper.Chemistry;

/// <summary>One molecule of the data set.</summary>
/// <param name="Id">Identifier, e.g. "nci5k-0001" (the input row; see data/molecules/README.md).</param>
/// <param name="Smiles">The input SMILES, verbatim.</param>
/// <param name="Molecule">The molecule with explicit hydrogen atoms and 3-D coordinates (Å); use
/// <see cref="Molecule.WithoutHydrogens"/> for the heavy-atom graph (coordinates kept).</param>
/// <param name="Labels">Label name → value; see <see cref="MolecularDataset.LabelNames"/> for names and units.</param>
public sealed record MoleculeRecord(string Id, string Smiles, Molecule Molecule, IReadOnlyDictionary<string, double> Labels);
