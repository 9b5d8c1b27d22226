using Landscaper.Language.Bert;
using Landscaper.Language.Onnx;
using static TorchSharp.torch;

namespace Landscaper.Language.Tests;

[Collection(MiniLmCollection.Name)]
public class BertMappingTests(MiniLmFixture fixture)
{
    [Fact]
    public void The_real_export_is_read_completely()
    {
        var m = fixture.Model;
        Assert.Equal(("pytorch", 7L), (m.ProducerName, m.IrVersion));
        Assert.Equal(13, m.Opsets.Single(o => o.Domain == "").Version);
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], m.Graph.Inputs.Select(i => i.Name));
        Assert.All(m.Graph.Inputs, i => Assert.Equal("Int64[batch, sequence]", i.ToString()[(i.Name.Length + 2)..]));
        Assert.Equal("last_hidden_state", m.Graph.Outputs[0].Name);
        Assert.Equal(650, m.Graph.Nodes.Count);
        Assert.Equal(6, m.Graph.Nodes.Count(n => n.OpType == "Softmax"));
        Assert.Equal(6, m.Graph.Nodes.Count(n => n.OpType == "Erf"));
        var word = m.Graph.Initializers.Single(t => t.Name == "embeddings.word_embeddings.weight");
        Assert.Equal([30522L, 384], word.Dims);
        var values = word.ToSingles();
        Assert.All(values.Take(10_000), v => Assert.True(float.IsFinite(v)));
        long floats = m.Graph.Initializers.Where(t => t.DataType == OnnxDataType.Float).Sum(t => t.ElementCount);
        Assert.Equal(22_565_376 + 384 * 384 + 384, floats); // encoder + pooler
    }

    [Fact]
    public void The_graph_implies_the_minilm_configuration_and_binds_every_parameter_once()
    {
        var map = BertOnnxMapper.Map(fixture.Model.Graph);
        Assert.Equal(BertConfig.MiniLmL6 with { LayerNormEps = map.Config.LayerNormEps }, map.Config);
        Assert.Equal(1e-12, map.Config.LayerNormEps, 1e-18);
        using var encoder = new BertEncoder(BertConfig.MiniLmL6);
        var names = encoder.named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), map.Bindings.Select(b => b.Parameter).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(map.Bindings.Count, map.Bindings.Select(b => b.Initializer).Distinct().Count());
        Assert.Equal(22_565_376, encoder.parameters().Sum(p => p.numel()));
        Assert.Equal(["pooler.dense.bias", "pooler.dense.weight"], map.Ignored.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Graph_walking_agrees_with_the_exporter_names_wherever_there_are_names()
    {
        // Biases, LayerNorms and embeddings keep their PyTorch names in this export; MatMul weights are anonymous.
        // The mapper never reads names, so every named initializer must land on the parameter of the same name.
        var map = BertOnnxMapper.Map(fixture.Model.Graph);
        var named = map.Bindings.Where(b => !long.TryParse(b.Initializer, out _)).ToList();
        var anonymous = map.Bindings.Where(b => long.TryParse(b.Initializer, out _)).ToList();
        Assert.Equal(65, named.Count); // 5 embedding tensors + 10 named per layer × 6
        Assert.All(named, b => Assert.Equal(b.Parameter, b.Initializer));
        Assert.Equal(36, anonymous.Count); // 6 MatMul weights × 6 layers
        Assert.All(anonymous, b => Assert.True(b.Transpose && b.Parameter.EndsWith(".weight", StringComparison.Ordinal), b.Parameter));
    }

    [Fact]
    public void Renaming_every_initializer_does_not_change_the_mapping()
    {
        var g = fixture.Model.Graph;
        var rename = g.Initializers.Select((t, i) => (t.Name, New: $"t{i}")).ToDictionary(x => x.Name, x => x.New);
        string R(string v) => rename.TryGetValue(v, out var n) ? n : v;
        var renamed = g with
        {
            Initializers = g.Initializers.Select(t => t with { Name = rename[t.Name] }).ToArray(),
            Nodes = g.Nodes.Select(n => n with { Inputs = n.Inputs.Select(R).ToArray() }).ToArray(),
        };
        var original = BertOnnxMapper.Map(g).Bindings.ToDictionary(b => b.Parameter, b => rename[b.Initializer]);
        var after = BertOnnxMapper.Map(renamed).Bindings.ToDictionary(b => b.Parameter, b => b.Initializer);
        Assert.Equal(original, after);
    }

    [Fact]
    public void A_tanh_gelu_is_rejected()
    {
        var g = fixture.Model.Graph;
        var tanh = g with { Nodes = g.Nodes.Select(n => n.OpType == "Erf" ? n with { OpType = "Tanh" } : n).ToArray() };
        var ex = Assert.Throws<BertMappingException>(() => BertOnnxMapper.Map(tanh));
        Assert.Contains("erf GELU", ex.Message);
    }

    [Fact]
    public void An_unused_float_initializer_is_reported()
    {
        var g = fixture.Model.Graph;
        var extra = new OnnxTensor("mystery", [3], OnnxDataType.Float, new byte[12], [], [], [], [], false);
        var ex = Assert.Throws<BertMappingException>(() => BertOnnxMapper.Map(g with { Initializers = [.. g.Initializers, extra] }));
        Assert.Contains("mystery [3]", ex.Message);
        Assert.Contains("not mapped", ex.Message);
    }

    [Fact]
    public void A_missing_residual_connection_is_reported()
    {
        var g = fixture.Model.Graph;
        // Cut the first attention residual: Add(attention_output, hidden) → Add(attention_output, attention_output).
        var map = BertOnnxMapper.Map(g);
        var index = new OnnxGraphIndex(g);
        var denseBias = map.Bindings.Single(b => b.Parameter == "encoder.layer.0.attention.output.dense.bias").Initializer;
        var biasAdd = index.Consumers(denseBias).Single().Node;
        var residual = index.Consumers(biasAdd.Outputs[0]).Single(c => c.Node.OpType == "Add").Node;
        var broken = g with
        {
            Nodes = g.Nodes.Select(n => ReferenceEquals(n, residual) ? n with { Inputs = [biasAdd.Outputs[0], biasAdd.Outputs[0]] } : n).ToArray(),
        };
        var ex = Assert.Throws<BertMappingException>(() => BertOnnxMapper.Map(broken));
        Assert.Contains("Layer 0", ex.Message);
    }

    [Fact]
    public void A_configuration_that_differs_from_the_graph_is_rejected_before_loading()
    {
        var ex = Assert.Throws<BertMappingException>(() => BertOnnxLoader.Load(fixture.Model, BertConfig.MiniLmL6 with { NumHeads = 6, IntermediateSize = 1024 }));
        Assert.Contains("NumHeads 12 (expected 6)", ex.Message);
        Assert.Contains("IntermediateSize 1536 (expected 1024)", ex.Message);
    }

    [Fact]
    public void Loaded_weights_are_the_onnx_values_with_matmul_weights_transposed()
    {
        var encoder = fixture.Float32;
        var p = encoder.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        var map = BertOnnxMapper.Map(fixture.Model.Graph);
        var tensors = fixture.Model.Graph.Initializers.ToDictionary(t => t.Name);
        var query = map.Bindings.Single(b => b.Parameter == "encoder.layer.3.attention.self.query.weight");
        var onnx = tensors[query.Initializer].ToSingles(); // [in, out] row-major
        var q = p["encoder.layer.3.attention.self.query.weight"]; // [out, in]
        Assert.Equal(onnx[5 * 384 + 7], q[7, 5].item<float>());
        Assert.Equal(onnx[100 * 384 + 3], q[3, 100].item<float>());
        Assert.Equal(tensors["embeddings.word_embeddings.weight"].ToSingles()[2023 * 384 + 11], p["embeddings.word_embeddings.weight"][2023, 11].item<float>());
        Assert.False(encoder.training);
    }

    [Fact]
    public void Invalid_inputs_are_rejected_before_any_native_call()
    {
        var encoder = fixture.Float32;
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 101, 2023, 102 }, [1, 3]);
        var mask = ones_like(ids);
        Assert.Throws<ArgumentException>(() => encoder.call(ids.to_type(ScalarType.Float32), mask));
        Assert.Throws<ArgumentException>(() => encoder.call(ids, ones(1, 4, dtype: ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => encoder.call(tensor(new long[] { 101, 30522 }, [1, 2]), ones(1, 2, dtype: ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => encoder.call(zeros(1, 513, dtype: ScalarType.Int64), ones(1, 513, dtype: ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => encoder.call(ids, mask.to_type(ScalarType.Float32)));
        Assert.Throws<ArgumentException>(() => encoder.forward(ids, mask, full(1, 3, 2L, dtype: ScalarType.Int64)));
        Assert.Throws<ArgumentException>(() => TokenBatchPacking.Unpack(zeros(2, 3, 5, dtype: ScalarType.Int64)));
    }
}
