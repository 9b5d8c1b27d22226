namespace Landscaper.IO;

/// <summary>
/// A <c>.npy</c> or <c>.npz</c> file (or stream) is malformed, truncated, uses an unsupported feature, or does not
/// hold what the caller asked for (e.g. a landscape file without a <c>loss</c> array).
/// </summary>
/// <remarks>The message names the entry (e.g. <c>landscape.npz › loss.npy</c>) and the problem. Derives from
/// <see cref="IOException"/> (<see cref="InvalidDataException"/> is sealed in .NET), so callers that handle file
/// problems catch it; zip and decompression errors (<see cref="InvalidDataException"/>) met while reading an
/// archive are wrapped in it as <see cref="Exception.InnerException"/>.</remarks>
public sealed class NpyFormatException : IOException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public NpyFormatException() : base("The npy/npz data is malformed.") { }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What is wrong.</param>
    public NpyFormatException(string message) : base(message) { Problem = message; }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error (e.g. a zip or decompression failure), or null.</param>
    public NpyFormatException(string message, Exception? innerException) : base(message, innerException) { Problem = message; }

    /// <summary>Creates an exception naming the entry and the problem; the message is <c>"{entry}: {problem}"</c>.</summary>
    /// <param name="entryName">The file or archive entry the problem was found in (e.g. <c>a.npz › loss.npy</c>), or null.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, or null.</param>
    public NpyFormatException(string? entryName, string problem, Exception? innerException)
        : base(entryName is null ? problem : $"{entryName}: {problem}", innerException)
    {
        EntryName = entryName;
        Problem = problem;
    }

    /// <summary>The file or archive entry the problem was found in, when known.</summary>
    public string? EntryName { get; }

    /// <summary>The problem, without the entry name.</summary>
    public string Problem { get; } = "The npy/npz data is malformed.";
}
