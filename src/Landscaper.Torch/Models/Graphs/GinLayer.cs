using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models.Graphs;

/// <summary>
/// One message-passing layer of <see cref="GinModel"/> (GIN with edge features, "GINE", ε = 0):
/// m_e = ReLU(h_src(e) + W_e·x_e + b_e) for every directed edge e, a_i = Σ_{e : target(e) = i} m_e,
/// h'_i = ReLU(MLP(h_i + a_i)) with MLP = Linear(w, w) → ReLU → dropout → Linear(w, w), then dropout.
/// Without edge features (Fe = 0) the message is h_src(e) itself (plain GIN-0).
/// </summary>
/// <remarks>Parameter names: <c>edge.weight</c>/<c>edge.bias</c> (absent when Fe = 0), <c>mlp1.*</c>, <c>mlp2.*</c>.
/// The layer is called through <see cref="Forward"/> with an unpacked batch, not as a module.</remarks>
public sealed class GinLayer : Module
{
    private readonly Linear? edge;
    private readonly Linear mlp1;
    private readonly Linear mlp2;
    private readonly Dropout drop;

    /// <summary>Creates the layer.</summary>
    /// <param name="width">Node vector width w (≥ 1).</param>
    /// <param name="edgeFeatures">Edge features Fe (≥ 0; 0 = no edge term).</param>
    /// <param name="dropout">Dropout probability in [0, 1) (training mode only).</param>
    public GinLayer(int width, int edgeFeatures, double dropout) : base("gin_layer")
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Must be ≥ 1.");
        if (edgeFeatures < 0) throw new ArgumentOutOfRangeException(nameof(edgeFeatures), edgeFeatures, "Must be ≥ 0.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Must be in [0, 1).");
        if (edgeFeatures > 0) edge = Linear(edgeFeatures, width);
        mlp1 = Linear(width, width);
        mlp2 = Linear(width, width);
        drop = Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Applies the layer to node vectors <paramref name="h"/> [N, w] of <paramref name="batch"/>.</summary>
    /// <param name="h">Node vectors in the parameters' dtype.</param>
    /// <param name="batch">The unpacked batch (edges, edge features).</param>
    /// <param name="edgeFeatures">The batch's edge features converted to the parameters' dtype [E, Fe].</param>
    public Tensor Forward(Tensor h, PackedGraphs batch, Tensor edgeFeatures)
    {
        var messages = h.index_select(0, batch.Sources);
        if (edge is not null) messages = functional.relu(messages + edge.call(edgeFeatures));
        var aggregated = GraphPooling.SumBy(messages, batch.Targets, batch.Nodes);
        var x = mlp2.call(drop.call(functional.relu(mlp1.call(h + aggregated))));
        return drop.call(functional.relu(x));
    }
}
