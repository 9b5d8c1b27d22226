using Landscaper.Data;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Tests.Data;

[Collection("torch-serial")]
public class BatchTests
{
    public BatchTests() => TorchRuntime.Initialize(threads: 1);

    [Theory]
    [InlineData(10, 3, new long[] { 3, 3, 3, 1 })]
    [InlineData(10, 10, new long[] { 10 })]
    [InlineData(10, 64, new long[] { 10 })]
    [InlineData(1, 1, new long[] { 1 })]
    public void Split_cuts_contiguous_batches_in_order(int n, int size, long[] expected)
    {
        var x = arange(n * 2, dtype: ScalarType.Float32).reshape(n, 2);
        var y = arange(n, dtype: ScalarType.Int64);
        var batches = Batch.Split(x, y, size);
        Assert.Equal(expected, batches.Select(b => b.Size).ToArray());
        Assert.Equal(Enumerable.Range(0, n).Select(i => (long)i), batches.SelectMany(b => b.Target.data<long>().ToArray()));
        Assert.All(batches, b => Assert.Equal(b.Target.data<long>().Select(v => (float)(2 * v)), b.Input[.., 0].data<float>().ToArray()));
    }

    [Fact]
    public void Shuffled_split_is_a_permutation_that_keeps_pairs_and_depends_only_on_the_seed()
    {
        var x = arange(50, dtype: ScalarType.Float32).reshape(50, 1);
        var y = arange(50, dtype: ScalarType.Int64);
        long[] Order(int seed) => Batch.Split(x, y, 7, shuffleSeed: seed).SelectMany(b => b.Target.data<long>().ToArray()).ToArray();
        var a = Order(3);
        Assert.Equal(a, Order(3));
        Assert.NotEqual(a, Order(4));
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i), a);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), a.Order());
        foreach (var b in Batch.Split(x, y, 7, shuffleSeed: 3))
            Assert.Equal(b.Target.data<long>().Select(v => (float)v), b.Input[.., 0].data<float>().ToArray());
    }

    [Fact]
    public void Split_refuses_what_does_not_fit_with_the_reason()
    {
        var x = zeros(5, 2);
        Assert.Contains("targets have 4", Assert.Throws<ArgumentException>(() => Batch.Split(x, zeros(4, dtype: ScalarType.Int64), 2)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentException>(() => Batch.Split(x, zeros(5, dtype: ScalarType.Int64), 0)).Message);
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => Batch.Split(zeros(0, 2), zeros(0, dtype: ScalarType.Int64), 2)).Message);
        Assert.Contains("sample dimension", Assert.Throws<ArgumentException>(() => Batch.Split(tensor(1f), zeros(1, dtype: ScalarType.Int64), 2)).Message);
    }

    [Fact]
    public void Probe_returns_the_first_batch_loss_and_names_every_misfit_before_libtorch_sees_it()
    {
        using var model = nn.Linear(3, 4);
        var x = randn(6, 3);
        var labels = tensor(new long[] { 0, 1, 2, 3, 0, 1 });
        double loss = BatchLoss.Probe(model, Batch.Split(x, labels, 6));
        Assert.Equal(nn.functional.cross_entropy(model.call(x), labels).ToDouble(), loss, 6);

        Assert.Contains("[0, 4)", Assert.Throws<ArgumentException>(() => BatchLoss.Probe(model, Batch.Split(x, tensor(new long[] { 0, 1, 2, 3, 4, 0 }), 6))).Message);
        Assert.Contains("Float64", Assert.Throws<ArgumentException>(() => BatchLoss.Probe(model, Batch.Split(x.to_type(ScalarType.Float64), labels, 6))).Message);
        Assert.Contains("cannot run", Assert.Throws<ArgumentException>(() => BatchLoss.Probe(model, Batch.Split(randn(6, 5), labels, 6))).Message);
        Assert.Contains("target's shape", Assert.Throws<ArgumentException>(() => BatchLoss.Probe(model, Batch.Split(x, randn(6, 2), 6))).Message);
        var nan = x.clone(); nan[0, 0] = tensor(float.NaN);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => BatchLoss.Probe(model, Batch.Split(nan, labels, 6))).Message);
        Assert.Contains("No batches", Assert.Throws<ArgumentException>(() => BatchLoss.Probe(model, [])).Message);
    }
}
