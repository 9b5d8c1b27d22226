using Landscaper.ParameterSpace;
using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Language.Bert;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Landscaper.Language.Tests;

/// <summary>The workbench's HessianOperator, unchanged, on the pre-trained MiniLM classifier (float64).</summary>
[Collection(MiniLmCollection.Name)]
public class HessianThroughBertTests(MiniLmFixture fixture, ITestOutputHelper output)
{
    private static bool LastLayerOrHead(string name) =>
        name.StartsWith("bert.encoder.layer.5.", StringComparison.Ordinal) || name.StartsWith("head.", StringComparison.Ordinal);

    [Fact]
    public void Hvp_on_last_layer_and_head_matches_finite_differences_of_gradients_and_is_symmetric()
    {
        using var encoder = BertOnnxLoader.Load(fixture.Model, BertConfig.MiniLmL6, ScalarType.Float64);
        using var model = new BertClassifier(encoder, numClasses: 2, seed: 3);
        var texts = new[] { fixture.Data.Train[0], fixture.Data.Train.First(r => r.Label == 1) };
        var encoded = fixture.Tokenizer.EncodeBatch(texts.Select(t => t.Text).ToArray(), maxLength: 16);
        var batch = new Batch(encoded.Packed(), tensor(texts.Select(t => (long)t.Label).ToArray(), [texts.Length]));
        var selection = ParameterSelection.Where(model, LastLayerOrHead);
        Assert.Equal(16 + 2, selection.Names.Count);
        Assert.All(selection.Names, n => Assert.True(LastLayerOrHead(n), n));

        using var op = new HessianOperator(selection, [batch]); // default loss: cross-entropy of model(batch.Input)
        using var scope = NewDisposeScope();
        var v = randn(op.Dimension, dtype: ScalarType.Float64, generator: new Generator(11, device: CPU));
        v /= v.norm();
        var hv = op.Apply(v);

        // Central difference of gradients along v: (∇L(θ + εv) − ∇L(θ − εv)) / 2ε.
        const double eps = 1e-4;
        var theta = selection.Snapshot();
        var parts = selection.Unflatten(v);
        Tensor GradientAt(double step)
        {
            using (no_grad())
                for (int i = 0; i < theta.Length; i++) selection.Parameters[i].copy_(theta[i] + step * parts[i]);
            return selection.Flatten(op.Gradient()).to_type(ScalarType.Float64);
        }
        var plus = GradientAt(eps);
        var minus = GradientAt(-eps);
        selection.Restore(theta);
        var fd = (plus - minus) / (2 * eps);
        double relative = (hv - fd).norm().item<double>() / hv.norm().item<double>();
        double symmetry = op.SymmetryError(seed: 5);
        output.WriteLine($"dimension {op.Dimension}, ‖Hv‖ = {hv.norm().item<double>():e3}, ‖Hv − FD‖/‖Hv‖ = {relative:e2}, symmetry error = {symmetry:e2}");
        Assert.True(hv.norm().item<double>() > 0);
        Assert.True(relative < 1e-6, $"relative FD error {relative:e3}");
        Assert.True(symmetry < 1e-10, $"symmetry error {symmetry:e3}");
        Assert.True(op.SwitchedToEval); // the classifier's dropout was on; products are taken in eval mode
    }
}
