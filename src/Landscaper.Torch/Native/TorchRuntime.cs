using System.Globalization;
using TorchSharp;

namespace Landscaper.Native;

/// <summary>
/// The one place where a process prepares libtorch for Landscaper: loads the native backend (<see cref="TorchNative"/>)
/// and applies the thread policy. The CLI, the notebooks' <c>Setup.Initialize</c> and the tests all call
/// <see cref="Initialize"/>; library code that needs torch only calls <see cref="TorchNative.EnsureLoaded"/> and leaves
/// the thread count alone.
/// </summary>
/// <remarks>
/// <para>Thread policy: <b>1 intra-op thread</b> unless told otherwise (argument, then the environment variable
/// <c>LANDSCAPER_THREADS</c>). On the 2-core machine this project is developed on, libtorch's default (one thread per
/// core) made sampling the digits MLP 25–45× slower than one thread (≈ 200 instead of 6,000–9,000 points/s), because
/// the per-operation work of small models is far below the cost of waking a second thread, and any other load on the
/// second core makes OpenMP threads spin. Large models (the MiniLM encoder) gain from 2 threads; pass
/// <c>threads: 2</c> (or set <c>LANDSCAPER_THREADS=2</c>) for those. Results are reproducible for a fixed thread
/// count; different counts may change the last bits of floating-point sums.</para>
/// <para>libtorch's NNPACK convolution path is disabled: on CPUs it does not support it prints "Could not initialize
/// NNPACK! Reason: Unsupported hardware." at every convolution, and where it is supported it is not used by the
/// small batched convolutions of this workbench either way.</para>
/// </remarks>
public static class TorchRuntime
{
    /// <summary>Environment variable that sets the default intra-op thread count.</summary>
    public const string ThreadsVariable = "LANDSCAPER_THREADS";

    /// <summary>Loads the native backend, disables NNPACK and sets the intra-op thread count.</summary>
    /// <param name="threads">Threads to use (≥ 1); null = <see cref="DefaultThreads"/>.</param>
    /// <returns>What was loaded, with the thread count now in effect.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> &lt; 1.</exception>
    /// <exception cref="TorchNativeLoadException">The native backend cannot be loaded.</exception>
    /// <exception cref="FormatException"><c>LANDSCAPER_THREADS</c> is set but is not a whole number ≥ 1.</exception>
    public static TorchNativeStatus Initialize(int? threads = null)
    {
        if (threads is < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread count must be at least 1.");
        int wanted = threads ?? DefaultThreads();
        var status = TorchNative.EnsureLoaded();
        TorchNative.DisableNnpack();
        if (torch.get_num_threads() != wanted) torch.set_num_threads(wanted);
        return status with { Threads = torch.get_num_threads() };
    }

    /// <summary>The thread count of the policy: <c>LANDSCAPER_THREADS</c> when set, else 1.</summary>
    /// <exception cref="FormatException">The variable is set to something other than a whole number ≥ 1.</exception>
    public static int DefaultThreads()
    {
        string? text = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrWhiteSpace(text)) return 1;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1) return n;
        throw new FormatException($"{ThreadsVariable}={text} is not a whole number ≥ 1; unset it or set it to e.g. 1 or 2.");
    }
}
