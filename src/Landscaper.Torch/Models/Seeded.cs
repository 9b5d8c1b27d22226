using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Models;

/// <summary>Deterministic model construction: libtorch's global generator is seeded under a lock while the
/// model's parameters are initialised, so the same seed gives the same weights.</summary>
public static class Seeded
{
    private static readonly object Gate = new();

    /// <summary>Runs <paramref name="create"/> with the global torch generator seeded by <paramref name="seed"/>.</summary>
    public static T Create<T>(int seed, Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        TorchNative.EnsureLoaded();
        lock (Gate)
        {
            random.manual_seed(seed);
            return create();
        }
    }
}
