namespace Landscaper.Sampling;

/// <summary>The scalar function failed (threw, or returned a non-finite value under <see cref="NonFinitePolicy.Error"/>) at a grid point.
/// θ0 has been restored and, when checkpointing, the checkpoint holds every point before this one.</summary>
public sealed class SamplingPointException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="flatIndex">Flat C-order index of the point.</param>
    /// <param name="gridIndex">Grid index of the point.</param>
    /// <param name="coordinates">Coordinates of the point.</param>
    /// <param name="reason">What went wrong.</param>
    /// <param name="checkpointPath">Checkpoint written before failing, or null.</param>
    /// <param name="inner">The scalar function's exception, if any.</param>
    public SamplingPointException(int flatIndex, int[] gridIndex, double[] coordinates, string reason, string? checkpointPath, Exception? inner = null)
        : base($"Sampling failed at grid point {flatIndex} (index [{string.Join(", ", gridIndex)}], coordinates " +
               $"[{string.Join(", ", coordinates.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]): {reason}" +
               (checkpointPath is null ? "" : $" Progress so far is kept in the checkpoint '{checkpointPath}'."), inner)
    {
        FlatIndex = flatIndex;
        GridIndex = gridIndex;
        Coordinates = coordinates;
        CheckpointPath = checkpointPath;
    }

    /// <summary>Flat C-order index of the failing point.</summary>
    public int FlatIndex { get; }

    /// <summary>Grid index of the failing point.</summary>
    public IReadOnlyList<int> GridIndex { get; }

    /// <summary>Coordinates of the failing point.</summary>
    public IReadOnlyList<double> Coordinates { get; }

    /// <summary>The checkpoint written before failing, or null when not checkpointing.</summary>
    public string? CheckpointPath { get; }
}
