using System.Net;
using System.Text;
using System.Text.Json;
using Markdig;

namespace Landscaper.Cli.Report;

/// <summary>What a report needs to know about one executed notebook, read from its .ipynb.</summary>
/// <param name="Title">The first level-1 heading of the first markdown cell (else the file name).</param>
/// <param name="Introduction">The first paragraph after that heading (plain text; may be empty).</param>
/// <param name="Claims">The checked statements the notebook printed (lines starting with "✓ "), in order.</param>
/// <param name="SummaryMarkdown">The markdown of the last cell holding a "## Summary" heading, from that heading on (or null).</param>
/// <param name="CodeCells">Number of code cells.</param>
public sealed record NotebookDigest(string Title, string Introduction, IReadOnlyList<string> Claims, string? SummaryMarkdown, int CodeCells);

/// <summary>Renders an executed notebook (.ipynb, nbformat 4) as one HTML page for the offline report: markdown through
/// Markdig, code as preformatted text, outputs as the kernel produced them (HTML outputs inline, text as preformatted
/// text, errors highlighted). Chart outputs expect a global <c>Plotly</c>, which the page loads from one shared file.</summary>
public static class NotebookPage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UseAutoLinks().Build();

    /// <summary>Converts markdown to HTML (pipe tables, emphasis extras, autolinks; raw HTML kept).</summary>
    public static string Markdown(string markdown) => Markdig.Markdown.ToHtml(markdown ?? "", Pipeline);

    /// <summary>Reads the facts the report's index shows.</summary>
    /// <exception cref="JsonException">Not a notebook.</exception>
    public static NotebookDigest Digest(string ipynbPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ipynbPath));
        var cells = Cells(doc.RootElement);
        string title = Path.GetFileNameWithoutExtension(ipynbPath), intro = "";
        var firstMarkdown = cells.FirstOrDefault(c => c.Type == "markdown");
        if (firstMarkdown is not null)
        {
            var lines = firstMarkdown.Source.Split('\n');
            int h = Array.FindIndex(lines, l => l.StartsWith("# ", StringComparison.Ordinal));
            if (h >= 0)
            {
                title = lines[h][2..].Trim();
                intro = string.Join(" ", lines.Skip(h + 1).SkipWhile(string.IsNullOrWhiteSpace).TakeWhile(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()));
            }
        }
        var claims = cells.Where(c => c.Type == "code").SelectMany(c => c.Outputs)
            .Where(o => o.GetProperty("output_type").GetString() == "stream")
            .SelectMany(o => Text(o.GetProperty("text")).Split('\n'))
            .Where(l => l.StartsWith("✓ ", StringComparison.Ordinal)).Select(l => l[2..].Trim()).ToArray();
        string? summary = null;
        foreach (var c in cells.Where(c => c.Type == "markdown"))
        {
            int at = c.Source.IndexOf("## Summary", StringComparison.Ordinal);
            if (at >= 0) summary = c.Source[at..];
        }
        return new NotebookDigest(title, intro, claims, summary, cells.Count(c => c.Type == "code"));
    }

    /// <summary>The whole page.</summary>
    /// <param name="ipynbPath">The executed notebook.</param>
    /// <param name="plotlyJsUrl">Relative URL of plotly.js from the page.</param>
    /// <param name="indexUrl">Relative URL of the report's index (for the back link).</param>
    public static string Render(string ipynbPath, string plotlyJsUrl, string indexUrl)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ipynbPath));
        var cells = Cells(doc.RootElement);
        var digest = Digest(ipynbPath);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(E(digest.Title)).Append("</title>\n")
          .Append("<script src=\"").Append(E(plotlyJsUrl)).Append("\"></script>\n")
          .Append("<style>").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n")
          .Append("<p class=\"nav\"><a href=\"").Append(E(indexUrl)).Append("\">← report</a> · <a href=\"")
          .Append(E(Path.GetFileName(ipynbPath))).Append("\">").Append(E(Path.GetFileName(ipynbPath))).Append("</a></p>\n");
        int codeNumber = 0;
        foreach (var cell in cells)
        {
            if (cell.Type == "markdown")
            {
                sb.Append("<section class=\"md\">").Append(Markdown(cell.Source)).Append("</section>\n");
                continue;
            }
            if (cell.Type != "code") continue;
            codeNumber++;
            sb.Append("<section class=\"cell\"><div class=\"in\"><span class=\"n\">[").Append(codeNumber).Append("]</span><pre><code>")
              .Append(E(cell.Source)).Append("</code></pre></div>\n");
            foreach (var o in cell.Outputs) sb.Append(Output(o));
            sb.Append("</section>\n");
        }
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Output(JsonElement o)
    {
        switch (o.GetProperty("output_type").GetString())
        {
            case "stream":
                return "<pre class=\"out\">" + E(Text(o.GetProperty("text"))) + "</pre>\n";
            case "error":
                string trace = o.TryGetProperty("traceback", out var tb) ? string.Join("\n", tb.EnumerateArray().Select(t => t.GetString())) : "";
                return "<pre class=\"out err\">" + E($"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}\n{trace}") + "</pre>\n";
            case "display_data":
            case "execute_result":
                if (!o.TryGetProperty("data", out var data)) return "";
                if (data.TryGetProperty("text/html", out var html)) return "<div class=\"out html\">" + Text(html) + "</div>\n";
                if (data.TryGetProperty("image/png", out var png))
                    return "<div class=\"out\"><img alt=\"output\" src=\"data:image/png;base64," + Text(png).Replace("\n", "", StringComparison.Ordinal) + "\"></div>\n";
                if (data.TryGetProperty("text/plain", out var plain)) return "<pre class=\"out\">" + E(Text(plain)) + "</pre>\n";
                return "";
            default:
                return "";
        }
    }

    private sealed record Cell(string Type, string Source, IReadOnlyList<JsonElement> Outputs);

    private static List<Cell> Cells(JsonElement root)
    {
        if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
            throw new JsonException("The file has no 'cells' array: not a notebook.");
        return cells.EnumerateArray().Select(c => new Cell(
            c.GetProperty("cell_type").GetString() ?? "",
            c.TryGetProperty("source", out var s) ? Text(s) : "",
            c.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array ? outs.EnumerateArray().Select(x => x.Clone()).ToArray() : [])).ToList();
    }

    /// <summary>nbformat's multiline strings: a string or an array of strings.</summary>
    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Concat(value.EnumerateArray().Select(v => v.GetString()))
        : value.GetString() ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
