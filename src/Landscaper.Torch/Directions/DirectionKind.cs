namespace Landscaper.Directions;

/// <summary>How a set of directions in parameter space is made (see <see cref="DirectionFactory"/>).</summary>
public enum DirectionKind
{
    /// <summary>Top eigenvectors of the loss Hessian (Lanczos).</summary>
    Hessian,

    /// <summary>Top eigenvectors of the generalised Gauss–Newton matrix (positive semi-definite; Lanczos).</summary>
    GaussNewton,

    /// <summary>Orthonormal Gaussian random directions.</summary>
    Random,

    /// <summary>Filter-normalised random directions (Li et al. 2018): each filter rescaled to the norm of the matching
    /// filter of θ0; one-dimensional parameters (biases, norms) left at zero.</summary>
    Filter,
}
