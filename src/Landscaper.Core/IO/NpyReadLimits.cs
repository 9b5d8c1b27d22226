using System.Globalization;

namespace Landscaper.IO;

/// <summary>How much memory reading one array may take. An array whose decoded values (8 bytes per element) would exceed
/// <see cref="MaxArrayBytes"/> is refused before anything is allocated.</summary>
/// <param name="MaxArrayBytes">Ceiling on the decoded size of one array, in bytes.</param>
public sealed record NpyReadLimits(long MaxArrayBytes)
{
    /// <summary>Environment variable overriding the default ceiling (bytes, or with a K/M/G suffix).</summary>
    public const string Variable = "LANDSCAPER_NPZ_MAX_BYTES";

    /// <summary>The default: <c>LANDSCAPER_NPZ_MAX_BYTES</c> when set, otherwise one eighth of the memory available to
    /// this process (3 GiB on a 24 GiB machine).</summary>
    public static NpyReadLimits Default => new(DefaultBytes());

    private static long DefaultBytes()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(text))
        {
            text = text.Trim();
            long unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
            string digits = unit == 1 ? text : text[..^1];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0 && n <= long.MaxValue / unit)
                return n * unit;
            throw new FormatException($"{Variable}={text} is not a size such as 2000000000, 512M or 4G.");
        }
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return Math.Max(64L << 20, available / 8);
    }

    /// <summary>Throws when an array of <paramref name="elements"/> elements is above the ceiling.</summary>
    internal void Check(long elements, string? entry, string shape)
    {
        if (elements > MaxArrayBytes / 8)
            throw new NpyFormatException(entry,
                $"the array {shape} would take {elements * 8.0 / (1 << 20):F0} MiB in memory, above the reading limit of {MaxArrayBytes / (double)(1 << 20):F0} MiB; " +
                $"set {Variable} (e.g. 8G) to read it anyway", null);
    }
}
