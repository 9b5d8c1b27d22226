namespace Landscaper.Chemistry;

/// <summary>Bond order as written or perceived. Aromatic bonds also carry a Kekulé order (<see cref="Bond.KekuleOrder"/>).</summary>
public enum BondOrder
{
    /// <summary>Single bond (SMILES '-' or implicit; molfile type 1).</summary>
    Single = 1,
    /// <summary>Double bond (SMILES '='; molfile type 2).</summary>
    Double = 2,
    /// <summary>Triple bond (SMILES '#'; molfile type 3).</summary>
    Triple = 3,
    /// <summary>Quadruple bond (SMILES '$').</summary>
    Quadruple = 4,
    /// <summary>Aromatic bond (SMILES ':' or implicit between aromatic atoms; molfile type 4; or perceived).</summary>
    Aromatic = 5,
}
