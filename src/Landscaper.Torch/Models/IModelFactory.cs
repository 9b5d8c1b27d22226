using static TorchSharp.torch;

namespace Landscaper.Models;

/// <summary>
/// Builds a researcher's own model for the CLI (<c>--model-type "Namespace.Type, Assembly.dll"</c>) when a public
/// parameterless constructor of the module is not enough (e.g. the architecture takes hyper-parameters). The named type
/// implements this interface and has a public parameterless constructor; <see cref="Create"/> returns the untrained
/// module, whose parameters are then replaced by the weights file.
/// </summary>
public interface IModelFactory
{
    /// <summary>A new module with the architecture of the saved weights (names and shapes must match them).</summary>
    nn.Module<Tensor, Tensor> Create();
}
