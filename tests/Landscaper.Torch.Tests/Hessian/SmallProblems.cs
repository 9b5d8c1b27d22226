using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Hessian;

/// <summary>A small float64 model with its exact dense Hessian (built column by column from HVPs with unit vectors).</summary>
public sealed class SmallProblem
{
    public required string Name { get; init; }
    public required nn.Module<Tensor, Tensor> Model { get; init; }
    public required IReadOnlyList<Batch> Batches { get; init; }
    public required double[,] Exact { get; init; }
    /// <summary>Exact eigenvalues, descending.</summary>
    public required double[] Eigenvalues { get; init; }
    /// <summary>Exact eigenvectors (row k = eigenvector of Eigenvalues[k]), float64 CPU [n, n].</summary>
    public required Tensor Eigenvectors { get; init; }
    public double Trace { get; init; }
    public long N => Exact.GetLength(0);
    public double MaxAsymmetry { get; init; }
    /// <summary>Seconds spent building the dense Hessian and its eigendecomposition.</summary>
    public double BuildSeconds { get; init; }

    public HessianOperator Operator(HessianOptions? options = null) => new(ParameterSelection.All(Model), Batches, null, options);
}

/// <summary>Builds the shared small problems once per test run (1 torch thread).</summary>
public static class SmallProblems
{
    /// <summary>xUnit collection of every test that uses (and may temporarily mutate) the shared models: run serially.</summary>
    public const string Collection = "hessian-small-problems";

    private static readonly Lazy<SmallProblem> _mlp = new(() => Build("mlp 64-16-10", () => new Mlp([64, 16, 10]), flatten: true, samples: 128));
    private static readonly Lazy<SmallProblem> _mlpLarge = new(() => Build("mlp 64-32-10", () => new Mlp([64, 32, 10]), flatten: true, samples: 128));
    private static readonly Lazy<SmallProblem> _cnn = new(() => Build("cnn 2-4 filters", () => new SmallCnn(filters: 2, hidden: 8), flatten: false, samples: 64));

    /// <summary>MLP 64-16-10 (1,210 parameters), ReLU, float64, 128 samples in two batches of 64.</summary>
    public static SmallProblem Mlp => _mlp.Value;

    /// <summary>MLP 64-32-10 (2,410 parameters), float64, 128 samples; its dense eigendecomposition alone takes ~15 s
    /// on one thread, so only [Trait("Category", "Slow")] tests use it.</summary>
    public static SmallProblem MlpLarge => _mlpLarge.Value;

    /// <summary>Tiny CNN (706 parameters), float64, 64 samples in one batch.</summary>
    public static SmallProblem Cnn => _cnn.Value;

    /// <summary>A problem by name: mlp, mlp-large or cnn.</summary>
    public static SmallProblem Get(string name) => name switch { "mlp" => Mlp, "mlp-large" => MlpLarge, _ => Cnn };

    public static void Init()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
    }

    private static SmallProblem Build(string name, Func<nn.Module<Tensor, Tensor>> create, bool flatten, int samples)
    {
        Init();
        var data = Digits.Load();
        var model = Seeded.Create(7, create).to(ScalarType.Float64);
        var train = data.Take(512).ToBatches(64, flatten, dtype: ScalarType.Float64);
        Trainer.Train(model, train, new TrainingOptions(Epochs: 3, LearningRate: 1e-2, Seed: 7));
        model.eval();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var batches = data.Subset(Enumerable.Range(600, samples).ToArray()).ToBatches(64, flatten, dtype: ScalarType.Float64);
        using var op = new HessianOperator(ParameterSelection.All(model), batches, null, new HessianOptions(CacheGradients: true));
        long n = op.Dimension;
        var h = new double[n, n];
        using (var scope = NewDisposeScope())
        {
            for (long j = 0; j < n; j++)
            {
                using var inner = NewDisposeScope();
                var e = zeros(new[] { n }, dtype: ScalarType.Float64);
                e[j].fill_(1.0);
                var col = op.Apply(e).data<double>().ToArray();
                for (long i = 0; i < n; i++) h[i, j] = col[i];
            }
        }
                double asym = 0, trace = 0;
        for (long i = 0; i < n; i++)
        {
            trace += h[i, i];
            for (long j = 0; j < i; j++) asym = Math.Max(asym, Math.Abs(h[i, j] - h[j, i]));
        }
        // Symmetrise and decompose with LAPACK (torch.linalg.eigh): independent of the Lanczos code under test.
        var hs = tensor(h, dtype: ScalarType.Float64);
        hs = (hs + hs.t()) / 2;
        var (values, vectors) = linalg.eigh(hs);
        var order = values.argsort(descending: true);
        var vals = values.index_select(0, order).data<double>().ToArray();
        var vecs = vectors.index_select(1, order).t().contiguous().DetachFromDisposeScope();
        return new SmallProblem { BuildSeconds = sw.Elapsed.TotalSeconds, Name = name, Model = model, Batches = batches, Exact = h, Eigenvalues = vals, Eigenvectors = vecs, Trace = trace, MaxAsymmetry = asym };
    }
}

/// <summary>Serialises the tests that share <see cref="SmallProblems"/>.</summary>
[CollectionDefinition(SmallProblems.Collection)]
public sealed class SmallProblemsCollection;
