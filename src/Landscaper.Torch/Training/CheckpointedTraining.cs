using Landscaper.Data;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Training;

/// <summary>Training that records <see cref="Checkpoint"/>s at scheduled steps, so that the loss landscape can be
/// analysed along the way ("do landscapes simplify during training?").</summary>
public static class CheckpointedTraining
{
    /// <summary>Optimiser updates of a full run: <c>options.Epochs × trainBatches.Count</c>.</summary>
    public static int TotalSteps(IReadOnlyList<Batch> trainBatches, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(trainBatches);
        ArgumentNullException.ThrowIfNull(options);
        return checked(options.Epochs * trainBatches.Count);
    }

    /// <summary>
    /// Trains <paramref name="model"/> in place for <c>options.Epochs</c> epochs (each epoch visits every training batch
    /// once, in an order shuffled by <see cref="Random"/>(<c>options.Seed</c>)) with Adam or SGD (momentum 0.9), and at
    /// each scheduled step s — after s updates — records a <see cref="Checkpoint"/>: every parameter and buffer, and the
    /// loss and accuracy on all training and all test batches in evaluation mode.
    /// </summary>
    /// <param name="model">Model mapping a batch input to logits; initialise it with <see cref="Models.Seeded"/> for a reproducible run.</param>
    /// <param name="trainBatches">Training batches (not empty).</param>
    /// <param name="testBatches">Test batches (not empty).</param>
    /// <param name="options">Epochs, learning rate, optimiser ("adam" or "sgd"), seed of the batch order.</param>
    /// <param name="schedule">Steps to record; the last must not exceed <see cref="TotalSteps"/>.</param>
    /// <param name="progress">Receives each checkpoint as soon as it is recorded, on the training thread when the
    /// implementation is synchronous (e.g. to save it with <see cref="CheckpointStore.Save"/>).</param>
    /// <param name="cancellationToken">Checked before every update; cancellation throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The checkpoints in step order. The model is left in evaluation mode after the last update.</returns>
    /// <exception cref="ArgumentException">Empty batches, an unknown optimiser, invalid options, or a schedule beyond the run.</exception>
    public static IReadOnlyList<Checkpoint> Run(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> trainBatches, IReadOnlyList<Batch> testBatches,
        TrainingOptions options, CheckpointSchedule schedule, IProgress<Checkpoint>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainBatches);
        ArgumentNullException.ThrowIfNull(testBatches);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schedule);
        if (trainBatches.Count == 0) throw new ArgumentException("There are no training batches.", nameof(trainBatches));
        if (testBatches.Count == 0) throw new ArgumentException("There are no test batches.", nameof(testBatches));
        if (options.Epochs < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be ≥ 0.");
        if (!(options.LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "LearningRate must be > 0.");
        int totalSteps = TotalSteps(trainBatches, options);
        if (schedule.LastStep > totalSteps)
            throw new ArgumentException($"The schedule's last step {schedule.LastStep} is beyond the run's {totalSteps} steps ({options.Epochs} epochs × {trainBatches.Count} batches).", nameof(schedule));
        TorchNative.EnsureLoaded();

        var parameters = model.parameters().Where(p => p.requires_grad).ToList();
        if (parameters.Count == 0) throw new ArgumentException("The model has no trainable parameters.", nameof(model));
        using optim.Optimizer opt = options.Optimizer switch
        {
            "adam" => optim.Adam(parameters, options.LearningRate),
            "sgd" => optim.SGD(parameters, options.LearningRate, momentum: 0.9),
            _ => throw new ArgumentException($"Unknown optimizer '{options.Optimizer}' (use adam or sgd).", nameof(options)),
        };
        var checkpoints = new List<Checkpoint>(schedule.Steps.Count);
        void Record(int step)
        {
            if (!schedule.Contains(step)) return;
            var cp = new Checkpoint(step, (double)step / trainBatches.Count, ModelState.Capture(model),
                Trainer.Evaluate(model, trainBatches), Trainer.Evaluate(model, testBatches));
            checkpoints.Add(cp);
            progress?.Report(cp);
        }

        var rng = new Random(options.Seed);
        var order = Enumerable.Range(0, trainBatches.Count).ToArray();
        int stepNo = 0;
        model.train();
        Record(0);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (int b in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (NewDisposeScope())
                {
                    opt.zero_grad();
                    var loss = nn.functional.cross_entropy(model.call(trainBatches[b].Input), trainBatches[b].Target);
                    loss.backward();
                    opt.step();
                }
                stepNo++;
                Record(stepNo);
            }
        }
        model.eval();
        return checkpoints;
    }
}
