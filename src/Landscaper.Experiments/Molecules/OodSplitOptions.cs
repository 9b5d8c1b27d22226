namespace Landscaper.Molecules;

/// <summary>Sizes and thresholds of the splits made by <see cref="OodSplits"/>. Immutable.</summary>
/// <param name="TrainQuantile">Property tail: the training pool is every molecule whose label is below the value at sorted
/// position ⌊q·n⌋ (0-based, ascending), q = this (default 0.85: the lower ~85 %).</param>
/// <param name="OodQuantile">Property tail: the OOD set is every molecule whose label is at least the value at sorted position
/// ⌊q·n⌋, q = this (default 0.90: the top ~10 %). Molecules between the two thresholds are excluded (a gap band, so that OOD
/// molecules lie clearly beyond the training range). With ties the sizes move by the tied count.</param>
/// <param name="IdTestFraction">Size of the ID test set as a fraction of all n molecules (rounded), drawn at random from the
/// training pool (default 0.10).</param>
/// <param name="OodFraction">Scaffold and random splits: target size of the OOD set as a fraction of n (default 0.10).</param>
/// <param name="ScaffoldOrder">Which scaffold groups are held out (default <see cref="Molecules.ScaffoldOrder.LargestFirst"/>).</param>
public sealed record OodSplitOptions(double TrainQuantile = 0.85, double OodQuantile = 0.90, double IdTestFraction = 0.10,
    double OodFraction = 0.10, ScaffoldOrder ScaffoldOrder = ScaffoldOrder.LargestFirst)
{
    /// <summary>Checks every field; throws naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A fraction or quantile out of range.</exception>
    public void Validate(string paramName = "options")
    {
        if (!(TrainQuantile > 0 && TrainQuantile < 1)) throw new ArgumentOutOfRangeException(paramName, TrainQuantile, "TrainQuantile must be in (0, 1).");
        if (!(OodQuantile >= TrainQuantile && OodQuantile < 1)) throw new ArgumentOutOfRangeException(paramName, OodQuantile, "OodQuantile must be in [TrainQuantile, 1).");
        if (!(IdTestFraction > 0 && IdTestFraction < 1)) throw new ArgumentOutOfRangeException(paramName, IdTestFraction, "IdTestFraction must be in (0, 1).");
        if (!(OodFraction > 0 && OodFraction < 1)) throw new ArgumentOutOfRangeException(paramName, OodFraction, "OodFraction must be in (0, 1).");
        if (IdTestFraction + OodFraction >= 1) throw new ArgumentOutOfRangeException(paramName, IdTestFraction + OodFraction, "IdTestFraction + OodFraction must be < 1.");
        if (!Enum.IsDefined(ScaffoldOrder)) throw new ArgumentOutOfRangeException(paramName, ScaffoldOrder, "Unknown scaffold order.");
    }
}
