using Landscaper.ParameterSpace;
using Landscaper.Hessian;
using Landscaper.Language.Bert;
using Landscaper.Language.Data;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Language.Tests;

[Collection(MiniLmCollection.Name)]
public class BertClassifierTests(MiniLmFixture fixture)
{
    [Fact]
    public void The_packed_batch_format_works_with_the_existing_trainer_and_hessian_code()
    {
        using var model = new BertClassifier(BertOnnxLoader.Load(fixture.Model, BertConfig.MiniLmL6), numClasses: 2, seed: 7);
        var names = model.named_parameters().Select(p => p.name).ToArray();
        Assert.Contains("bert.encoder.layer.0.attention.self.query.weight", names);
        Assert.Equal(["head.weight", "head.bias"], names.TakeLast(2));
        Assert.All(names, n => Assert.True(n.StartsWith("bert.", StringComparison.Ordinal) || n.StartsWith("head.", StringComparison.Ordinal), n));

        var batches = TextBatches.Create(fixture.Tokenizer, fixture.Data.Test.Take(6).ToArray(), batchSize: 3, maxLength: 24);
        var evaluation = Trainer.Evaluate(model, batches);
        Assert.True(double.IsFinite(evaluation.Loss) && evaluation.Loss > 0);
        Assert.InRange(evaluation.Accuracy, 0, 1);
        using var op = new HessianOperator(ParameterSelection.Where(model, n => n.StartsWith("head.", StringComparison.Ordinal)), batches);
        Assert.Equal(evaluation.Loss, op.Loss(), 5);

        using var logits = model.call(batches[0].Input);
        Assert.Equal([3L, 2], logits.shape);
    }

    [Fact]
    public void The_head_is_seeded_and_follows_the_encoder_dtype()
    {
        using var a = new BertClassifier(new BertEncoder(BertConfig.MiniLmL6 with { NumLayers = 1, VocabSize = 50 }), 3, seed: 5);
        using var b = new BertClassifier(new BertEncoder(BertConfig.MiniLmL6 with { NumLayers = 1, VocabSize = 50 }), 3, seed: 5);
        var wa = a.named_parameters().Single(p => p.name == "head.weight").parameter;
        var wb = b.named_parameters().Single(p => p.name == "head.weight").parameter;
        Assert.Equal(0f, (wa - wb).abs().max().item<float>());
        Assert.InRange(Math.Sqrt(wa.pow(2).mean().item<float>()), 0.012, 0.028); // N(0, 0.02²) over 3×384 entries
        var encoder64 = new BertEncoder(BertConfig.MiniLmL6 with { NumLayers = 1, VocabSize = 50 });
        encoder64.to(ScalarType.Float64);
        using var c = new BertClassifier(encoder64, 2);
        Assert.All(c.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.Throws<ArgumentException>(() => new BertClassifier(new BertEncoder(BertConfig.MiniLmL6 with { NumLayers = 1 }), 1));
    }
}
