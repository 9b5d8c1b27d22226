namespace Landscaper.Molecules;

/// <summary>How <see cref="OodSplits"/> separates training molecules from the out-of-distribution (OOD) test set.</summary>
public enum OodSplitKind
{
    /// <summary>Property tail: train on the lower part of the label's range, test OOD on the top tail (extrapolation in the label).</summary>
    PropertyTail,

    /// <summary>Scaffold: whole Bemis–Murcko scaffold groups are held out (new ring systems).</summary>
    Scaffold,

    /// <summary>Control: the "OOD" test set is a random hold-out, drawn from the same distribution as the training set.</summary>
    Random,
}
