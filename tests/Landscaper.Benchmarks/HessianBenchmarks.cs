using BenchmarkDotNet.Attributes;
using Landscaper.Hessian;
using Landscaper.Models;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Benchmarks;

/// <summary>One gradient vs one Hessian-vector product (uncached and cached) on the built-in digits models, 1 torch
/// thread, float64. Run: <c>dotnet run -c Release --project tests/Landscaper.Benchmarks -- --filter *Hessian*</c>.
/// The solver comparison (HVP counts) is in <c>landscaper bench hessian</c>.</summary>
[MemoryDiagnoser]
public class HessianBenchmarks
{
    private HessianOperator _op = null!, _cached = null!;
    private Tensor _v = null!;

    /// <summary>Built-in model name.</summary>
    [Params("mlp-digits", "cnn-digits")]
    public string Model { get; set; } = "mlp-digits";

    /// <summary>Trains the model and prepares the operators.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Landscaper.Native.TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
        var t = BuiltInModel.Create(Model, 0, 10, 256, ScalarType.Float64);
        _op = new HessianOperator(ParameterSelection.All(t.Model), t.AnalysisBatches);
        _cached = new HessianOperator(ParameterSelection.All(t.Model), t.AnalysisBatches, null, new HessianOptions(CacheGradients: true));
        _v = randn(new[] { _op.Dimension }, dtype: ScalarType.Float64, generator: new Generator(1));
    }

    /// <summary>Frees the operators.</summary>
    [GlobalCleanup]
    public void Cleanup() { _op.Dispose(); _cached.Dispose(); }

    /// <summary>One gradient (forward + backward).</summary>
    [Benchmark(Baseline = true)]
    public void Gradient() { using var s = NewDisposeScope(); _op.Gradient(); }

    /// <summary>One product by double backward.</summary>
    [Benchmark]
    public void Hvp() { using var s = NewDisposeScope(); _op.Apply(_v); }

    /// <summary>One product with the gradient graph cached.</summary>
    [Benchmark]
    public void HvpCached() { using var s = NewDisposeScope(); _cached.Apply(_v); }
}
