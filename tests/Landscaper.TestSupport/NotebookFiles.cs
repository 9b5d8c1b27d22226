using System.Text.Json;

namespace Landscaper.Tests;

/// <summary>Small notebooks written by tests.</summary>
public static class NotebookFiles
{
    /// <summary>A C# notebook with Polyglot metadata: a cell starting with '#' (but not '#r') is markdown, others are code.</summary>
    public static string Tiny(params string[] cells)
    {
        var list = cells.Select(c => c.StartsWith('#') && !c.StartsWith("#r", StringComparison.Ordinal)
            ? (object)new Dictionary<string, object> { ["cell_type"] = "markdown", ["metadata"] = new { }, ["source"] = new[] { c } }
            : new Dictionary<string, object?>
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new Dictionary<string, object> { ["polyglot_notebook"] = new { kernelName = "csharp" } },
                ["outputs"] = Array.Empty<object>(),
                ["source"] = new[] { c },
            }).ToArray();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["cells"] = list,
            ["metadata"] = new Dictionary<string, object>
            {
                ["kernelspec"] = new { display_name = "Landscaper (C#)", language = "C#", name = "landscaper-csharp" },
                ["polyglot_notebook"] = new { kernelInfo = new { defaultKernelName = "csharp", items = new[] { new { aliases = Array.Empty<string>(), name = "csharp" } } } },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        });
    }

    /// <summary>A notebook as plain Jupyter writes it: no Polyglot metadata anywhere, only the kernelspec (C# by default,
    /// or another language); a cell starting with '#' (but not '#r') is markdown.</summary>
    public static string Plain(string language, params string[] cells)
    {
        var list = cells.Select(c => c.StartsWith('#') && !c.StartsWith("#r", StringComparison.Ordinal)
            ? (object)new Dictionary<string, object> { ["cell_type"] = "markdown", ["metadata"] = new { }, ["source"] = new[] { c } }
            : new Dictionary<string, object?>
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new { },
                ["outputs"] = Array.Empty<object>(),
                ["source"] = new[] { c },
            }).ToArray();
        bool csharp = language == "C#";
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["cells"] = list,
            ["metadata"] = new Dictionary<string, object>
            {
                ["kernelspec"] = csharp
                    ? new { display_name = ".NET (C#)", language = "C#", name = ".net-csharp" }
                    : new { display_name = "Python 3", language, name = "python3" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        });
    }
}
