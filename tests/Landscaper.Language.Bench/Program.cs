// Costs of the MiniLM classifier per batch (8 texts × 64 tokens): forward, gradient and Hessian-vector product, for the
// full model and for the last layer + head, at 1 and 2 libtorch threads. Usage:
//   OMP_WAIT_POLICY=PASSIVE dotnet run -c Release --project tests/Landscaper.Language.Bench [-- --repeats 7] [--threads 1,2]
using Landscaper.ParameterSpace;
using System.Diagnostics;
using System.Globalization;
using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Language.Bert;
using Landscaper.Language.Data;
using Landscaper.Language.Text;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
int repeats = int.Parse(Option("--repeats", "7"), CultureInfo.InvariantCulture);
int[] threadCounts = Option("--threads", "1,2").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
TorchNative.EnsureLoaded();
Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}  (1/5/15-min averages, running/total tasks)");

var data = SpamAssassinData.Load();
var tokenizer = BertTextTokenizer.MiniLm();
// Eight e-mails that fill all 64 positions, so every token is real.
var texts = data.Train.Where(t => tokenizer.Encode(t.Text, 64).Length == 64).Take(8).ToArray();
var encoded = tokenizer.EncodeBatch(texts.Select(t => t.Text).ToArray(), maxLength: 64, padToMaxLength: true);
var batch = new Batch(encoded.Packed(), tensor(texts.Select(t => (long)t.Label).ToArray(), [texts.Length]));
Console.WriteLine($"batch: {encoded.BatchSize}×{encoded.Length} tokens ({Enumerable.Range(0, 8).Sum(encoded.TokenCount)} real)");

var model = new BertClassifier(BertOnnxLoader.LoadMiniLm(), numClasses: 2, seed: 1);
model.eval();
var selections = new (string Name, ParameterSelection Selection)[]
{
    ("full", ParameterSelection.All(model)),
    ("last layer + head", ParameterSelection.Where(model, n => n.StartsWith("bert.encoder.layer.5.", StringComparison.Ordinal) || n.StartsWith("head.", StringComparison.Ordinal))),
};

Console.WriteLine($"times: median (minimum) of {repeats} runs after one warm-up");
Console.WriteLine("| threads | selection | parameters | forward ms | gradient ms | HVP ms | RSS before HVP (GiB) | peak RSS during HVP (GiB) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (int threads in threadCounts)
{
    torch.set_num_threads(threads);
    var forward = Time(() =>
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.call(batch.Input);
    });
    foreach (var (name, selection) in selections)
    {
        using var op = new HessianOperator(selection, [batch]);
        var gradient = Time(() =>
        {
            using var scope = NewDisposeScope();
            op.Gradient();
        });
        var v = randn(op.Dimension, dtype: ScalarType.Float64, generator: new Generator(1, device: CPU));
        v /= v.norm();
        GC.Collect();
        double before = StatusGiB("VmRSS:");
        ResetPeakRss();
        var hvp = Time(() =>
        {
            using var scope = NewDisposeScope();
            op.Apply(v);
        });
        double peak = StatusGiB("VmHWM:");
        Console.WriteLine($"| {threads} | {name} | {op.Dimension:N0} | {forward} | {gradient} | {hvp} | {before:F2} | {peak:F2} |");
    }
}
Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");

string Time(Action body)
{
    body(); // warm-up
    var times = new List<double>();
    for (int i = 0; i < repeats; i++)
    {
        var sw = Stopwatch.StartNew();
        body();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return $"{times[times.Count / 2]:F0} ({times[0]:F0})";
}

static void ResetPeakRss()
{
    try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}

static double StatusGiB(string field)
{
    var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
    if (line is null) return double.NaN;
    var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    return kb / 1024.0 / 1024.0;
}
