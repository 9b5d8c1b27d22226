using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Landscaper.IO;
using Landscaper.Notebooks;
using Landscaper.Visualization;

namespace Landscaper.Cli.Report;

/// <summary>One notebook of a report (the JSON contract: camelCase names).</summary>
/// <param name="Notebook">File name of the notebook.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status">succeeded, failed or cancelled.</param>
/// <param name="Seconds">Wall-clock time, kernel start included.</param>
/// <param name="CodeCells">Code cells in the notebook.</param>
/// <param name="CellsRun">Code cells that ran.</param>
/// <param name="Claims">Statements the notebook checked (each printed "✓ …").</param>
/// <param name="Error">The failure, or null.</param>
/// <param name="Page">The notebook's HTML page, relative to the report folder (null when no executed copy was written).</param>
/// <param name="Executed">The executed .ipynb, relative to the report folder (or null).</param>
/// <param name="Figures">Figure files (.html) of this notebook, relative to the report folder.</param>
public sealed record ReportNotebook(string Notebook, string Title, string Status, double Seconds, int CodeCells, int CellsRun,
    IReadOnlyList<string> Claims, string? Error, string? Page, string? Executed, IReadOnlyList<string> Figures);

/// <summary><c>report.json</c>: the machine-readable report (the source of notebook timings quoted in docs).</summary>
/// <param name="Mode">quick or full.</param>
/// <param name="Started">Start (UTC, ISO 8601).</param>
/// <param name="Finished">End (UTC, ISO 8601).</param>
/// <param name="Seconds">Total wall-clock time.</param>
/// <param name="ProcessCpuSeconds">CPU time of this process (all threads).</param>
/// <param name="Command">The command line.</param>
/// <param name="Environment">Machine and versions, load average at the start.</param>
/// <param name="LoadAverageAtEnd">Load averages at the end.</param>
/// <param name="Notebooks">Per notebook, in run order.</param>
/// <param name="Ok">True when every notebook succeeded.</param>
public sealed record ReportSummary(string Mode, string Started, string Finished, double Seconds, double ProcessCpuSeconds, string Command,
    RunEnvironment Environment, string LoadAverageAtEnd, IReadOnlyList<ReportNotebook> Notebooks, bool Ok);

/// <summary>Writes the offline report of a <c>landscaper reproduce</c> run into its folder: <c>index.html</c> (summary,
/// environment, one section per notebook with its checked claims, summary table and figures drawn from their JSON),
/// one HTML page per executed notebook under <c>notebooks/</c>, and <c>report.json</c>. Every page loads the one
/// plotly.js in <c>figures/</c>; nothing is fetched from the network.</summary>
public static class ReproductionReport
{
    /// <summary>Builds the per-notebook entries: digests the executed copies and writes their HTML pages.</summary>
    /// <param name="folder">The report folder (holding notebooks/ and figures/).</param>
    /// <param name="results">The runs, in order.</param>
    public static IReadOnlyList<ReportNotebook> Notebooks(string folder, IReadOnlyList<NotebookRunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        string figures = Path.Combine(folder, "figures");
        var list = new List<ReportNotebook>();
        foreach (var r in results)
        {
            string name = Path.GetFileName(r.NotebookPath);
            string prefix = FigurePrefix(name);
            NotebookDigest? digest = null;
            string? page = null, executed = null;
            if (r.OutputPath is not null && File.Exists(r.OutputPath))
            {
                digest = NotebookPage.Digest(r.OutputPath);
                string pagePath = Path.ChangeExtension(r.OutputPath, ".html");
                string relPlotly = Path.GetRelativePath(Path.GetDirectoryName(pagePath)!, Path.Combine(figures, PlotlyJs.FileName)).Replace('\\', '/');
                AtomicFile.WriteAllText(pagePath, NotebookPage.Render(r.OutputPath, relPlotly, Path.GetRelativePath(Path.GetDirectoryName(pagePath)!, Path.Combine(folder, "index.html")).Replace('\\', '/')));
                page = Rel(folder, pagePath);
                executed = Rel(folder, r.OutputPath);
            }
            var figureFiles = Directory.Exists(figures) && prefix.Length > 0
                ? Directory.GetFiles(figures, prefix + "*.html").Order(StringComparer.Ordinal).Select(f => Rel(folder, f)).ToArray()
                : [];
            list.Add(new ReportNotebook(name, digest?.Title ?? name, r.Status.ToString().ToLowerInvariant(), Math.Round(r.Duration.TotalSeconds, 1),
                digest?.CodeCells ?? 0, r.Cells.Count, digest?.Claims ?? [], r.Error, page, executed, figureFiles));
        }
        return list;
    }

