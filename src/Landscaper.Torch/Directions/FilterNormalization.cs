using Landscaper.Hessian;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Directions;

/// <summary>What filter normalisation does with one-dimensional parameters (biases, norm-layer scales and shifts).</summary>
public enum OneDimensionalPolicy
{
    /// <summary>Set the direction to zero there (Li et al. 2018: the landscape does not move biases/BN parameters).</summary>
    Zero,
    /// <summary>Keep the direction's entries unchanged.</summary>
    Keep,
    /// <summary>Treat the whole 1-D tensor as one filter: rescale to the parameter's norm.</summary>
    Normalize,
}

/// <summary>
/// Filter-wise normalisation of directions (Li, Xu, Taylor, Studer, Goldstein 2018, "Visualizing the Loss Landscape of
/// Neural Nets"): for every parameter with ≥ 2 dimensions, each filter — the slice along dimension 0 (a row of a
/// Linear weight, an output channel of a convolution) — of direction d is rescaled to the Euclidean norm of the same
/// filter of the weights: d_f ← d_f · ‖θ_f‖ / (‖d_f‖ + ε).
/// </summary>
public static class FilterNormalization
{
    /// <summary>Normalises every direction of <paramref name="directions"/> filter by filter against the current values of
    /// its parameters (or <paramref name="weights"/>).</summary>
    /// <param name="directions">Directions to normalise (not modified).</param>
    /// <param name="oneDimensional">Policy for parameters with fewer than two dimensions.</param>
    /// <param name="weights">Reference weights aligned with the selection; null = current parameter values.</param>
    /// <param name="epsilon">Added to ‖d_f‖ to avoid division by zero (reference: 1e-10).</param>
    /// <returns>A new direction set of kind "filter-normalized" with the same names.</returns>
    /// <exception cref="ArgumentException">Misaligned weights, or a direction that becomes zero everywhere (e.g. only 1-D
    /// parameters with <see cref="OneDimensionalPolicy.Zero"/>).</exception>
    public static DirectionSet Apply(DirectionSet directions, OneDimensionalPolicy oneDimensional = OneDimensionalPolicy.Zero,
        IReadOnlyList<Tensor>? weights = null, double epsilon = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(directions);
        var sel = directions.Selection;
        if (weights is not null) sel.EnsureAligned(weights, nameof(weights));
        var result = new List<Tensor[]>();
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            for (int k = 0; k < directions.Count; k++)
            {
                var d = directions.Directions[k];
                var normalized = new Tensor[d.Length];
                for (int i = 0; i < d.Length; i++)
                {
                    var w = (weights?[i] ?? sel.Parameters[i]).detach();
                    var di = d[i];
                    Tensor outT;
                    if (di.dim() >= 2)
                    {
                        var df = di.reshape(di.shape[0], -1);
                        var wf = w.to_type(di.dtype).reshape(w.shape[0], -1);
                        var scale = wf.square().sum(1, keepdim: true).sqrt() / (df.square().sum(1, keepdim: true).sqrt() + epsilon);
                        outT = (df * scale).reshape(di.shape);
                    }
                    else outT = oneDimensional switch
                    {
                        OneDimensionalPolicy.Zero => zeros_like(di),
                        OneDimensionalPolicy.Keep => di.clone(),
                        _ => di * (w.to_type(di.dtype).norm() / (di.norm() + epsilon)),
                    };
                    normalized[i] = outT.DetachFromDisposeScope();
                }
                result.Add(normalized);
            }
        }
        return new DirectionSet(sel, result, directions.Names, "filter-normalized");
    }
}
