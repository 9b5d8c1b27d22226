namespace Landscaper.Molecules;

/// <summary>Which scaffold groups a scaffold split holds out.</summary>
public enum ScaffoldOrder
{
    /// <summary>Groups are taken largest first (ties by canonical key) into the training pool until it is full; the
    /// remaining, smallest groups (rare scaffolds) form the OOD set. Deterministic; the seed does not matter.</summary>
    LargestFirst,

    /// <summary>Groups are taken in a seeded random order into the OOD set until it is full; the rest form the training pool.</summary>
    Seeded,
}
