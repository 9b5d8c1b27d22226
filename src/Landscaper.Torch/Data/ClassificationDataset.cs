using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Data;

/// <summary>
/// A labelled data set held as plain arrays: features flat in C order, <see cref="SampleShape"/> per sample
/// (e.g. [1, 8, 8] = channels × height × width), and one integer class label per sample.
/// </summary>
/// <param name="Name">Data set name.</param>
/// <param name="Features">Feature values, sample-major, C order within a sample; length = Count × product(SampleShape).</param>
/// <param name="SampleShape">Shape of one sample.</param>
/// <param name="Labels">Class label per sample, in [0, ClassCount).</param>
/// <param name="ClassCount">Number of classes.</param>
public sealed record ClassificationDataset(string Name, float[] Features, int[] SampleShape, int[] Labels, int ClassCount)
{
    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of features per sample.</summary>
    public int SampleSize => SampleShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The samples at <paramref name="indices"/>, in that order.</summary>
    public ClassificationDataset Subset(IReadOnlyList<int> indices)
    {
        int n = SampleSize;
        var f = new float[indices.Count * n];
        var l = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            int s = indices[i];
            if ((uint)s >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), s, $"Sample index outside [0, {Count}).");
            Array.Copy(Features, (long)s * n, f, (long)i * n, n);
            l[i] = Labels[s];
        }
        return this with { Features = f, Labels = l };
    }

    /// <summary>A seeded random split into train and test parts (a permutation by Fisher–Yates with <see cref="Random"/>(seed)).</summary>
    /// <param name="testFraction">Fraction of samples in the test part, in (0, 1).</param>
    /// <param name="seed">Seed of the permutation.</param>
    public (ClassificationDataset Train, ClassificationDataset Test) Split(double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Must be in (0, 1).");
        var perm = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(perm);
        int nTest = (int)Math.Round(Count * testFraction);
        return (Subset(perm[nTest..]), Subset(perm[..nTest]));
    }

    /// <summary>The first <paramref name="count"/> samples.</summary>
    public ClassificationDataset Take(int count) => Subset(Enumerable.Range(0, Math.Min(count, Count)).ToArray());

    /// <summary>Cuts the data set into batches of at most <paramref name="batchSize"/> samples as tensors on <paramref name="device"/>.</summary>
    /// <param name="batchSize">Samples per batch (≥ 1); the last batch may be smaller.</param>
    /// <param name="flatten">True: input shape [n, SampleSize]; false: [n, ..SampleShape].</param>
    /// <param name="device">Target device (CPU when null).</param>
    /// <param name="dtype">Floating dtype of the inputs (float32 when null).</param>
    public IReadOnlyList<Batch> ToBatches(int batchSize, bool flatten, Device? device = null, ScalarType? dtype = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be ≥ 1.");
        Native.TorchNative.EnsureLoaded();
        var batches = new List<Batch>();
        int n = SampleSize;
        for (int start = 0; start < Count; start += batchSize)
        {
            int m = Math.Min(batchSize, Count - start);
            long[] shape = flatten ? [m, n] : [m, .. SampleShape.Select(d => (long)d)];
            var x = tensor(Features.AsSpan(start * n, m * n).ToArray(), shape);
            if (dtype is { } dt && dt != ScalarType.Float32) x = x.to_type(dt);
            var y = tensor(Labels.AsSpan(start, m).ToArray().Select(v => (long)v).ToArray(), [m]);
            if (device is not null) { x = x.to(device); y = y.to(device); }
            batches.Add(new Batch(x, y));
        }
        return batches;
    }
}
