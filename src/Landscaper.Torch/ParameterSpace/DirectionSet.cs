using static TorchSharp.torch;

namespace Landscaper.ParameterSpace;

/// <summary>
/// An ordered set of directions in parameter space. Direction k is a list of tensors aligned with
/// <see cref="Selection"/> (entry i has the shape of parameter i); a landscape axis k moves along direction k.
/// </summary>
public sealed class DirectionSet
{
    /// <summary>Creates a direction set after checking every direction against the selection.</summary>
    /// <param name="selection">The parameters the directions live on.</param>
    /// <param name="directions">One aligned tensor list per direction (≥ 1). Tensors are detached, not copied.</param>
    /// <param name="names">Optional name per direction (e.g. "λ1 = 3.2 eigenvector"); defaults to d0, d1, ….</param>
    /// <param name="kind">How the directions were made (e.g. "hessian", "random", "filter-normalized").</param>
    /// <exception cref="ArgumentException">Empty set, a shape mismatch, or an all-zero or non-finite direction.</exception>
    public DirectionSet(ParameterSelection selection, IReadOnlyList<Tensor[]> directions, IReadOnlyList<string>? names = null, string kind = "custom")
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0) throw new ArgumentException("A direction set needs at least one direction.", nameof(directions));
        using (NewDisposeScope())
        for (int k = 0; k < directions.Count; k++)
        {
            selection.EnsureAligned(directions[k], $"{nameof(directions)}[{k}]");
            double sq = 0;
            foreach (var t in directions[k])
            {
                if (!t.isfinite().all().item<bool>())
                    throw new ArgumentException($"Direction {k} has non-finite entries.", nameof(directions));
                sq += t.to_type(ScalarType.Float64).square().sum().item<double>();
            }
            if (sq == 0) throw new ArgumentException($"Direction {k} is zero everywhere.", nameof(directions));
        }
        if (names is not null && names.Count != directions.Count)
            throw new ArgumentException($"Got {names.Count} names for {directions.Count} directions.", nameof(names));
        Selection = selection;
        Directions = directions.Select(d => d.Select(t => t.detach()).ToArray()).ToArray();
        Names = names?.ToArray() ?? Enumerable.Range(0, directions.Count).Select(k => $"d{k}").ToArray();
        Kind = kind;
    }

    /// <summary>The parameters the directions are aligned with.</summary>
    public ParameterSelection Selection { get; }

    /// <summary>Direction k as aligned tensors.</summary>
    public IReadOnlyList<Tensor[]> Directions { get; }

    /// <summary>Direction names, one per direction.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How the directions were made.</summary>
    public string Kind { get; }

    /// <summary>Number of directions.</summary>
    public int Count => Directions.Count;

    /// <summary>The first <paramref name="count"/> directions.</summary>
    public DirectionSet Take(int count)
    {
        if (count < 1 || count > Count) throw new ArgumentOutOfRangeException(nameof(count), count, $"Must be in [1, {Count}].");
        return new DirectionSet(Selection, Directions.Take(count).ToArray(), Names.Take(count).ToArray(), Kind);
    }

    /// <summary>Euclidean norm of direction k (float64 accumulation).</summary>
    public double Norm(int k) => Math.Sqrt(Directions[k].Sum(t => t.to_type(ScalarType.Float64).square().sum().item<double>()));

    /// <summary>Inner product of directions a and b (float64 accumulation).</summary>
    public double Dot(int a, int b) => Directions[a].Zip(Directions[b], (x, y) => (x.to_type(ScalarType.Float64) * y.to_type(ScalarType.Float64)).sum().item<double>()).Sum();
}
