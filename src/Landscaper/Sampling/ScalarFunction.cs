using Landscaper.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Sampling;

/// <summary>A named scalar function of a model on a set of batches (the quantity a landscape records).</summary>
/// <param name="Name">Quantity name recorded in the landscape metadata (e.g. "loss").</param>
/// <param name="Evaluate">Computes the scalar for the model's current parameters. Called under <c>no_grad</c>, inside a
/// dispose scope (tensors it creates are freed after each point).</param>
public sealed record ScalarFunction(string Name, Func<nn.Module, IReadOnlyList<Batch>, double> Evaluate)
{
    /// <summary>Mean cross-entropy over all samples: Σ_b CE_b·n_b / Σ_b n_b (float64 accumulation of the per-batch means).</summary>
    public static ScalarFunction Loss { get; } = new("loss", CrossEntropy);

    /// <summary>Fraction of samples whose arg-max logit equals the target.</summary>
    public static ScalarFunction Accuracy { get; } = new("accuracy", ClassificationAccuracy);

    /// <summary>A custom scalar function.</summary>
    /// <param name="name">Quantity name.</param>
    /// <param name="evaluate">The function.</param>
    public static ScalarFunction Custom(string name, Func<nn.Module, IReadOnlyList<Batch>, double> evaluate) => new(name, evaluate);

    private static nn.Module<Tensor, Tensor> Callable(nn.Module model) =>
        model as nn.Module<Tensor, Tensor>
        ?? throw new ArgumentException($"The model ({model.GetType().Name}) is not an nn.Module<Tensor, Tensor>; use a custom ScalarFunction.", nameof(model));

    private static double CrossEntropy(nn.Module model, IReadOnlyList<Batch> batches)
    {
        var m = Callable(model);
        double sum = 0;
        long n = 0;
        foreach (var b in batches)
        {
            using var loss = nn.functional.cross_entropy(m.call(b.Input), b.Target);
            sum += loss.ToDouble() * b.Size;
            n += b.Size;
        }
        return sum / n;
    }

    private static double ClassificationAccuracy(nn.Module model, IReadOnlyList<Batch> batches)
    {
        var m = Callable(model);
        long correct = 0, n = 0;
        foreach (var b in batches)
        {
            using var hits = m.call(b.Input).argmax(1).eq(b.Target).sum();
            correct += hits.ToInt64();
            n += b.Size;
        }
        return (double)correct / n;
    }
}
