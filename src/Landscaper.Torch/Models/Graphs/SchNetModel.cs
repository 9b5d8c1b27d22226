using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models.Graphs;

/// <summary>
/// A 3-D continuous-filter network in the style of SchNet (Schütt et al. 2017) on packed graph batches (<see cref="GraphBatch"/>):
/// it reads node features and positions and ignores the packed edges. An ordinary <c>nn.Module&lt;Tensor, Tensor&gt;</c>.
/// </summary>
/// <remarks>
/// <para><b>Neighbours</b> are computed inside the model, per graph, from the positions: every ordered pair of distinct atoms
/// of the same graph closer than the cutoff (<see cref="NeighbourPairs"/>). Distances d_ij = ‖r_i − r_j‖ are computed in the
/// parameters' dtype; they depend only on positions, so the output is invariant to rotations, translations and the order of
/// the atoms of a graph.</para>
/// <para>Architecture: embedding Linear(F, w) of the node features (for one-hot element features this is SchNet's atom-type
/// embedding) → <c>interactions</c> × <see cref="SchNetInteraction"/> (Gaussian radial basis and cosine cutoff, see
/// <see cref="RadialBasis"/>) → atom-wise Linear(w, w/2) → ssp → Linear(w/2, outputs) → sum or mean over the atoms of each
/// graph. Output: [G] when <c>outputs</c> = 1, else [G, outputs].</para>
/// <para>Parameter names: <c>embedding.*</c>, <c>interactions.{i}.*</c>, <c>atomwise1.*</c>, <c>atomwise2.*</c>. Construct under
/// <see cref="Seeded.Create{T}"/> for a deterministic initialisation.</para>
/// </remarks>
public sealed class SchNetModel : Module<Tensor, Tensor>
{
    private readonly Linear embedding;
    private readonly ModuleList<SchNetInteraction> interactions;
    private readonly Linear atomwise1;
    private readonly Linear atomwise2;

    /// <summary>Creates the network.</summary>
    /// <param name="nodeFeatures">Node features F of the batches (≥ 1).</param>
    /// <param name="width">Atom vector and filter width w (≥ 2).</param>
    /// <param name="interactions">Interaction blocks (≥ 1).</param>
    /// <param name="outputs">Predictions per graph (≥ 1).</param>
    /// <param name="cutoff">Neighbour cutoff r_c, Å (finite, &gt; 0).</param>
    /// <param name="radialBasis">Gaussians K (≥ 2).</param>
    /// <param name="dropout">Dropout on the interaction updates, in [0, 1).</param>
    /// <param name="readout">Sum (default) or mean over atoms.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size, cutoff or probability out of range.</exception>
    public SchNetModel(int nodeFeatures, int width = 64, int interactions = 3, int outputs = 1, double cutoff = 5.0, int radialBasis = 25,
        double dropout = 0, GraphReadout readout = GraphReadout.Sum) : base("schnet")
    {
        if (nodeFeatures < 1) throw new ArgumentOutOfRangeException(nameof(nodeFeatures), nodeFeatures, "Must be ≥ 1.");
        if (width < 2) throw new ArgumentOutOfRangeException(nameof(width), width, "Must be ≥ 2.");
        if (interactions < 1) throw new ArgumentOutOfRangeException(nameof(interactions), interactions, "Must be ≥ 1.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "Must be ≥ 1.");
        if (!(cutoff > 0) || !double.IsFinite(cutoff)) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "Must be finite and > 0.");
        if (radialBasis < 2) throw new ArgumentOutOfRangeException(nameof(radialBasis), radialBasis, "Must be ≥ 2.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Must be in [0, 1).");
        if (!Enum.IsDefined(readout)) throw new ArgumentOutOfRangeException(nameof(readout), readout, "Unknown readout.");
        (NodeFeatures, Width, Interactions, Outputs, Cutoff, RadialBasisSize, DropoutProbability, Readout) =
            (nodeFeatures, width, interactions, outputs, cutoff, radialBasis, dropout, readout);
        embedding = Linear(nodeFeatures, width);
        this.interactions = new ModuleList<SchNetInteraction>();
        for (int i = 0; i < interactions; i++) this.interactions.Add(new SchNetInteraction(width, radialBasis, dropout));
        atomwise1 = Linear(width, width / 2);
        atomwise2 = Linear(width / 2, outputs);
        RegisterComponents();
    }

    /// <summary>Node features F expected in the batches.</summary>
    public int NodeFeatures { get; }

    /// <summary>Atom vector width.</summary>
    public int Width { get; }

    /// <summary>Interaction blocks.</summary>
    public int Interactions { get; }

    /// <summary>Predictions per graph.</summary>
    public int Outputs { get; }

    /// <summary>Neighbour cutoff, Å.</summary>
    public double Cutoff { get; }

    /// <summary>Gaussians in the radial basis.</summary>
    public int RadialBasisSize { get; }

    /// <summary>Dropout probability.</summary>
    public double DropoutProbability { get; }

    /// <summary>Sum or mean readout.</summary>
    public GraphReadout Readout { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not a valid packed batch (<see cref="GraphBatch.Unpack"/>) or its node
    /// feature count differs from the model's.</exception>
    public override Tensor forward(Tensor input)
    {
        using var batch = GraphBatch.Unpack(input);
        if (batch.NodeFeatureCount != NodeFeatures)
            throw new ArgumentException($"The model expects {NodeFeatures} node features; the batch has {batch.NodeFeatureCount}.", nameof(input));
        var dtype = embedding.weight!.dtype;
        var (rec, snd) = NeighbourPairs.Within(batch, Cutoff);
        using var receivers = tensor(rec, ScalarType.Int64, input.device);
        using var senders = tensor(snd, ScalarType.Int64, input.device);
        var positions = batch.Positions.to_type(dtype);
        var difference = positions.index_select(0, receivers) - positions.index_select(0, senders);
        var distances = (difference * difference).sum(1).sqrt();
        var basis = RadialBasis.Gaussians(distances, Cutoff, RadialBasisSize);
        var envelope = RadialBasis.CosineCutoff(distances, Cutoff);
        var x = embedding.call(batch.NodeFeatures.to_type(dtype));
        foreach (var block in interactions) x = block.Forward(x, basis, envelope, receivers, senders);
        var atoms = atomwise2.call(ShiftedSoftplus.Apply(atomwise1.call(x)));
        var output = GraphPooling.Pool(atoms, batch, Readout);
        return Outputs == 1 ? output.squeeze(1) : output;
    }
}
