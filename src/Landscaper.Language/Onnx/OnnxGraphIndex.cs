namespace Landscaper.Language.Onnx;

/// <summary>
/// Look-ups over an <see cref="OnnxGraph"/> for pattern matching: which node produces a value, which nodes consume
/// it (and at which input position), and which values are constants (initializers or <c>Constant</c> node outputs).
/// </summary>
public sealed class OnnxGraphIndex
{
    private static readonly IReadOnlyList<(OnnxNode Node, int Input)> NoConsumers = [];
    private readonly Dictionary<string, OnnxNode> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(OnnxNode, int)>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor> _constants = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="graph"/>.</summary>
    /// <exception cref="OnnxFormatException">Two initializers or two node outputs share a name.</exception>
    public OnnxGraphIndex(OnnxGraph graph)
    {
        Graph = graph ?? throw new ArgumentNullException(nameof(graph));
        foreach (var t in graph.Initializers)
            if (!_initializers.TryAdd(t.Name, t)) throw new OnnxFormatException($"Two initializers are named '{t.Name}'.");
        foreach (var node in graph.Nodes)
        {
            foreach (var output in node.Outputs)
                if (output.Length > 0 && !_producers.TryAdd(output, node))
                    throw new OnnxFormatException($"Value '{output}' is produced by two nodes ({_producers[output]} and {node}).");
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i].Length == 0) continue;
                if (!_consumers.TryGetValue(node.Inputs[i], out var list)) _consumers[node.Inputs[i]] = list = [];
                list.Add((node, i));
            }
            if (node.OpType == "Constant" && node.Outputs.Count == 1 && node.Attribute("value")?.Tensor is { } value)
                _constants[node.Outputs[0]] = value;
        }
        foreach (var (name, t) in _initializers) _constants.TryAdd(name, t);
    }

    /// <summary>The indexed graph.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>The node producing <paramref name="value"/>, or null for graph inputs and initializers.</summary>
    public OnnxNode? Producer(string value) => _producers.GetValueOrDefault(value);

    /// <summary>Nodes reading <paramref name="value"/>, with the input position, in graph order.</summary>
    public IReadOnlyList<(OnnxNode Node, int Input)> Consumers(string value) =>
        _consumers.TryGetValue(value, out var list) ? list : NoConsumers;

    /// <summary>The initializer named <paramref name="value"/>, or null.</summary>
    public OnnxTensor? Initializer(string value) => _initializers.GetValueOrDefault(value);

    /// <summary>The constant tensor behind <paramref name="value"/> (initializer or Constant node), or null.</summary>
    public OnnxTensor? Constant(string value) => _constants.GetValueOrDefault(value);

    /// <summary>The value of a one-element floating constant, or null when <paramref name="value"/> is not one.</summary>
    public double? ScalarConstant(string value)
    {
        var t = Constant(value);
        if (t is null || t.Dims.Aggregate(1L, (a, b) => a * b) != 1) return null;
        try
        {
            return t.DataType switch
            {
                OnnxDataType.Float or OnnxDataType.Double => t.ToDoubles()[0],
                OnnxDataType.Int64 or OnnxDataType.Int32 => t.ToInt64s()[0],
                _ => null,
            };
        }
        catch (OnnxFormatException) { return null; }
    }
}
