using Landscaper.Language.Bert;
using Landscaper.Language.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Landscaper.Language.Tests;

/// <summary>The TorchSharp encoder against ONNX Runtime running the same ONNX bytes (the oracle).</summary>
[Collection(MiniLmCollection.Name)]
public class OrtEquivalenceTests(MiniLmFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] HandWritten =
    [
        "The loss landscape of a fine-tuned transformer.",
        "Café owners in Zürich don't like spam!!!",
        "Win $1,000,000 now — click here: limited offer (100% free).",
        "a",
        "Hessian-vector products via double backward: Pearlmutter's trick, 1994.",
    ];

    private List<string[]> Batches()
    {
        var subjects = fixture.Data.All.Select(r => r.Subject).Where(s => s.Length > 0).ToArray();
        // Short subjects, longer e-mail texts (truncated to 64 tokens), shifted-distribution subjects, hand-written.
        return
        [
            subjects.Take(6).ToArray(),
            fixture.Data.Train.Skip(40).Take(4).Select(r => r.Text).Concat(subjects.Skip(10).Take(2)).ToArray(),
            fixture.Data.Shifted.Skip(5).Take(5).Select(r => r.Subject).Concat(["Re:"]).ToArray(),
            HandWritten,
        ];
    }

    private static float[] RunOrt(InferenceSession session, EncodedBatch batch, out int[] shape)
    {
        var dims = new[] { batch.BatchSize, batch.Length };
        var ids = new DenseTensor<long>(Enumerable.Range(0, batch.BatchSize).SelectMany(batch.Ids).ToArray(), dims);
        var mask = new DenseTensor<long>(Enumerable.Range(0, batch.BatchSize).SelectMany(batch.Mask).ToArray(), dims);
        var types = new DenseTensor<long>(new long[batch.BatchSize * batch.Length], dims);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ]);
        var hidden = results.First(r => r.Name == "last_hidden_state").AsTensor<float>();
        shape = hidden.Dimensions.ToArray();
        return hidden.ToArray();
    }

    private static InferenceSession Session(byte[] onnx)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 };
        return new InferenceSession(onnx, options);
    }

    [Fact]
    public void Last_hidden_state_and_sentence_embeddings_match_onnx_runtime()
    {
        using var session = Session(fixture.OnnxBytes);
        var encoder = fixture.Float32;
        double worst = 0, worstCosine = 1;
        int batchIndex = 0;
        foreach (var texts in Batches())
        {
            var batch = fixture.Tokenizer.EncodeBatch(texts, maxLength: 64);
            var expected = RunOrt(session, batch, out var shape);
            Assert.Equal([batch.BatchSize, batch.Length, 384], shape);
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var ids = batch.IdsTensor();
            var mask = batch.MaskTensor();
            var hidden = encoder.call(ids, mask);
            var reference = tensor(expected, [batch.BatchSize, batch.Length, 384]);
            // Compare real tokens (mask = 1); padded positions are compared in the padding test.
            var real = mask.to_type(ScalarType.Bool).unsqueeze(-1);
            double diff = (hidden - reference).abs().masked_fill(real.logical_not(), 0).max().item<float>();
            var ours = nn.functional.normalize(MaskedMeanPooling.Apply(hidden, mask), p: 2, dim: 1);
            var theirs = nn.functional.normalize(MaskedMeanPooling.Apply(reference, mask), p: 2, dim: 1);
            double cosine = (ours * theirs).sum(1).min().item<float>();
            output.WriteLine($"batch {batchIndex++}: {batch.BatchSize}×{batch.Length} tokens, max |Δ last_hidden_state| = {diff:e2}, min cosine = {cosine:F9}");
            worst = Math.Max(worst, diff);
            worstCosine = Math.Min(worstCosine, cosine);
        }
        output.WriteLine($"overall: max |Δ| = {worst:e2}, min cosine = {worstCosine:F9}");
        Assert.True(worst <= 1e-4, $"max |Δ last_hidden_state| = {worst:e3} > 1e-4");
        Assert.True(worstCosine >= 0.99999, $"min cosine = {worstCosine:F9} < 0.99999");
    }

    [Fact]
    public void Padding_does_not_change_the_real_tokens()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var encoder = fixture.Float32;
        string[] texts = [HandWritten[0], HandWritten[3], fixture.Data.Train[3].Text];
        var padded = fixture.Tokenizer.EncodeBatch(texts, maxLength: 64, padToMaxLength: true);
        var batchHidden = encoder.call(padded.IdsTensor(), padded.MaskTensor());
        double worst = 0;
        for (int i = 0; i < texts.Length; i++)
        {
            var alone = fixture.Tokenizer.EncodeBatch([texts[i]], maxLength: 64);
            Assert.True(alone.Length < padded.Length || i == 2, "the test needs padded rows");
            var single = encoder.call(alone.IdsTensor(), alone.MaskTensor());
            var rows = batchHidden[i].narrow(0, 0, alone.Length);
            worst = Math.Max(worst, (rows - single[0]).abs().max().item<float>());
        }
        output.WriteLine($"max |Δ| between padded batch and unpadded single rows: {worst:e2}");
        Assert.True(worst <= 1e-5, $"padding changed real tokens by {worst:e3}");
    }

    [Fact]
    public void Float64_encoder_agrees_with_float32_onnx_runtime()
    {
        using var session = Session(fixture.OnnxBytes);
        using var encoder = BertOnnxLoader.Load(fixture.Model, BertConfig.MiniLmL6, ScalarType.Float64);
        Assert.All(encoder.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        var batch = fixture.Tokenizer.EncodeBatch(HandWritten, maxLength: 64);
        var expected = RunOrt(session, batch, out _);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var mask = batch.MaskTensor();
        var hidden = encoder.call(batch.IdsTensor(), mask);
        Assert.Equal(ScalarType.Float64, hidden.dtype);
        var reference = tensor(expected, [batch.BatchSize, batch.Length, 384]).to_type(ScalarType.Float64);
        var real = mask.to_type(ScalarType.Bool).unsqueeze(-1);
        double diff = (hidden - reference).abs().masked_fill(real.logical_not(), 0).max().item<double>();
        output.WriteLine($"float64 encoder vs ORT float32: max |Δ| = {diff:e2}");
        Assert.True(diff <= 1e-4, $"{diff:e3}");
    }
}
