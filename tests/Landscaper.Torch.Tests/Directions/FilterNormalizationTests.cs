using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Directions;

public class FilterNormalizationTests
{
    public FilterNormalizationTests() { TorchNative.EnsureLoaded(); torch.set_num_threads(1); }

    private static ParameterSelection Cnn() => ParameterSelection.All(Seeded.Create(3, () => new SmallCnn(filters: 3, hidden: 6)));

    private static double[] RowNorms(Tensor t) => t.reshape(t.shape[0], -1).to_type(ScalarType.Float64).square().sum(1).sqrt().data<double>().ToArray();

    [Theory]
    [InlineData(OneDimensionalPolicy.Zero)]
    [InlineData(OneDimensionalPolicy.Keep)]
    [InlineData(OneDimensionalPolicy.Normalize)]
    public void Every_filter_gets_the_norm_of_the_weight_filter(OneDimensionalPolicy policy)
    {
        var sel = Cnn();
        var raw = RandomDirections.Orthonormal(sel, 2, seed: 5);
        var norm = FilterNormalization.Apply(raw, policy);
        Assert.Equal("filter-normalized", norm.Kind);
        Assert.Equal(raw.Names, norm.Names);
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < sel.Parameters.Count; i++)
            {
                var d = norm.Directions[k][i];
                var w = sel.Parameters[i];
                if (w.dim() >= 2)
                {
                    var dn = RowNorms(d);
                    var wn = RowNorms(w);
                    Assert.Equal(w.shape[0], dn.Length);
                    for (int f = 0; f < dn.Length; f++) Assert.Equal(wn[f], dn[f], 5);
                }
                else if (policy == OneDimensionalPolicy.Zero) Assert.Equal(0.0, d.abs().max().item<float>());
                else if (policy == OneDimensionalPolicy.Keep) Assert.True(d.equal(raw.Directions[k][i]).all().item<bool>());
                else Assert.Equal(w.norm().item<float>(), d.norm().item<float>(), 4);
            }
    }

    [Fact]
    public void Explicit_reference_weights_are_used_and_checked()
    {
        var sel = Cnn();
        var raw = RandomDirections.Orthonormal(sel, 1, seed: 2);
        var weights = sel.Parameters.Select(p => ones_like(p) * 2).ToArray();
        var norm = FilterNormalization.Apply(raw, OneDimensionalPolicy.Zero, weights);
        var fc1 = norm.Directions[0][sel.Names.ToList().IndexOf("fc1.weight")];
        double expected = 2 * Math.Sqrt(fc1.shape[1]);
        Assert.All(RowNorms(fc1), n => Assert.Equal(expected, n, 4));
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => FilterNormalization.Apply(raw, OneDimensionalPolicy.Zero, weights.Take(2).ToArray())).ParamName);
    }
}
