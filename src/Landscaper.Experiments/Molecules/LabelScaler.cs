using Landscaper.Statistics;

namespace Landscaper.Molecules;

/// <summary>
/// Standardisation of a regression label, z = (y − mean)/sd, with the mean and the sample standard deviation (n − 1) of the
/// <b>training</b> molecules only, so nothing about the test sets leaks into training. Models are trained on z; errors are
/// reported in label units through <see cref="Inverse"/>. Immutable.
/// </summary>
/// <param name="Mean">Training mean, label units.</param>
/// <param name="Sd">Training sample standard deviation, label units (&gt; 0).</param>
public sealed record LabelScaler(double Mean, double Sd)
{
    /// <summary>Fits the scaler on <paramref name="labels"/>[i] for i in <paramref name="trainIndices"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two training molecules, an index out of range, a non-finite label, or
    /// constant training labels.</exception>
    public static LabelScaler Fit(IReadOnlyList<double> labels, IReadOnlyList<int> trainIndices)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(trainIndices);
        if (trainIndices.Count < 2) throw new ArgumentException("At least two training molecules are needed.", nameof(trainIndices));
        var values = new double[trainIndices.Count];
        for (int k = 0; k < values.Length; k++)
        {
            int i = trainIndices[k];
            if (i < 0 || i >= labels.Count) throw new ArgumentException($"Training index {i} is outside 0..{labels.Count - 1}.", nameof(trainIndices));
            values[k] = labels[i];
        }
        var ms = ExperimentStatistics.MeanSd(values);
        if (!(ms.Sd > 0)) throw new ArgumentException("The training labels are constant; they cannot be standardised.", nameof(labels));
        return new LabelScaler(ms.Mean, ms.Sd);
    }

    /// <summary>z = (y − Mean)/Sd.</summary>
    public double Transform(double value) => (value - Mean) / Sd;

    /// <summary>y = Mean + Sd·z.</summary>
    public double Inverse(double standardized) => Mean + Sd * standardized;
}
