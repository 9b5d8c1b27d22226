using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models.Graphs;

/// <summary>
/// A 2-D message-passing network on packed graph batches (<see cref="GraphBatch"/>): GIN with edge features (GINE, Hu et al.
/// 2020; ε = 0). An ordinary <c>nn.Module&lt;Tensor, Tensor&gt;</c>: input = a packed batch, output = one prediction per graph.
/// </summary>
/// <remarks>
/// <para>Architecture: node encoder Linear(F, w) → <c>depth</c> × <see cref="GinLayer"/> → readout (sum or mean of the node
/// vectors of each graph, by <c>index_add</c> over the graph index) → head Linear(w, w) → ReLU → dropout → Linear(w, outputs).
/// Positions are not used. Output: [G] when <c>outputs</c> = 1, else [G, outputs].</para>
/// <para>Every operation is a differentiable tensor operation (index_select, index_add, linear layers, ReLU), so gradients,
/// Hessian-vector products (double backward) and landscape sampling work unchanged. No normalisation layers: the output of a
/// graph depends only on that graph and the parameters (dropout aside, which is off in eval mode).</para>
/// <para>Parameter names: <c>encoder.*</c>, <c>layers.{i}.*</c> (see <see cref="GinLayer"/>), <c>head1.*</c>, <c>head2.*</c>.
/// Call the constructor under <see cref="Seeded.Create{T}"/> for a deterministic initialisation.</para>
/// </remarks>
public sealed class GinModel : Module<Tensor, Tensor>
{
    private readonly Linear encoder;
    private readonly ModuleList<GinLayer> layers;
    private readonly Linear head1;
    private readonly Linear head2;
    private readonly Dropout drop;

    /// <summary>Creates the network.</summary>
    /// <param name="nodeFeatures">Node features F of the batches it will see (≥ 1).</param>
    /// <param name="edgeFeatures">Edge features Fe (≥ 0).</param>
    /// <param name="width">Hidden width w (≥ 1).</param>
    /// <param name="depth">Message-passing layers (≥ 1).</param>
    /// <param name="outputs">Predictions per graph (≥ 1).</param>
    /// <param name="dropout">Dropout probability in [0, 1).</param>
    /// <param name="readout">Sum (default) or mean over nodes.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size or probability out of range.</exception>
    public GinModel(int nodeFeatures, int edgeFeatures, int width = 64, int depth = 3, int outputs = 1, double dropout = 0,
        GraphReadout readout = GraphReadout.Sum) : base("gin")
    {
        if (nodeFeatures < 1) throw new ArgumentOutOfRangeException(nameof(nodeFeatures), nodeFeatures, "Must be ≥ 1.");
        if (edgeFeatures < 0) throw new ArgumentOutOfRangeException(nameof(edgeFeatures), edgeFeatures, "Must be ≥ 0.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Must be ≥ 1.");
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "Must be ≥ 1.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "Must be ≥ 1.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Must be in [0, 1).");
        if (!Enum.IsDefined(readout)) throw new ArgumentOutOfRangeException(nameof(readout), readout, "Unknown readout.");
        (NodeFeatures, EdgeFeatures, Width, Depth, Outputs, DropoutProbability, Readout) = (nodeFeatures, edgeFeatures, width, depth, outputs, dropout, readout);
        encoder = Linear(nodeFeatures, width);
        layers = new ModuleList<GinLayer>();
        for (int i = 0; i < depth; i++) layers.Add(new GinLayer(width, edgeFeatures, dropout));
        head1 = Linear(width, width);
        head2 = Linear(width, outputs);
        drop = Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Node features F expected in the batches.</summary>
    public int NodeFeatures { get; }

    /// <summary>Edge features Fe expected in the batches.</summary>
    public int EdgeFeatures { get; }

    /// <summary>Hidden width.</summary>
    public int Width { get; }

    /// <summary>Message-passing layers.</summary>
    public int Depth { get; }

    /// <summary>Predictions per graph.</summary>
    public int Outputs { get; }

    /// <summary>Dropout probability.</summary>
    public double DropoutProbability { get; }

    /// <summary>Sum or mean readout.</summary>
    public GraphReadout Readout { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not a valid packed batch (<see cref="GraphBatch.Unpack"/>) or its feature
    /// counts differ from the model's.</exception>
    public override Tensor forward(Tensor input)
    {
        using var batch = GraphBatch.Unpack(input);
        if (batch.NodeFeatureCount != NodeFeatures || batch.EdgeFeatureCount != EdgeFeatures)
            throw new ArgumentException($"The model expects {NodeFeatures} node and {EdgeFeatures} edge features; the batch has {batch.NodeFeatureCount} and {batch.EdgeFeatureCount}.", nameof(input));
        var dtype = encoder.weight!.dtype;
        var h = encoder.call(batch.NodeFeatures.to_type(dtype));
        var edges = batch.EdgeFeatures.to_type(dtype);
        foreach (var layer in layers) h = layer.Forward(h, batch, edges);
        var pooled = GraphPooling.Pool(h, batch, Readout);
        var output = head2.call(drop.call(functional.relu(head1.call(pooled))));
        return Outputs == 1 ? output.squeeze(1) : output;
    }
}
