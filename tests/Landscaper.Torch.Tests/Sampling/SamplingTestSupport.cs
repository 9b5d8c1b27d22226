using Landscaper.Data;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using Landscaper.Sampling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Sampling;

/// <summary>Serialises every sampling test (they share one trained model whose parameters the sampler moves).</summary>
[CollectionDefinition("Sampling", DisableParallelization = true)]
public sealed class SamplingCollection { }

internal static class SamplingTestSupport
{
    private static readonly Lazy<TrainedModel> Mlp = new(() =>
    {
        Init();
        return BuiltInModel.Create("mlp-digits", seed: 0, epochs: 2, analysisSamples: 128);
    });

    public static void Init()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
    }

    public static TrainedModel Model => Mlp.Value;

    public static DirectionSet Random(int count, int seed = 1) =>
        RandomDirections.Orthonormal(ParameterSelection.All(Model.Model), count, seed);

    public static byte[][] ParameterBytes(nn.Module module) =>
        module.parameters().Select(p => p.detach().contiguous().bytes.ToArray()).ToArray();

    public static void AssertBitIdentical(byte[][] expected, byte[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"parameter {i} changed");
    }

    public static unsafe nint Address(Tensor t)
    {
        fixed (byte* b = t.bytes) return (nint)b;
    }

}

/// <summary>A module that only holds parameters (float64), for analytic scalar functions.</summary>
internal sealed class ParameterHolder : nn.Module<Tensor, Tensor>
{
    public ParameterHolder(params double[][] values) : base("holder")
    {
        for (int i = 0; i < values.Length; i++)
            register_parameter($"p{i}", new Parameter(tensor(values[i], ScalarType.Float64)));
    }

    public override Tensor forward(Tensor input) => input;

    /// <summary>All parameter values, flattened in order (float64).</summary>
    public double[] Values() => parameters().SelectMany(p => p.detach().data<double>().ToArray()).ToArray();
}
