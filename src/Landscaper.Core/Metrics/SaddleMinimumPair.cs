using Landscaper.Topology;
namespace Landscaper.Metrics;

/// <summary>A (saddle, minimum) pair as the Python package's SMAD uses it: a merge-tree arc from a minimum straight
/// up to a join saddle.</summary>
/// <param name="Saddle">Flat index of the saddle.</param>
/// <param name="Minimum">Flat index of the minimum.</param>
/// <param name="SaddleValue">Value at the saddle.</param>
/// <param name="MinimumValue">Value at the minimum.</param>
/// <param name="BasinSize">Number of points in the minimum's steepest-descent basin.</param>
public readonly record struct SaddleMinimumPair(int Saddle, int Minimum, double SaddleValue, double MinimumValue, int BasinSize)
{
    /// <summary>Saddle value − minimum value (≥ 0).</summary>
    public double Gap => SaddleValue - MinimumValue;
}
