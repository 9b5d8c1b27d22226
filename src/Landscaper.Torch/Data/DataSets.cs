namespace Landscaper.Data;

/// <summary>A training split and a test split of one data set.</summary>
/// <param name="Train">Training samples.</param>
/// <param name="Test">Held-out samples.</param>
public sealed record TrainTestData(ClassificationDataset Train, ClassificationDataset Test);

/// <summary>
/// The notebook's data switch: one string selects the data set, so an analysis runs unchanged on the embedded digits
/// or on a local copy of CIFAR-10 or MNIST.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>digits</c></term><description>The embedded UCI digits ([1, 8, 8]), split 80/20 with
/// <see cref="ClassificationDataset.Split"/> and the given seed.</description></item>
/// <item><term><c>cifar10:&lt;folder&gt;</c></term><description>CIFAR-10 binary batches ([3, 32, 32]):
/// <c>data_batch_N.bin</c> → train, <c>test_batch.bin</c> → test (see <see cref="Cifar10"/>).</description></item>
/// <item><term><c>mnist:&lt;folder&gt;</c></term><description>MNIST IDX files, plain or gzip ([1, 28, 28]):
/// <c>train-*</c> → train, <c>t10k-*</c> → test (see <see cref="Mnist"/>).</description></item>
/// </list>
/// Nothing is downloaded; the folder must already hold the files. The kind is case-insensitive; the folder is used as
/// written (it may contain ':').
/// </remarks>
public static class DataSets
{
    /// <summary>The kinds accepted before the ':' of a spec (and <c>digits</c> alone).</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["digits", "cifar10", "mnist"];

    /// <summary>Loads the data set named by <paramref name="spec"/> (see the remarks of <see cref="DataSets"/>).</summary>
    /// <param name="spec"><c>digits</c>, <c>cifar10:&lt;folder&gt;</c> or <c>mnist:&lt;folder&gt;</c>.</param>
    /// <param name="seed">Seed of the digits train/test split (ignored by data sets with a fixed split).</param>
    /// <param name="maxSamples">Keep at most this many samples per split (the first ones); null = all.</param>
    /// <exception cref="ArgumentException">An unknown kind, or a missing folder part.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">An expected file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed.</exception>
    public static TrainTestData Load(string spec, int seed = 0, int? maxSamples = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (maxSamples is < 1) throw new ArgumentOutOfRangeException(nameof(maxSamples), maxSamples, "Must be ≥ 1.");
        int colon = spec.IndexOf(':');
        string kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        string? folder = colon < 0 ? null : spec[(colon + 1)..];
        TrainTestData data;
        switch (kind)
        {
            case "digits":
                if (!string.IsNullOrEmpty(folder)) throw new ArgumentException($"'digits' is embedded and takes no folder (got '{spec}').", nameof(spec));
                var (train, test) = Digits.Load().Split(0.2, seed);
                data = new TrainTestData(train, test);
                break;
            case "cifar10":
                data = new TrainTestData(Cifar10.Load(RequireFolder(folder, spec), train: true, maxSamples),
                                         Cifar10.Load(RequireFolder(folder, spec), train: false, maxSamples));
                break;
            case "mnist":
                data = new TrainTestData(Mnist.Load(RequireFolder(folder, spec), train: true),
                                         Mnist.Load(RequireFolder(folder, spec), train: false));
                break;
            default:
                throw new ArgumentException($"Unknown data set '{spec}'. Use digits, cifar10:<folder> or mnist:<folder>.", nameof(spec));
        }
        return maxSamples is { } m ? new TrainTestData(Cap(data.Train, m), Cap(data.Test, m)) : data;
    }

    private static ClassificationDataset Cap(ClassificationDataset d, int m) => d.Count > m ? d.Take(m) : d;

    private static string RequireFolder(string? folder, string spec) =>
        string.IsNullOrWhiteSpace(folder)
            ? throw new ArgumentException($"'{spec}' needs a folder after the colon, e.g. '{spec.TrimEnd(':')}:/data/{spec.TrimEnd(':')}'.", nameof(spec))
            : folder;
}
