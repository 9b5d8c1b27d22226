namespace Landscaper.Molecules;

/// <summary>How a molecule becomes a graph for <see cref="MolecularGraphs.Encode"/>.</summary>
public enum MolecularGraphEncoding
{
    /// <summary>
    /// The hydrogen-suppressed 2-D graph (for <see cref="Models.Graphs.GinModel"/>): heavy atoms only (hydrogens become the
    /// atom's hydrogen-count feature), the 31 <see cref="Chemistry.AtomFeaturizer"/> features per atom, every bond as two
    /// directed edges with the 6 <see cref="Chemistry.BondFeaturizer"/> features, heavy-atom coordinates as positions.
    /// </summary>
    HeavyAtomGraph,

    /// <summary>
    /// All atoms of the 3-D conformer, explicit hydrogens included (for <see cref="Models.Graphs.SchNetModel"/>): the 13
    /// element one-hot features (the first 13 <see cref="Chemistry.AtomFeaturizer"/> features: H, B, C, N, O, F, Si, P, S,
    /// Cl, Br, I, other), MMFF94 coordinates in Å as positions, no edges (the model finds neighbours within its cutoff).
    /// </summary>
    AllAtomGeometry,

    /// <summary>
    /// Heavy atoms of the 3-D conformer with their hydrogens as counts (a "united-atom" geometry, for
    /// <see cref="Models.Graphs.SchNetModel"/> at about a quarter of the all-atom cost): 18 features per atom, the 13 element
    /// one-hot features and the 5 hydrogen-count one-hot features (0, 1, 2, 3, ≥4; <see cref="Chemistry.AtomFeaturizer"/>
    /// columns 0–12 and 20–24), heavy-atom MMFF94 coordinates in Å as positions, no edges.
    /// </summary>
    HeavyAtomGeometry,
}
