using System.Text.Json;
using Landscaper.IO;

namespace Landscaper.Cli.Output;

/// <summary>The JSON report every writing command leaves beside its output (<c>NAME.json</c> for <c>NAME.npz</c>).</summary>
public static class Reports
{
    /// <summary>Writes <paramref name="report"/> as indented JSON, atomically.</summary>
    public static void Write(string path, object report)
    {
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(report, report.GetType(), CliOutput.Json) + "\n");
    }
}
