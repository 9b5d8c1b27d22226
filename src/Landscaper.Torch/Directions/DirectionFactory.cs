using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.ParameterSpace;

namespace Landscaper.Directions;

/// <summary>Directions made by a <see cref="DirectionKind"/>, with the eigenpairs they came from when they are eigenvectors.</summary>
/// <param name="Directions">The set.</param>
/// <param name="Eigen">The eigen solver's result (values, residuals, products, convergence), or null for random kinds.</param>
public sealed record MadeDirections(DirectionSet Directions, EigenResult? Eigen);

/// <summary>The one place where a direction kind becomes directions, shared by the CLI and the experiments.</summary>
public static class DirectionFactory
{
    /// <summary>The spelling of each kind on the command line and in files.</summary>
    public static string Name(DirectionKind kind) => kind switch
    {
        DirectionKind.Hessian => "hessian",
        DirectionKind.GaussNewton => "gauss-newton",
        DirectionKind.Random => "random",
        _ => "filter",
    };

    /// <summary>Parses <c>hessian</c>, <c>gauss-newton</c>, <c>random</c> or <c>filter</c>; null for anything else.</summary>
    public static DirectionKind? Parse(string text) => text switch
    {
        "hessian" => DirectionKind.Hessian,
        "gauss-newton" => DirectionKind.GaussNewton,
        "random" => DirectionKind.Random,
        "filter" => DirectionKind.Filter,
        _ => null,
    };

    /// <summary>Makes <paramref name="count"/> directions of kind <paramref name="kind"/> for <paramref name="selection"/>.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="selection">The parameters (θ0 = their current values).</param>
    /// <param name="batches">The data of the curvature kinds (ignored by the random kinds).</param>
    /// <param name="count">How many.</param>
    /// <param name="seed">Seed of the random kinds and of the Lanczos start vector.</param>
    /// <param name="lanczos">Solver options of the curvature kinds (seed overridden by <paramref name="seed"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> outside [1, number of parameters].</exception>
    public static MadeDirections Make(DirectionKind kind, ParameterSelection selection, IReadOnlyList<Batch> batches, int count, int seed,
        LanczosOptions? lanczos = null)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (count < 1 || count > selection.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The number of directions must be in [1, {selection.Count}] (the number of parameters).");
        switch (kind)
        {
            case DirectionKind.Random:
                return new MadeDirections(RandomDirections.Orthonormal(selection, count, seed), null);
            case DirectionKind.Filter:
                return new MadeDirections(FilterNormalization.Apply(RandomDirections.Orthonormal(selection, count, seed)), null);
            case DirectionKind.Hessian:
            case DirectionKind.GaussNewton:
            {
                var options = (lanczos ?? new LanczosOptions()) with { Seed = seed, Which = SpectrumEnd.Largest };
                EigenResult eigen;
                if (kind == DirectionKind.Hessian)
                {
                    using var op = new HessianOperator(selection, batches);
                    eigen = Lanczos.TopEigenpairs(op, count, options);
                }
                else
                {
                    var loss = batches.Count > 0 && !BatchLoss.IsClassification(batches[0]) ? GaussNewtonLoss.MeanSquaredError : GaussNewtonLoss.CrossEntropy;
                    eigen = Lanczos.TopEigenpairs(new GaussNewtonOperator(selection, batches, loss), count, options);
                }
                var set = eigen.ToDirectionSet(selection, Name(kind));
                return new MadeDirections(set, eigen);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown direction kind.");
        }
    }
}
