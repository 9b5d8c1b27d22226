using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Landscaper.Cli.Output;

/// <summary>Output conventions shared by every command: <c>--json</c> prints one JSON document on stdout.</summary>
public static class CliOutput
{
    /// <summary>The global <c>--json</c> flag (recursive: every command accepts it).</summary>
    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of human-readable text.",
        Recursive = true,
    };

    /// <summary>JSON settings: camelCase names, indented, non-finite numbers as strings.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>True when <c>--json</c> was given.</summary>
    public static bool WantsJson(this ParseResult result) => result.GetValue(JsonOption);

    /// <summary>Standard output of this invocation.</summary>
    public static TextWriter Out(this ParseResult result) => result.InvocationConfiguration.Output;

    /// <summary>Standard error of this invocation.</summary>
    public static TextWriter Err(this ParseResult result) => result.InvocationConfiguration.Error;

    /// <summary>Writes <paramref name="value"/> as JSON to stdout.</summary>
    public static void WriteJson(this ParseResult result, object value)
        => result.Out().WriteLine(JsonSerializer.Serialize(value, value.GetType(), Json));
}
