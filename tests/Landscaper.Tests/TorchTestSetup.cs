using Landscaper.Native;

namespace Landscaper.Tests;

/// <summary>Serialises the torch-heavy tests of the data, model and training suites (2 shared cores) and pins libtorch to one thread.</summary>
[CollectionDefinition("torch-serial", DisableParallelization = true)]
public sealed class TorchSerialCollection;

internal static class TorchTestSetup
{
    public static void Init()
    {
        TorchNative.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }
}
