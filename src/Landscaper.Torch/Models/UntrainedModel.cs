using static TorchSharp.torch;

namespace Landscaper.Models;

/// <summary>A freshly initialised built-in model and how to feed it (from <see cref="BuiltInModel.Build"/>).</summary>
/// <param name="Name">Built-in name (e.g. <c>resnet-digits</c>).</param>
/// <param name="Model">The untrained model (training mode, float32).</param>
/// <param name="FlattenInputs">True: the model takes [batch, features] (pass <c>flatten: true</c> to
/// <see cref="Data.ClassificationDataset.ToBatches"/>); false: [batch, channels, height, width].</param>
/// <param name="LearningRate">Adam learning rate the built-in training uses for this model.</param>
public sealed record UntrainedModel(string Name, nn.Module<Tensor, Tensor> Model, bool FlattenInputs, double LearningRate);
