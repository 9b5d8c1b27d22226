namespace Landscaper.Molecules;

/// <summary>
/// A three-way split of a molecule list for one label: training molecules, an in-distribution (ID) test set and an
/// out-of-distribution (OOD) test set. Indices refer to the list the split was made from; each array is ascending and the
/// three are disjoint. Molecules in none of them (the gap band of a property-tail split) are in <see cref="Excluded"/>.
/// Immutable.
/// </summary>
/// <param name="Kind">How the OOD set was chosen.</param>
/// <param name="Label">Label the split was made for (the property-tail split depends on it; the others do not).</param>
/// <param name="Seed">Seed of the random parts (ID hold-out; random split; seeded scaffold order).</param>
/// <param name="Train">Training molecules.</param>
/// <param name="IdTest">ID test molecules: a random hold-out of the training pool.</param>
/// <param name="OodTest">OOD test molecules.</param>
/// <param name="Excluded">Molecules used nowhere (property tail: values between the two thresholds).</param>
/// <param name="LowerThreshold">Property tail: training-pool molecules have label &lt; this value; NaN otherwise.</param>
/// <param name="UpperThreshold">Property tail: OOD molecules have label ≥ this value; NaN otherwise.</param>
/// <param name="Description">One line saying how the split was made, with its sizes.</param>
public sealed record OodSplit(OodSplitKind Kind, string Label, int Seed, int[] Train, int[] IdTest, int[] OodTest, int[] Excluded,
    double LowerThreshold, double UpperThreshold, string Description)
{
    /// <summary>Short name: <c>tail</c>, <c>scaffold</c> or <c>random</c>.</summary>
    public string Name => Kind switch
    {
        OodSplitKind.PropertyTail => "tail",
        OodSplitKind.Scaffold => "scaffold",
        _ => "random",
    };
}
