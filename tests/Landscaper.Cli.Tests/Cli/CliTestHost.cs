using System.Text.Json;
using Landscaper.Cli;

namespace Landscaper.Tests.Cli;

/// <summary>Runs the CLI in-process and captures its output.</summary>
public static class CliTestHost
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    public static (int Exit, JsonElement Json) RunJson(params string[] args)
    {
        var (code, stdout, stderr) = Run([.. args, "--json"]);
        try { return (code, JsonDocument.Parse(stdout).RootElement.Clone()); }
        catch (JsonException ex) { throw new Xunit.Sdk.XunitException($"stdout is not JSON ({ex.Message}):\n{stdout}\nstderr:\n{stderr}"); }
    }
}
