using Landscaper.Native;
using Landscaper.Models;
using static TorchSharp.torch;

namespace Landscaper.Tests.Models;

[Collection("torch-serial")]
public class ModelTests
{
    public ModelTests() => TorchRuntime.Initialize(threads: 1);

    private static long Count(nn.Module m) => m.parameters().Sum(p => p.numel());

    [Fact]
    public void Output_shapes()
    {
        using var resnet = Seeded.Create(0, () => new SmallResNet(1, 10, width: 8, blocks: 4));
        Assert.Equal([5L, 10], resnet.call(rand(5, 1, 8, 8)).shape);
        using var rgb = Seeded.Create(0, () => new SmallResNet(3, 7, width: 4, blocks: 3, skip: false));
        Assert.Equal([2L, 7], rgb.call(rand(2, 3, 32, 32)).shape);
        using var vit = Seeded.Create(0, () => new TinyVit(8, 2, 1, 10));
        Assert.Equal([5L, 10], vit.call(rand(5, 1, 8, 8)).shape);
        Assert.Equal([5L, 10], vit.call(rand(5, 64)).shape);
        using var vit32 = Seeded.Create(0, () => new TinyVit(32, 8, 3, 10, dim: 16, depth: 1, heads: 2, mlpDim: 16));
        Assert.Equal(16 + 1, vit32.Tokens);
        Assert.Equal([2L, 10], vit32.call(rand(2, 3, 32, 32)).shape);
    }

    [Fact]
    public void Parameter_counts_and_names()
    {
        Assert.Equal(10_978, Count(BuiltInModel.Build("resnet-digits").Model));
        Assert.Equal(10_818, Count(BuiltInModel.Build("resnet-noskip-digits").Model));
        Assert.Equal(18_218, Count(BuiltInModel.Build("vit-digits").Model));
        var names = BuiltInModel.Build("vit-digits").Model.named_parameters().Select(p => p.name).ToList();
        Assert.Contains("cls_token", names);
        Assert.Contains("pos_embed", names);
        Assert.Contains("blocks.1.attn.qkv.weight", names);
        var resnet = BuiltInModel.Build("resnet-digits").Model;
        Assert.Contains("blocks.2.proj.weight", resnet.named_parameters().Select(p => p.name));
        Assert.Empty(resnet.named_buffers());   // GroupNorm: no running statistics
        Assert.DoesNotContain(BuiltInModel.Build("resnet-noskip-digits").Model.named_parameters(), p => p.name.Contains("proj"));
    }

    [Fact]
    public void Every_built_in_model_starts_with_finite_parameters()
    {
        // Regression: TorchSharp 0.107's GroupNorm leaves weight and bias uninitialised (garbage, even NaN).
        foreach (var name in BuiltInModel.Names)
            foreach (var (n, p) in BuiltInModel.Build(name, 3).Model.named_parameters())
                Assert.True(p.isfinite().all().item<bool>(), $"{name}: {n} is not finite");
        var norm = BasicBlock.Norm(8);
        Assert.True(norm.Weight.eq(1).all().item<bool>() && norm.Bias.eq(0).all().item<bool>());
    }

    [Theory]
    [InlineData("resnet-digits")]
    [InlineData("resnet-noskip-digits")]
    [InlineData("vit-digits")]
    public void Same_seed_gives_identical_parameters(string name)
    {
        var a = BuiltInModel.Build(name, 7).Model.parameters().ToArray();
        var b = BuiltInModel.Build(name, 7).Model.parameters().ToArray();
        var c = BuiltInModel.Build(name, 8).Model.parameters().ToArray();
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(a[i].eq(b[i]).all().item<bool>(), $"parameter {i} differs");
        Assert.Contains(Enumerable.Range(0, a.Length), i => !a[i].eq(c[i]).all().item<bool>());
    }

    [Theory]
    [InlineData("resnet-digits")]
    [InlineData("vit-digits")]
    public void Bad_inputs_throw_instead_of_aborting(string name)
    {
        var m = BuiltInModel.Build(name).Model;
        Assert.Contains("[batch, 1,", Assert.Throws<ArgumentException>(() => m.call(zeros(2, 3, 8, 8))).Message);
        Assert.Throws<ArgumentException>(() => m.call(zeros(1, 8, 8)));
        Assert.Throws<ArgumentException>(() => m.call(zeros(2, 63)));
        Assert.Throws<ArgumentException>(() => m.call(zeros(0, 1, 8, 8)));
        Assert.Contains("Float64", Assert.Throws<ArgumentException>(() => m.call(zeros(2, 1, 8, 8, dtype: ScalarType.Float64))).Message);
        if (name == "vit-digits") Assert.Contains("[batch, 1, 8, 8]", Assert.Throws<ArgumentException>(() => m.call(zeros(2, 1, 10, 10))).Message);
    }

    [Fact]
    public void Attention_rejects_mismatched_tokens_and_geometry()
    {
        using var attn = new MultiHeadSelfAttention(8, 2);
        Assert.Equal([3L, 5, 8], attn.call(rand(3, 5, 8)).shape);
        Assert.Throws<ArgumentException>(() => attn.call(rand(3, 5, 7)));
        Assert.Throws<ArgumentException>(() => attn.call(rand(5, 8)));
        Assert.Throws<InvalidOperationException>(() => MultiHeadSelfAttention.EnsureMatmul(rand(2, 3, 4), rand(2, 5, 4), "x"));
        Assert.Throws<ArgumentException>(() => new MultiHeadSelfAttention(10, 3));
        Assert.Throws<ArgumentException>(() => new TinyVit(8, 3, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmallResNet(1, 10, width: 0));
        Assert.Throws<ArgumentException>(() => BuiltInModel.Build("nope"));
    }
}
