using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models.Graphs;

/// <summary>
/// One interaction block of <see cref="SchNetModel"/> (continuous-filter convolution with a residual update, after Schütt et
/// al. 2017): filter W_ij = Linear(ssp(Linear(φ(d_ij)))) · f(d_ij) from the radial basis φ and the cosine cutoff f;
/// y = Linear(x) (no bias); c_i = Σ_j y_j ⊙ W_ij over the neighbours j of i; v = Linear(ssp(Linear(c))); x' = x + dropout(v).
/// </summary>
/// <remarks>Parameter names: <c>filter1.*</c>, <c>filter2.*</c>, <c>atoms_in.weight</c>, <c>conv_out.*</c>, <c>dense.*</c>.
/// Called through <see cref="Forward"/>, not as a module.</remarks>
public sealed class SchNetInteraction : Module
{
    private readonly Linear filter1;
    private readonly Linear filter2;
    private readonly Linear atoms_in;
    private readonly Linear conv_out;
    private readonly Linear dense;
    private readonly Dropout drop;

    /// <summary>Creates the block.</summary>
    /// <param name="width">Atom vector and filter width (≥ 1).</param>
    /// <param name="radialBasis">Radial basis size K (≥ 2).</param>
    /// <param name="dropout">Dropout on the update, in [0, 1).</param>
    public SchNetInteraction(int width, int radialBasis, double dropout) : base("schnet_interaction")
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Must be ≥ 1.");
        if (radialBasis < 2) throw new ArgumentOutOfRangeException(nameof(radialBasis), radialBasis, "Must be ≥ 2.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Must be in [0, 1).");
        filter1 = Linear(radialBasis, width);
        filter2 = Linear(width, width);
        atoms_in = Linear(width, width, hasBias: false);
        conv_out = Linear(width, width);
        dense = Linear(width, width);
        drop = Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Updates atom vectors <paramref name="x"/> [N, w].</summary>
    /// <param name="x">Atom vectors.</param>
    /// <param name="basis">φ(d) of every pair [P, K].</param>
    /// <param name="envelope">f(d) of every pair [P].</param>
    /// <param name="receivers">int64 [P] atom i of every pair (receives the message).</param>
    /// <param name="senders">int64 [P] atom j of every pair.</param>
    public Tensor Forward(Tensor x, Tensor basis, Tensor envelope, Tensor receivers, Tensor senders)
    {
        var filter = filter2.call(ShiftedSoftplus.Apply(filter1.call(basis))) * envelope.unsqueeze(1);
        var y = atoms_in.call(x);
        var conv = GraphPooling.SumBy(y.index_select(0, senders) * filter, receivers, x.shape[0]);
        var v = dense.call(ShiftedSoftplus.Apply(conv_out.call(conv)));
        return x + drop.call(v);
    }
}
