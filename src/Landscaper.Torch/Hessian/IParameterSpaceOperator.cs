using Landscaper.ParameterSpace;

namespace Landscaper.Hessian;

/// <summary>A symmetric operator on the parameter space of a network (Hessian, Gauss–Newton): its vectors are flattened
/// in the order of <see cref="Selection"/>, so eigenvectors become directions (<see cref="EigenResult.ToDirectionSet"/>).</summary>
public interface IParameterSpaceOperator : ISymmetricOperator
{
    /// <summary>The parameters the operator acts on; flat index order = <see cref="ParameterSelection.Flatten"/> order.</summary>
    ParameterSelection Selection { get; }
}
