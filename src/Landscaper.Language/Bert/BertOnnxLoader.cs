using Landscaper.Language.Onnx;
using Landscaper.Language.Resources;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Language.Bert;

/// <summary>
/// Builds a <see cref="BertEncoder"/> from a BERT-family ONNX model: <see cref="BertOnnxMapper"/> finds which
/// initializer is which parameter, then every shape is checked and the values are copied (MatMul weights transposed
/// from [in, out] to [out, in]).
/// </summary>
public static class BertOnnxLoader
{
    /// <summary>Creates an encoder with the configuration the graph implies and the graph's weights, in eval mode.</summary>
    /// <param name="model">The parsed ONNX model.</param>
    /// <param name="expected">If given, the graph's shapes must match it (dropouts are taken from it).</param>
    /// <param name="dtype">Float32 (as stored) or Float64.</param>
    /// <exception cref="BertMappingException">The graph does not match, or its shapes differ from <paramref name="expected"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not Float32 or Float64.</exception>
    public static BertEncoder Load(OnnxModel model, BertConfig? expected = null, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (dtype is not (ScalarType.Float32 or ScalarType.Float64))
            throw new ArgumentException($"The encoder dtype must be Float32 or Float64, got {dtype}.", nameof(dtype));
        TorchNative.EnsureLoaded();
        var map = BertOnnxMapper.Map(model.Graph);
        var config = map.Config;
        if (expected is not null)
        {
            CheckSame(expected, config);
            config = expected;
        }
        var encoder = new BertEncoder(config);
        if (dtype == ScalarType.Float64) encoder.to(ScalarType.Float64);
        Apply(encoder, map, model.Graph);
        encoder.eval();
        return encoder;
    }

    /// <summary>The pre-trained all-MiniLM-L6-v2 encoder from <see cref="MiniLmResources"/>, checked against
    /// <see cref="BertConfig.MiniLmL6"/>, in eval mode.</summary>
    /// <param name="dtype">Float32 or Float64.</param>
    /// <exception cref="FileNotFoundException">The package DLL is missing (see <see cref="MiniLmResources.Locate"/>).</exception>
    public static BertEncoder LoadMiniLm(ScalarType dtype = ScalarType.Float32) =>
        Load(OnnxModel.Parse(MiniLmResources.ReadOnnx()), BertConfig.MiniLmL6, dtype);

    /// <summary>Copies the weights named by <paramref name="map"/> from <paramref name="graph"/> into <paramref name="encoder"/>.</summary>
    /// <exception cref="BertMappingException">A parameter has no binding, a binding names a missing parameter or
    /// initializer, or a shape differs. Everything is checked before the first value is written.</exception>
    public static void Apply(BertEncoder encoder, BertWeightMap map, OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(graph);
        var parameters = encoder.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var initializers = graph.Initializers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var plan = new List<(TorchSharp.Modules.Parameter Parameter, OnnxTensor Tensor, BertWeightBinding Binding)>();
        foreach (var b in map.Bindings)
        {
            if (!parameters.TryGetValue(b.Parameter, out var p))
                throw new BertMappingException($"The mapping names parameter '{b.Parameter}', which the encoder does not have.");
            if (!initializers.TryGetValue(b.Initializer, out var t))
                throw new BertMappingException($"Parameter '{b.Parameter}' is mapped to initializer '{b.Initializer}', which the graph does not have.");
            if (!t.Dims.SequenceEqual(b.OnnxShape) || !p.shape.SequenceEqual(b.ParameterShape))
                throw new BertMappingException(
                    $"Parameter '{b.Parameter}' has shape [{string.Join(", ", p.shape)}] but initializer '{t.Name}' {t.ShapeText}{(b.Transpose ? " (transposed)" : "")} does not fit.");
            plan.Add((p, t, b));
        }
        var missing = parameters.Keys.Except(map.Bindings.Select(b => b.Parameter), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new BertMappingException($"No ONNX initializer was found for {missing.Count} encoder parameter(s): {string.Join(", ", missing.Take(10))}.");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (p, t, b) in plan)
        {
            var source = t.DataType == Onnx.OnnxDataType.Double ? tensor(t.ToDoubles(), t.Dims.ToArray()) : tensor(t.ToSingles(), t.Dims.ToArray());
            if (b.Transpose) source = source.t();
            p.copy_(source);
        }
    }

    private static void CheckSame(BertConfig expected, BertConfig found)
    {
        var differences = new List<string>();
        void Compare(string name, int a, int b) { if (a != b) differences.Add($"{name} {b} (expected {a})"); }
        Compare(nameof(BertConfig.VocabSize), expected.VocabSize, found.VocabSize);
        Compare(nameof(BertConfig.HiddenSize), expected.HiddenSize, found.HiddenSize);
        Compare(nameof(BertConfig.NumLayers), expected.NumLayers, found.NumLayers);
        Compare(nameof(BertConfig.NumHeads), expected.NumHeads, found.NumHeads);
        Compare(nameof(BertConfig.IntermediateSize), expected.IntermediateSize, found.IntermediateSize);
        Compare(nameof(BertConfig.MaxPositions), expected.MaxPositions, found.MaxPositions);
        Compare(nameof(BertConfig.TypeVocabSize), expected.TypeVocabSize, found.TypeVocabSize);
        if (Math.Abs(expected.LayerNormEps - found.LayerNormEps) > 1e-6 * expected.LayerNormEps)
            differences.Add($"LayerNormEps {found.LayerNormEps:g6} (expected {expected.LayerNormEps:g6})");
        if (differences.Count > 0)
            throw new BertMappingException($"The ONNX graph's shapes differ from the expected configuration: {string.Join(", ", differences)}.");
    }
}
