namespace Landscaper.Language.Bert;

/// <summary>The result of walking a BERT ONNX graph: the configuration its shapes imply, one binding per encoder
/// parameter, and the initializers deliberately left out.</summary>
/// <param name="Config">Configuration inferred from the graph (dropouts at their defaults).</param>
/// <param name="Bindings">Parameter ← initializer, in parameter order of <see cref="BertEncoder"/>.</param>
/// <param name="Ignored">Initializers recognised but not part of the encoder (e.g. the pooler), with the reason.</param>
/// <param name="Structural">Integer initializers that only feed shape computations or position indices.</param>
public sealed record BertWeightMap(
    BertConfig Config,
    IReadOnlyList<BertWeightBinding> Bindings,
    IReadOnlyDictionary<string, string> Ignored,
    IReadOnlyList<string> Structural);
