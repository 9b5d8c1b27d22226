using static TorchSharp.torch;

namespace Landscaper.Training;

/// <summary>The model at one step of a <see cref="CheckpointedTraining"/> run, with its losses.</summary>
/// <param name="Step">Optimiser updates done before this checkpoint (0 = the initialisation).</param>
/// <param name="Epoch">Fractional epoch: <see cref="Step"/> / batches per epoch.</param>
/// <param name="State">Every parameter and buffer at this step.</param>
/// <param name="Train">Loss and accuracy on the whole training set (evaluation mode).</param>
/// <param name="Test">Loss and accuracy on the test batches (evaluation mode).</param>
public sealed record Checkpoint(int Step, double Epoch, ModelState State, Evaluation Train, Evaluation Test)
{
    /// <summary>Puts the checkpoint's parameters and buffers into <paramref name="module"/> (an instance of the same architecture).</summary>
    /// <exception cref="ArgumentException">The architecture differs (see <see cref="ModelState.RestoreInto"/>).</exception>
    public void RestoreInto(nn.Module module) => State.RestoreInto(module);
}
