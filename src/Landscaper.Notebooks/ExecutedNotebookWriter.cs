using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;

namespace Landscaper.Notebooks;

/// <summary>Writes an executed notebook: the source .ipynb JSON with each code cell's <c>outputs</c> and
/// <c>execution_count</c> replaced by what the run produced (nbformat 4 output objects). Everything else — notebook and
/// cell metadata, markdown, cell ids — is kept byte-for-byte as JSON values.</summary>
/// <remarks>Microsoft.DotNet.Interactive.Documents 1.0.0-beta.26120.1 parses the notebook, but its writer throws an
/// <see cref="InvalidCastException"/> on Polyglot metadata it parsed itself, so outputs are written here.</remarks>
internal static class ExecutedNotebookWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(string sourceJson, InteractiveDocument executed)
    {
        var root = JsonNode.Parse(sourceJson) as JsonObject
            ?? throw new NotebookFormatException("The notebook's top level is not a JSON object.");
        var cells = root["cells"] as JsonArray ?? throw new NotebookFormatException("The notebook has no 'cells' array.");
        if (cells.Count != executed.Elements.Count)
            throw new NotebookFormatException($"The notebook has {cells.Count} cells but the parser returned {executed.Elements.Count} elements.");
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || (string?)cell["cell_type"] != "code") continue;
            var element = executed.Elements[i];
            var outputs = new JsonArray();
            foreach (var output in element.Outputs) outputs.Add(ToJson(output, element.ExecutionOrder));
            cell["outputs"] = outputs;
            cell["execution_count"] = element.ExecutionOrder > 0 ? element.ExecutionOrder : null;
        }
        return root.ToJsonString(Options) + "\n";
    }

    private static JsonObject ToJson(InteractiveDocumentOutputElement output, int executionCount) => output switch
    {
        TextElement t => new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = t.Name ?? "stdout",
            ["text"] = Lines(t.Text ?? ""),
        },
        ErrorElement e => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = e.ErrorName ?? "Error",
            ["evalue"] = e.ErrorValue ?? "",
            ["traceback"] = new JsonArray((e.StackTrace ?? []).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        },
        ReturnValueElement r => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["data"] = Data(r.Data),
            ["execution_count"] = executionCount,
            ["metadata"] = new JsonObject(),
        },
        DisplayElement d => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = Data(d.Data),
            ["metadata"] = new JsonObject(),
        },
        _ => throw new NotebookFormatException($"Unsupported output element {output.GetType().Name}."),
    };

    private static JsonObject Data(IDictionary<string, object> data)
    {
        var o = new JsonObject();
        foreach (var (mime, value) in data)
        {
            string text = value as string ?? value?.ToString() ?? "";
            // nbformat: base64 images are one string; text types are arrays of lines.
            o[mime] = mime.StartsWith("image/", StringComparison.Ordinal) && mime != "image/svg+xml" ? JsonValue.Create(text) : Lines(text);
        }
        return o;
    }

    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') { lines.Add(text[start..(i + 1)]); start = i + 1; }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