    /// <summary>Writes <c>report.json</c> and <c>index.html</c>.</summary>
    /// <returns>The index's full path.</returns>
    public static string Write(string folder, ReportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        PlotlyJs.EnsureFile(Path.Combine(folder, "figures"));
        AtomicFile.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(summary, Landscaper.Cli.Output.CliOutput.Json) + "\n");
        string index = Path.Combine(folder, "index.html");
        AtomicFile.WriteAllText(index, Index(folder, summary));
        return index;
    }

    /// <summary>"02-" for "02-scale-study.ipynb": figures are named after their notebook's number.</summary>
    public static string FigurePrefix(string notebookFileName)
    {
        int dash = notebookFileName.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && notebookFileName[..dash].All(char.IsAsciiDigit) ? notebookFileName[..(dash + 1)] : "";
    }

    private static string Index(string folder, ReportSummary s)
    {
        var sb = new StringBuilder();
        var env = s.Environment;
        int ok = s.Notebooks.Count(n => n.Status == "succeeded");
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>Landscaper Workbench — reproduction report (").Append(E(s.Mode)).Append(")</title>\n")
          .Append("<script src=\"figures/").Append(E(PlotlyJs.FileName)).Append("\"></script>\n")
          .Append("<style>").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n")
          .Append("<h1>Landscaper Workbench — reproduction report</h1>\n")
          .Append("<p><b class=\"").Append(s.Ok ? "ok" : "failed").Append("\">").Append(ok).Append(" of ").Append(s.Notebooks.Count)
          .Append(" notebooks succeeded</b> in <b>").Append(E(s.Mode)).Append("</b> mode; ")
          .Append(s.Notebooks.Sum(n => n.Claims.Count)).Append(" stated results checked. Wall time ").Append(F(s.Seconds, 1)).Append(" s, CPU time ")
          .Append(F(s.ProcessCpuSeconds, 1)).Append(" s. Started ").Append(E(s.Started)).Append(", finished ").Append(E(s.Finished)).Append(".</p>\n")
          .Append("<p><code>").Append(E(s.Command)).Append("</code></p>\n");

        sb.Append("<h2>Notebooks</h2>\n<table>\n<tr><th>notebook</th><th>status</th><th>time (s)</th><th>cells run</th><th>checks</th><th>figures</th><th>files</th></tr>\n");
        foreach (var n in s.Notebooks)
        {
            sb.Append("<tr><td><a href=\"#").Append(Anchor(n.Notebook)).Append("\">").Append(E(n.Title)).Append("</a><br><small>").Append(E(n.Notebook)).Append("</small></td>")
              .Append("<td class=\"").Append(n.Status == "succeeded" ? "ok" : "failed").Append("\">").Append(E(n.Status)).Append("</td>")
              .Append("<td class=\"num\">").Append(F(n.Seconds, 1)).Append("</td>")
              .Append("<td class=\"num\">").Append(n.CellsRun).Append(" / ").Append(n.CodeCells).Append("</td>")
              .Append("<td class=\"num\">").Append(n.Claims.Count).Append("</td>")
              .Append("<td class=\"num\">").Append(n.Figures.Count).Append("</td><td>");
            if (n.Page is not null) sb.Append("<a href=\"").Append(E(n.Page)).Append("\">page</a> · <a href=\"").Append(E(n.Executed!)).Append("\">.ipynb</a>");
            sb.Append("</td></tr>\n");
        }
        sb.Append("</table>\n");

        sb.Append("<h2>Environment</h2>\n<table>\n");
        Row(sb, "workbench", env.Workbench + (env.GitCommit is null ? "" : $" (commit {env.GitCommit})"));
        Row(sb, ".NET", env.Dotnet);
        Row(sb, "OS", env.Os);
        Row(sb, "CPU", $"{env.Cpu}, {env.Cores} logical cores");
        Row(sb, "memory", double.IsNaN(env.MemoryGiB) ? "unknown" : F(env.MemoryGiB, 1) + " GiB");
        Row(sb, "TorchSharp / libtorch", $"{env.TorchSharp ?? "not loaded"} / {env.Libtorch ?? "-"}, {env.TorchThreads} intra-op thread(s)");
        Row(sb, "load average (1/5/15 min)", $"at start {Or(env.LoadAverage)}; at end {Or(s.LoadAverageAtEnd)}");
        Row(sb, "plotly.js", PlotlyJs.Version + " (figures/" + PlotlyJs.FileName + ", shared by every page)");
        sb.Append("</table>\n");

        int figureNumber = 0;
        foreach (var n in s.Notebooks)
        {
            sb.Append("<h2 id=\"").Append(Anchor(n.Notebook)).Append("\">").Append(E(n.Title)).Append("</h2>\n<p>")
              .Append("<span class=\"").Append(n.Status == "succeeded" ? "ok" : "failed").Append("\">").Append(E(n.Status)).Append("</span> in ")
              .Append(F(n.Seconds, 1)).Append(" s");
            if (n.Page is not null) sb.Append(" · <a href=\"").Append(E(n.Page)).Append("\">the executed notebook</a>");
            sb.Append("</p>\n");
            if (n.Error is not null) sb.Append("<pre class=\"out err\">").Append(E(n.Error)).Append("</pre>\n");
            var digest = n.Executed is null ? null : NotebookPage.Digest(Path.Combine(folder, n.Executed));
            if (digest is { Introduction.Length: > 0 }) sb.Append("<p>").Append(E(digest.Introduction)).Append("</p>\n");
            if (digest?.SummaryMarkdown is { } summary) sb.Append(NotebookPage.Markdown(summary.Replace("## Summary", "### Summary", StringComparison.Ordinal)));
            if (n.Claims.Count > 0)
            {
                sb.Append("<details><summary>").Append(n.Claims.Count).Append(" checked statements</summary>\n<ul class=\"claims\">\n");
                foreach (var c in n.Claims) sb.Append("<li>").Append(E(c)).Append("</li>\n");
                sb.Append("</ul></details>\n");
            }
            foreach (var figure in n.Figures)
            {
                string json = Path.ChangeExtension(Path.Combine(folder, figure), ".json");
                sb.Append("<h3>").Append(E(Path.GetFileNameWithoutExtension(figure))).Append(" <small><a href=\"").Append(E(figure)).Append("\">open</a></small></h3>\n");
                if (!File.Exists(json)) { sb.Append("<p><a href=\"").Append(E(figure)).Append("\">figure</a></p>\n"); continue; }
                string id = "figure-" + (++figureNumber).ToString(CultureInfo.InvariantCulture);
                sb.Append("<div class=\"figure\" id=\"").Append(id).Append("\"></div>\n<script type=\"application/json\" id=\"").Append(id).Append("-data\">")
                  .Append(File.ReadAllText(json).Replace("</", "<\\/", StringComparison.Ordinal)).Append("</script>\n");
            }
        }
        sb.Append("""
            <script>
            document.querySelectorAll('div.figure').forEach(function (el) {
              var data = document.getElementById(el.id + '-data');
              if (!window.Plotly) { el.textContent = 'plotly.js was not found (figures/ must sit beside this page).'; return; }
              var f = JSON.parse(data.textContent);
              Plotly.newPlot(el, f.data, f.layout, Object.assign({ responsive: true }, f.config));
            });
            </script>

            """);
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string key, string value) =>
        sb.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static string Or(string s) => string.IsNullOrEmpty(s) ? "unknown" : s;
    private static string Rel(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');
    private static string Anchor(string notebook) => "nb-" + Path.GetFileNameWithoutExtension(notebook);
    private static string F(double v, int digits) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    private static string E(string text) => WebUtility.HtmlEncode(text);
}
