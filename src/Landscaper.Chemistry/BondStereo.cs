namespace Landscaper.Chemistry;

/// <summary>
/// SMILES directional-bond mark, kept as written. The direction is relative to <see cref="Bond.Begin"/> →
/// <see cref="Bond.End"/>, where Begin is the atom written first. Marks are stored, not interpreted.
/// </summary>
public enum BondStereo
{
    /// <summary>No mark.</summary>
    None = 0,
    /// <summary>'/' (the End atom lies "up" from Begin).</summary>
    Up = 1,
    /// <summary>'\' (the End atom lies "down" from Begin).</summary>
    Down = 2,
}
