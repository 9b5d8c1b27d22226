using static TorchSharp.torch;

namespace Landscaper.Models.Graphs;

/// <summary>SchNet's activation, the shifted softplus ssp(x) = ln(½eˣ + ½) = softplus(x) − ln 2 (smooth, ssp(0) = 0).</summary>
/// <remarks>Computed as max(x, 0) + log1p(exp(−|x|)) − ln 2 (stable for large |x|) with tensor operations only: TorchSharp turns
/// numbers passed to operations into native <c>Scalar</c> objects that the garbage collector may finalise while the native call
/// still uses them, so the graph models keep every constant in a tensor they hold.</remarks>
public static class ShiftedSoftplus
{
    /// <summary>ssp applied element-wise.</summary>
    public static Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var ln2 = tensor(Math.Log(2.0), x.dtype, x.device);
        return nn.functional.relu(x) + x.abs().neg().exp().log1p() - ln2;
    }
}
