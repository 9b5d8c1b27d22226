using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.DotNet.Interactive;
using Landscaper.Visualization;
using Plotly.NET;

namespace Landscaper.Notebooks;

/// <summary>The notebook HTML of Plotly.NET charts, working offline. <see cref="Setup.Initialize"/> registers it as the
/// <see cref="GenericChart"/> formatter.</summary>
/// <remarks>
/// <para><b>The problem.</b> Plotly.NET.Interactive's chart HTML loads plotly.js from a CDN (with require.js), so charts
/// are blank on a machine without internet.</para>
/// <para><b>The fix.</b> In the default <see cref="PlotlyJsMode.EmbedOnce"/> mode, the first chart output of a kernel session
/// starts with a script that defines the global <c>Plotly</c> from the plotly.min.js embedded in Plotly.NET.dll (hiding an
/// AMD <c>define</c> while it runs, so classic Jupyter's require.js does not capture it). Every chart's own script draws
/// with <c>Plotly.newPlot</c> once the global exists (it waits up to 10 s, then prints a hint into the chart's box).
/// The session is the root kernel of the current submission: one per Jupyter kernel process and one per
/// <see cref="NotebookRunner"/> run. Outside a kernel (e.g. <c>Formatter.ToDisplayString</c> in a test) every chart carries
/// plotly.js.</para>
/// <para><b>Caveat.</b> Opening a saved notebook renders outputs in order, so the first chart output defines
/// <c>Plotly</c> for the rest. If that output is cleared, or replaced by re-running its cell in the same session (the
/// live page keeps working, the saved file no longer carries plotly.js), restart the kernel and run all cells, display
/// <see cref="PlotlyJsLoader"/> in an early cell, or set <see cref="Mode"/> to <see cref="PlotlyJsMode.EmbedEveryChart"/>.</para>
/// </remarks>
public static class ChartDisplay
{
    private static readonly ConditionalWeakTable<Kernel, object> Sessions = new();

    /// <summary>Environment variable that overrides <see cref="Mode"/> for a run: <c>embed-once</c>, <c>embed-every-chart</c>,
    /// <c>cdn</c> or <c>external</c> (set by <c>landscaper reproduce</c>, whose pages load plotly.js once).</summary>
    public const string ModeVariable = "LANDSCAPER_PLOTLY_JS";

    private static PlotlyJsMode? _mode;

    /// <summary>How chart output gets plotly.js (process-wide): the value set here, else <see cref="ModeVariable"/>, else
    /// <see cref="PlotlyJsMode.EmbedOnce"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable holds an unknown mode.</exception>
    public static PlotlyJsMode Mode
    {
        get => _mode ?? (Environment.GetEnvironmentVariable(ModeVariable)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "embed-once" => PlotlyJsMode.EmbedOnce,
            "embed-every-chart" => PlotlyJsMode.EmbedEveryChart,
            "cdn" => PlotlyJsMode.Cdn,
            "external" => PlotlyJsMode.External,
            var other => throw new InvalidOperationException($"{ModeVariable} is '{other}'; expected embed-once, embed-every-chart, cdn or external."),
        });
        set => _mode = value;
    }

    /// <summary>Plotly.NET.Interactive's own HTML (plotly.js from a CDN). A separate, non-inlined method: Plotly.NET.Interactive
    /// is loaded only when this mode is chosen (a kernel that loaded this library from NuGet does not have it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string CdnHtml(GenericChart chart) => Plotly.NET.Interactive.Formatters.toInteractiveHTML(chart);

    /// <summary>The notebook HTML of <paramref name="chart"/> according to <see cref="Mode"/>.</summary>
    public static string ToHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var mode = Mode;
        if (mode == PlotlyJsMode.Cdn) return CdnHtml(chart);
        bool embed = mode == PlotlyJsMode.EmbedEveryChart || (mode == PlotlyJsMode.EmbedOnce && FirstInSession());
        var sb = new StringBuilder();
        if (embed) sb.Append(PlotlyJsLoader());
        string id = "landscaper-chart-" + Guid.NewGuid().ToString("N");
        string figure = GenericChart.toJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        sb.Append("<div id=\"").Append(id).Append("\" class=\"landscaper-chart\"></div>\n<script type=\"text/javascript\">\n(function () {\n")
          .Append("  var figure = ").Append(figure).Append(";\n")
          .Append("  var tries = 0;\n")
          .Append("  function draw() {\n")
          .Append("    var el = document.getElementById('").Append(id).Append("');\n")
          .Append("    if (window.Plotly && el) { window.Plotly.newPlot(el, figure.data, figure.layout, figure.config); return; }\n")
          .Append("    if (tries++ < 200) { setTimeout(draw, 50); return; }\n")
          .Append("    if (el) el.textContent = 'plotly.js is not loaded: re-run the first chart cell, or display Landscaper.Notebooks.ChartDisplay.PlotlyJsLoader().';\n")
          .Append("  }\n  draw();\n})();\n</script>\n");
        return sb.ToString();
    }

    /// <summary>HTML that defines the global <c>Plotly</c> from the embedded plotly.min.js (about 3.6 MB). Display it
    /// (e.g. <c>display(HTML(ChartDisplay.PlotlyJsLoader()))</c>) if the output that carried it was cleared.</summary>
    public static string PlotlyJsLoader() =>
        "<script type=\"text/javascript\">window.__landscaperDefine = window.define; window.define = undefined;</script>\n" +
        "<script type=\"text/javascript\">" + PlotlyJs.Source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "</script>\n" +
        "<script type=\"text/javascript\">window.define = window.__landscaperDefine; delete window.__landscaperDefine;</script>\n";

    /// <summary>True exactly once per kernel session (and always outside a kernel).</summary>
    private static bool FirstInSession()
    {
        var root = KernelInvocationContext.Current?.HandlingKernel?.RootKernel;
        if (root is null) return true;
        lock (Sessions)
        {
            if (Sessions.TryGetValue(root, out _)) return false;
            Sessions.Add(root, new object());
            return true;
        }
    }
}
