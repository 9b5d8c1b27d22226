using System.Text;
using Landscaper.IO;
using Plotly.NET;

namespace Landscaper.Visualization;

/// <summary>The plotly.js library that ships inside Plotly.NET.dll (an embedded resource), for pages that must work
/// offline: inlined into one standalone document, or written once as a file that many saved figures share.</summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> Text = new(Read);

    /// <summary>The version of the embedded plotly.js (e.g. "2.28.0").</summary>
    public static string Version { get; } = typeof(GenericChart).Assembly.GetManifestResourceNames()
        .Select(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal)
            ? n["Plotly.NET.plotly-".Length..^".min.js".Length] : null)
        .FirstOrDefault(v => v is not null) ?? "unknown";

    /// <summary>The minified library (about 3.6 MB of JavaScript).</summary>
    public static string Source => Text.Value;

    /// <summary>The file name figures refer to: <c>plotly-VERSION.min.js</c>.</summary>
    public static string FileName => $"plotly-{Version}.min.js";

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/> unless an identical copy is there (atomic write).</summary>
    /// <returns>The file's full path.</returns>
    public static string EnsureFile(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string path = Path.GetFullPath(Path.Combine(folder, FileName));
        byte[] bytes = Encoding.UTF8.GetBytes(Source);
        var existing = new FileInfo(path);
        if (!existing.Exists || existing.Length != bytes.Length || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
            AtomicFile.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Read()
    {
        string name = $"Plotly.NET.plotly-{Version}.min.js";
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Plotly.NET.dll has no resource {name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
