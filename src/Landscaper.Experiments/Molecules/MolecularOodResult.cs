using System.Globalization;
using System.Text;
using Deedle;
using Landscaper.Experiments;
using Landscaper.IO;

namespace Landscaper.Molecules;

/// <summary>All rows of a <see cref="MolecularOodExperiment"/> run (one per label × split × model), the splits and the options.
/// Immutable.</summary>
/// <param name="Rows">Rows ordered by label, split, then model as listed in the options.</param>
/// <param name="Splits">The split used for every label × split kind.</param>
/// <param name="Options">The options of the run.</param>
/// <param name="Molecules">Indices into the data set of the molecules used (all, or the quick subset), ascending; split indices
/// refer to positions in this list.</param>
/// <param name="LabelValues">Label name → value of every molecule used, aligned with <paramref name="Molecules"/>.</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record MolecularOodResult(IReadOnlyList<MolecularOodRow> Rows, IReadOnlyList<OodSplit> Splits, MolecularOodOptions Options,
    IReadOnlyList<int> Molecules, IReadOnlyDictionary<string, double[]> LabelValues, double Seconds)
{
    /// <summary>Number of molecules used.</summary>
    public int MoleculeCount => Molecules.Count;

    /// <summary>Labels in order.</summary>
    public IReadOnlyList<string> Labels => Rows.Select(r => r.Label).Distinct().ToArray();

    /// <summary>Split kinds in order.</summary>
    public IReadOnlyList<OodSplitKind> SplitKinds => Rows.Select(r => r.Split).Distinct().ToArray();

    /// <summary>The rows of one label and split kind (one population).</summary>
    public IReadOnlyList<MolecularOodRow> Population(string label, OodSplitKind split) =>
        Rows.Where(r => r.Label == label && r.Split == split).ToArray();

    /// <summary>The split of one label and kind.</summary>
    /// <exception cref="ArgumentException">No such split.</exception>
    public OodSplit Split(string label, OodSplitKind kind) =>
        Splits.FirstOrDefault(s => s.Label == label && s.Kind == kind) ?? throw new ArgumentException($"No {kind} split for '{label}'.");

    /// <summary>The landscape metrics tested against OOD error: SMAD plain, normalised and weighted for every landscape (2-D and
    /// 3-D at every distance), then λ_max and the trace.</summary>
    public IReadOnlyList<OodMetric> Metrics
    {
        get
        {
            var list = SmadColumns.For(Options.Analysis)
                .Select(c => new OodMetric(c.Name, c.Description, r => c.Of(r.Analysis))).ToList();
            list.Add(new("lambdaMax", "λ_max (top Hessian eigenvalue)", r => r.Analysis.LambdaMax));
            list.Add(new("trace", "Hessian trace (Hutch++)", r => r.Analysis.Trace));
            return list;
        }
    }

    /// <summary>The primary metric, fixed before the run: plain SMAD of the 2-D landscape at the first distance (0.5 in the presets,
    /// the convention of notebook 02).</summary>
    public OodMetric PrimaryMetric => Metrics[0];

    private int EigenvalueColumns => Rows.Count == 0 ? 0 : Rows.Max(r => r.Analysis.Eigenvalues.Count);

    private IReadOnlyList<(string Name, Func<MolecularOodRow, double> Value)> LandscapeColumns() =>
        SmadColumns.For(Options.Analysis, withMinima: true, withExtent: true)
            .Select(c => (c.Name, (Func<MolecularOodRow, double>)(r => c.Of(r.Analysis)))).ToArray();

    private IReadOnlyList<(string Name, Func<MolecularOodRow, double> Value)> NumericColumns() =>
    [
        ("width", r => r.Model.Width), ("depth", r => r.Model.Depth), ("dropout", r => r.Model.Dropout), ("weightDecay", r => r.Model.WeightDecay),
        ("seed", r => r.Model.Seed), ("parameters", r => r.Parameters), ("nTrain", r => r.TrainCount), ("nId", r => r.IdCount), ("nOod", r => r.OodCount),
        ("trainRmse", r => r.TrainRmse), ("idRmse", r => r.IdRmse), ("oodRmse", r => r.OodRmse),
        .. Enumerable.Range(0, EigenvalueColumns).Select(k => ($"lambda{k + 1}", (Func<MolecularOodRow, double>)(r => k < r.Analysis.Eigenvalues.Count ? r.Analysis.Eigenvalues[k] : double.NaN))),
        ("trace", r => r.Analysis.Trace), ("traceStderr", r => r.Analysis.TraceStderr), ("eigenConverged", r => r.Analysis.EigenConverged ? 1 : 0),
        ("hvps", r => r.Analysis.Hvps), ("centreLoss", r => r.Analysis.Landscapes.Count > 0 ? r.Analysis.Landscapes[0].Summary.CentreLoss : double.NaN),
        .. LandscapeColumns(),
        ("trainSeconds", r => r.TrainSeconds), ("analysisSeconds", r => r.Analysis.Seconds),
    ];

    private static readonly (string Name, Func<MolecularOodRow, string> Value)[] TextColumns =
    [
        ("label", r => r.Label), ("split", r => r.SplitName), ("architecture", r => r.Model.ArchitectureName), ("config", r => r.Model.Config),
    ];

    /// <summary>Column names of <see cref="ToFrame"/> and <see cref="ToCsv"/>, in order: label, split, architecture, config, then
    /// the numbers (width … oodRmse, lambda1 … lambdaK, trace, traceStderr, eigenConverged, hvps, centreLoss, then per landscape
    /// <c>smad_</c>, <c>smadNormalized_</c>, <c>smadWeighted_</c>, <c>minima_</c>, <c>significantMinima_</c>, <c>valueRange_</c>
    /// with suffix <c>{dims}d_{distance}</c>, then trainSeconds, analysisSeconds). RMSEs are in label units.</summary>
    public IReadOnlyList<string> Columns => [.. TextColumns.Select(c => c.Name), .. NumericColumns().Select(c => c.Name)];

    /// <summary>A Deedle frame, one row per model (row key 0 … n−1): text columns as strings, the rest as doubles (NaN = missing).</summary>
    public Frame<int, string> ToFrame()
    {
        var keys = Enumerable.Range(0, Rows.Count).ToArray();
        var builder = new FrameBuilder.Columns<int, string>();
        foreach (var (name, value) in TextColumns) builder.Add(name, new Series<int, string>(keys, Rows.Select(value).ToArray()));
        foreach (var (name, value) in NumericColumns()) builder.Add(name, new Series<int, double>(keys, Rows.Select(value).ToArray()));
        return builder.Frame;
    }

    /// <summary>The rows as CSV (header first; invariant culture, round-trip doubles, empty cell for NaN).</summary>
    public string ToCsv()
    {
        var numeric = NumericColumns();
        var sb = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var r in Rows)
        {
            sb.AppendJoin(',', TextColumns.Select(c => Quote(c.Value(r))));
            foreach (var (_, value) in numeric)
            {
                double v = value(r);
                sb.Append(',').Append(double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> atomically (temporary file renamed into place); creates the folder.</summary>
    /// <returns>The full path written.</returns>
    public string Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        AtomicFile.WriteAllText(full, ToCsv());
        return full;
    }

    /// <summary>One row per split: label, split, sizes, thresholds and description (a Deedle frame).</summary>
    public Frame<int, string> SplitFrame()
    {
        var keys = Enumerable.Range(0, Splits.Count).ToArray();
        return new FrameBuilder.Columns<int, string>
        {
            { "label", new Series<int, string>(keys, Splits.Select(s => s.Label).ToArray()) },
            { "split", new Series<int, string>(keys, Splits.Select(s => s.Name).ToArray()) },
            { "train", new Series<int, double>(keys, Splits.Select(s => (double)s.Train.Length).ToArray()) },
            { "idTest", new Series<int, double>(keys, Splits.Select(s => (double)s.IdTest.Length).ToArray()) },
            { "oodTest", new Series<int, double>(keys, Splits.Select(s => (double)s.OodTest.Length).ToArray()) },
            { "excluded", new Series<int, double>(keys, Splits.Select(s => (double)s.Excluded.Length).ToArray()) },
            { "lowerThreshold", new Series<int, double>(keys, Splits.Select(s => s.LowerThreshold).ToArray()) },
            { "upperThreshold", new Series<int, double>(keys, Splits.Select(s => s.UpperThreshold).ToArray()) },
            { "description", new Series<int, string>(keys, Splits.Select(s => s.Description).ToArray()) },
        }.Frame;
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
