using Landscaper.Data;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Training;

/// <summary>Options of <see cref="Trainer.Train"/>.</summary>
/// <param name="Epochs">Passes over the training batches (≥ 0).</param>
/// <param name="LearningRate">Step size (&gt; 0).</param>
/// <param name="Optimizer">"adam" or "sgd" (SGD with momentum 0.9).</param>
/// <param name="Seed">Seed of the batch order.</param>
/// <param name="WeightDecay">L2 penalty coefficient (≥ 0) passed to the optimiser (<c>weight_decay</c>: λ·θ is added to every
/// gradient); 0 = none.</param>
public sealed record TrainingOptions(int Epochs = 5, double LearningRate = 1e-2, string Optimizer = "adam", int Seed = 0, double WeightDecay = 0);

/// <summary>Loss and accuracy of a model on a set of batches.</summary>
/// <param name="Loss">Mean loss (<see cref="BatchLoss"/>: cross-entropy or MSE), weighted by batch size.</param>
/// <param name="Accuracy">Fraction of correctly classified samples (NaN for regression targets).</param>
public sealed record Evaluation(double Loss, double Accuracy);

/// <summary>Minimal supervised training and evaluation for classification models (cross-entropy).</summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="batches"/> and returns the training evaluation after each epoch.</summary>
    /// <param name="model">A module mapping a batch input to logits.</param>
    /// <param name="batches">Training batches (not empty).</param>
    /// <param name="options">Epochs, learning rate, optimiser, seed.</param>
    /// <param name="afterEpoch">Optional callback (epoch number starting at 1) — e.g. to save checkpoints.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    public static IReadOnlyList<Evaluation> Train(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches, TrainingOptions options,
        Action<int>? afterEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        if (batches.Count == 0) throw new ArgumentException("There are no training batches.", nameof(batches));
        if (options.Epochs < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be ≥ 0.");
        if (!(options.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "LearningRate must be > 0.");
        if (!(options.WeightDecay >= 0) || !double.IsFinite(options.WeightDecay)) throw new ArgumentOutOfRangeException(nameof(options), options.WeightDecay, "WeightDecay must be finite and ≥ 0.");
        TorchNative.EnsureLoaded();
        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        optim.Optimizer opt = options.Optimizer switch
        {
            "adam" => optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
            "sgd" => optim.SGD(parameters, options.LearningRate, momentum: 0.9, weight_decay: options.WeightDecay),
            _ => throw new ArgumentException($"Unknown optimizer '{options.Optimizer}' (use adam or sgd).", nameof(options)),
        };
        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, batches.Count).ToArray();
        var history = new List<Evaluation>();
        model.train();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (int b in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                opt.zero_grad();
                var loss = BatchLoss.Compute(model, batches[b]);
                loss.backward();
                opt.step();
            }
            history.Add(Evaluate(model, batches));
            model.train();
            afterEpoch?.Invoke(epoch);
        }
        model.eval();
        return history;
    }

    /// <summary>Mean cross-entropy and accuracy of <paramref name="model"/> on <paramref name="batches"/> (no gradients; eval mode during the call).</summary>
    public static Evaluation Evaluate(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (batches is null || batches.Count == 0) throw new ArgumentException("There are no batches to evaluate.", nameof(batches));
        TorchNative.EnsureLoaded();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            double loss = 0, correct = 0, n = 0;
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                var output = model.call(batch.Input);
                loss += BatchLoss.Of(output, batch.Target).to_type(ScalarType.Float64).item<double>() * batch.Size;
                correct += BatchLoss.IsClassification(batch) ? output.argmax(1).eq(batch.Target).sum().item<long>() : double.NaN;
                n += batch.Size;
            }
            return new Evaluation(loss / n, correct / n);
        }
        finally { if (wasTraining) model.train(); }
    }
}
