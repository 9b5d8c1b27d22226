using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Language.Bert;
using Landscaper.ParameterSpace;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Landscaper.Language.Tests;

/// <summary>The tail of the classifier on cached hidden states is the classifier restricted to its top layers: same logits, same
/// loss, same Hessian-vector products over the same parameter subset, and it shares (does not copy) the parameters.</summary>
[Collection(MiniLmCollection.Name)]
public class ClassifierTailTests(MiniLmFixture fixture, ITestOutputHelper output)
{
    private Batch MakeBatch(int count, int maxLength)
    {
        var texts = fixture.Data.Train.Where(t => t.Label == 0).Take(count / 2).Concat(fixture.Data.Train.Where(t => t.Label == 1).Take(count - count / 2)).ToArray();
        var encoded = fixture.Tokenizer.EncodeBatch(texts.Select(t => t.Text).ToArray(), maxLength);
        return new Batch(encoded.Packed(), tensor(texts.Select(t => (long)t.Label).ToArray(), [texts.Length]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(0)]
    public void Logits_on_cached_hidden_states_equal_the_classifiers(int layers)
    {
        using var encoder = BertOnnxLoader.Load(fixture.Model, BertConfig.MiniLmL6);
        using var model = new BertClassifier(encoder, numClasses: 2, seed: 1);
        model.eval();
        var batch = MakeBatch(6, 40);
        var tail = new BertClassifierTail(model, layers);
        var cached = tail.Cache([batch]);
        using var _ = no_grad();
        var full = model.call(batch.Input);
        var viaTail = tail.call(cached[0].Input);
        double diff = (full - viaTail).abs().max().item<float>();
        output.WriteLine($"{layers} layer(s): max |Δ logits| = {diff:e2}");
        Assert.True(diff <= 1e-5, $"max |Δ| {diff:e3}");
        Assert.Equal(batch.Size, cached[0].Size);
        Assert.Equal(new long[] { 6, batch.Input.shape[2], 385 }, cached[0].Input.shape);
        // Shared, not copied: the tail's parameters are the classifier's tensors with the named prefixes.
        var subset = ParameterSelection.Where(model, n => tail.ClassifierParameterPrefixes.Any(n.StartsWith));
        var own = tail.parameters().ToArray();
        Assert.Equal(subset.Parameters.Count, own.Length);
        Assert.All(own, p => Assert.Contains(subset.Parameters, q => q.Handle == p.Handle));
        tail.Dispose();   // must not free the classifier's modules
        Assert.False(model.Head.weight!.IsInvalid);
    }

    [Fact]
    public void Hessian_vector_products_over_the_tail_equal_those_of_the_classifier_restricted_to_the_same_subset()
    {
        using var encoder = BertOnnxLoader.Load(fixture.Model, BertConfig.MiniLmL6, ScalarType.Float64);
        using var model = new BertClassifier(encoder, numClasses: 2, seed: 2);
        var batch = MakeBatch(4, 24);
        var tail = new BertClassifierTail(model, 1);
        var cached = tail.Cache([batch]);
        var subset = ParameterSelection.Where(model, n => tail.ClassifierParameterPrefixes.Any(n.StartsWith));
        using var full = new HessianOperator(subset, [batch]);
        using var viaTail = HessianOperator.ForModel(tail, cached);
        Assert.Equal(full.Dimension, viaTail.Dimension);
        // Align the two parameter orders by tensor identity.
        var tailParameters = ParameterSelection.All(tail).Parameters;
        var order = tailParameters.Select(p => subset.Parameters.ToList().FindIndex(q => q.Handle == p.Handle)).ToArray();
        Assert.DoesNotContain(-1, order);
        using var scope = NewDisposeScope();
        var v = randn(full.Dimension, dtype: ScalarType.Float64, generator: new Generator(7, device: CPU));
        var vParts = subset.Unflatten(v);
        var vTail = ParameterSelection.All(tail).Flatten(order.Select(i => vParts[i]).ToArray());
        var hvFull = subset.Unflatten(full.Apply(v));
        var hvTail = ParameterSelection.All(tail).Unflatten(viaTail.Apply(vTail));
        double num = 0, den = 0;
        for (int i = 0; i < order.Length; i++)
        {
            num += (hvTail[i] - hvFull[order[i]]).pow(2).sum().item<double>();
            den += hvFull[order[i]].pow(2).sum().item<double>();
        }
        double relative = Math.Sqrt(num / den);
        output.WriteLine($"dimension {full.Dimension}: ‖Hv(tail) − Hv(classifier)‖/‖Hv‖ = {relative:e2}");
        Assert.True(den > 0);
        Assert.True(relative < 1e-10, $"relative difference {relative:e3}");
    }

    [Fact]
    public void A_batch_that_is_not_a_cached_tail_batch_is_refused_with_a_clear_message()
    {
        using var encoder = BertOnnxLoader.Load(fixture.Model, BertConfig.MiniLmL6);
        using var model = new BertClassifier(encoder, numClasses: 2, seed: 1);
        var tail = new BertClassifierTail(model, 1);
        var ex = Assert.Throws<ArgumentException>(() => tail.call(MakeBatch(2, 10).Input));
        Assert.Contains("Cache", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BertClassifierTail(model, 7));
    }
}
