namespace Landscaper.IO;

/// <summary>Placeholder for the NumPy <c>.npz</c> landscape reader/writer (implemented on another branch; replaced at merge).</summary>
public static class Npz
{
    /// <summary>Writes <paramref name="landscape"/> as an <c>.npz</c> file (placeholder: not implemented on this branch).</summary>
    /// <param name="path">Target file.</param>
    /// <param name="landscape">The landscape to write.</param>
    /// <exception cref="NotImplementedException">Always, on this branch.</exception>
    public static void WriteLandscape(string path, Landscape landscape) =>
        throw new NotImplementedException("Npz.WriteLandscape is provided by the npz branch.");

    /// <summary>Reads a landscape from an <c>.npz</c> file (placeholder: not implemented on this branch).</summary>
    /// <param name="path">Source file.</param>
    /// <exception cref="NotImplementedException">Always, on this branch.</exception>
    public static Landscape ReadLandscape(string path) =>
        throw new NotImplementedException("Npz.ReadLandscape is provided by the npz branch.");
}
