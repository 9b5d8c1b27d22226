using System.Globalization;
using System.Text;
using Deedle;
using Landscaper.Visualization;
using Landscaper.IO;
using Landscaper.Statistics;

namespace Landscaper.Experiments;

/// <summary>All rows of a <see cref="TrainingDynamicsExperiment"/> run (one per model × seed × checkpoint), with the
/// options used. Immutable.</summary>
/// <param name="Rows">Rows ordered by model (as given), seed (as given), then step.</param>
/// <param name="Options">The options of the run.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
public sealed record TrainingDynamicsResult(IReadOnlyList<TrainingDynamicsRow> Rows, ExperimentOptions Options, double Seconds)
{
    /// <summary>Number of eigenvalue columns (<c>lambda1</c> … <c>lambdaK</c>): the largest count over the rows.</summary>
    public int EigenvalueColumns => Rows.Count == 0 ? 0 : Rows.Max(r => r.Analysis.Eigenvalues.Count);

    /// <summary>The column names of <see cref="ToFrame"/> and <see cref="Save"/>, in order.</summary>
    public IReadOnlyList<string> Columns =>
    [
        "model", "seed", "step", "epoch", "trainLoss", "trainAcc", "testLoss", "testAcc",
        .. Enumerable.Range(1, EigenvalueColumns).Select(k => $"lambda{k}"),
        "trace", "traceStderr", "smad", "smadNormalized", "smadWeighted", "minima2d", "minima3d", "persistenceRange",
        "totalPersistence", "significantMinima2d", "smad3d", "eigenConverged", "hvps", "seconds",
    ];

    /// <summary>Model names in order of first appearance.</summary>
    public IReadOnlyList<string> Models => Rows.Select(r => r.Model).Distinct().ToArray();

    /// <summary>Seeds in order of first appearance.</summary>
    public IReadOnlyList<int> Seeds => Rows.Select(r => r.Seed).Distinct().ToArray();

    /// <summary>The rows of one model and seed in step order.</summary>
    /// <param name="model">Model name.</param>
    /// <param name="seed">Seed.</param>
    public IReadOnlyList<TrainingDynamicsRow> Run(string model, int seed) =>
        Rows.Where(r => r.Model == model && r.Seed == seed).OrderBy(r => r.Step).ToArray();

    /// <summary>The numeric cells of one row, in <see cref="Columns"/> order after <c>model</c> (NaN where a value does not
    /// apply: a missing eigenvalue, no 3-D landscape).</summary>
    private double[] Numbers(TrainingDynamicsRow r)
    {
        var a = r.Analysis;
        var l3 = a.Landscape3D;
        return
        [
            r.Seed, r.Step, r.Epoch, r.TrainLoss, r.TrainAcc, r.TestLoss, r.TestAcc,
            .. Enumerable.Range(0, EigenvalueColumns).Select(k => k < a.Eigenvalues.Count ? a.Eigenvalues[k] : double.NaN),
            a.Trace, a.TraceStderr, r.Smad, r.SmadNormalized, r.SmadWeighted, a.Landscape2D.Minima, l3?.Minima ?? double.NaN,
            a.Landscape2D.PersistenceRange, a.Landscape2D.TotalPersistence, a.Landscape2D.SignificantMinima, l3?.Smad.Plain ?? double.NaN,
            a.EigenConverged ? 1 : 0, a.Hvps, a.Seconds,
        ];
    }

    /// <summary>A Deedle frame with one row per model × seed × checkpoint (row key 0 … n−1) and the columns of
    /// <see cref="Columns"/>: <c>model</c> is a string column, the rest are doubles (NaN = missing in Deedle).</summary>
    public Frame<int, string> ToFrame()
    {
        var keys = Enumerable.Range(0, Rows.Count).ToArray();
        var names = Columns;
        var numbers = Rows.Select(Numbers).ToArray();
        var builder = new FrameBuilder.Columns<int, string>
        {
            { "model", new Series<int, string>(keys, Rows.Select(r => r.Model).ToArray()) },
        };
        for (int c = 1; c < names.Count; c++)
        {
            int col = c - 1;
            builder.Add(names[c], new Series<int, double>(keys, numbers.Select(n => n[col]).ToArray()));
        }
        return builder.Frame;
    }

    /// <summary>The rows as CSV text (invariant culture, round-trip doubles, empty cell for NaN), header first.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var r in Rows)
        {
            sb.Append(Quote(r.Model));
            foreach (double v in Numbers(r)) sb.Append(',').Append(double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically (a temporary file renamed into place);
    /// creates the folder.</summary>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public string Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        AtomicFile.WriteAllText(full, ToCsv());
        return full;
    }

    /// <summary>Mean ± sd over seeds of <paramref name="metric"/> for each model and checkpoint step.</summary>
    /// <param name="metric">The value of a row (e.g. <c>r =&gt; r.Smad</c>).</param>
    /// <returns>One entry per (model, step), models in order of appearance, steps ascending.</returns>
    public IReadOnlyList<SeedAggregate> MeanOverSeeds(Func<TrainingDynamicsRow, double> metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Rows.GroupBy(r => (r.Model, r.Step))
            .OrderBy(g => Models.ToList().IndexOf(g.Key.Model)).ThenBy(g => g.Key.Step)
            .Select(g => new SeedAggregate(g.Key.Model, g.Key.Step, g.Average(r => r.Epoch), ExperimentStatistics.MeanSd(g.Select(metric).ToArray())))
            .ToArray();
    }

    /// <summary>Mean and sd over seeds of SMAD, λ_max, trace, test loss and test accuracy per model and step, as a frame
    /// (columns <c>model, step, epoch, seeds, smadMean, smadSd, lambdaMaxMean, lambdaMaxSd, traceMean, traceSd, testLossMean,
    /// testLossSd, testAccMean, testAccSd</c>).</summary>
    public Frame<int, string> SummaryFrame()
    {
        var metrics = new (string Name, Func<TrainingDynamicsRow, double> Value)[]
        {
            ("smad", r => r.Smad), ("lambdaMax", r => r.LambdaMax), ("trace", r => r.Trace), ("testLoss", r => r.TestLoss), ("testAcc", r => r.TestAcc),
        };
        var aggregates = metrics.Select(m => MeanOverSeeds(m.Value)).ToArray();
        var first = aggregates[0];
        var keys = Enumerable.Range(0, first.Count).ToArray();
        var builder = new FrameBuilder.Columns<int, string>
        {
            { "model", new Series<int, string>(keys, first.Select(a => a.Model).ToArray()) },
            { "step", new Series<int, double>(keys, first.Select(a => (double)a.Step).ToArray()) },
            { "epoch", new Series<int, double>(keys, first.Select(a => a.Epoch).ToArray()) },
            { "seeds", new Series<int, double>(keys, first.Select(a => (double)a.Value.Count).ToArray()) },
        };
        for (int m = 0; m < metrics.Length; m++)
        {
            builder.Add(metrics[m].Name + "Mean", new Series<int, double>(keys, aggregates[m].Select(a => a.Value.Mean).ToArray()));
            builder.Add(metrics[m].Name + "Sd", new Series<int, double>(keys, aggregates[m].Select(a => a.Value.Sd).ToArray()));
        }
        return builder.Frame;
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
