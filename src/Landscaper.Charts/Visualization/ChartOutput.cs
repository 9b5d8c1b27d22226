using System.Globalization;
using Plotly.NET;
using PuppeteerSharp;
using Landscaper.IO;

namespace Landscaper.Visualization;

/// <summary>Saves Plotly.NET charts for offline use: HTML documents and static PNG/SVG images rendered by a local headless
/// Chromium. Every file is written atomically.</summary>
/// <remarks>
/// <para>HTML: Plotly.NET's default output loads plotly.js from a CDN, which renders a blank page without internet, and
/// puts <c>&lt;meta charset&gt;</c> after the library, so browsers guess the encoding and show "−" as mojibake. The
/// documents written here declare UTF-8 first and either refer to one shared <see cref="PlotlyJs.FileName"/> beside them
/// (<see cref="SaveHtml"/>, the default: a folder of figures carries plotly.js once) or inline it
/// (<see cref="ToStandaloneHtml"/>, about 3.6 MB per document).</para>
/// <para>Images: PuppeteerSharp drives the browser found by <see cref="ChromiumLocator"/> with
/// <see cref="ChromiumLocator.HeadlessArguments"/>, loads the standalone HTML and asks plotly.js for the image
/// (<c>Plotly.toImage</c>); no browser is ever downloaded. Plotly.NET.ImageExport is not used: it keeps its browser options
/// in process-wide mutable state, and in the dotnet-interactive kernel its PuppeteerSharp types bind to a second copy of the
/// assembly (MissingMethodException). Exports are serialised; each starts and stops one browser (1–2 s on an idle machine).</para>
/// </remarks>
public static class ChartOutput
{
    /// <summary>Longest time one static export may take before <see cref="ChartExportException"/> is thrown.</summary>
    public static TimeSpan ExportTimeout { get; } = TimeSpan.FromSeconds(120);

    private static readonly SemaphoreSlim ExportGate = new(1, 1);

    /// <summary>A complete HTML document showing <paramref name="chart"/> with plotly.js inlined (opens offline, alone).</summary>
    public static string ToStandaloneHtml(GenericChart chart) => ToHtmlDocument(chart, plotlyJsFile: null);

    /// <summary>A complete HTML document showing <paramref name="chart"/>: UTF-8 declared first, then plotly.js — from the
    /// relative URL <paramref name="plotlyJsFile"/>, or inlined when it is null — then the figure, drawn with
    /// <c>Plotly.newPlot</c> into a responsive box.</summary>
    public static string ToHtmlDocument(GenericChart chart, string? plotlyJsFile)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string figure = GenericChart.toJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        var sb = new System.Text.StringBuilder(plotlyJsFile is null ? PlotlyJs.Source.Length + figure.Length + 1024 : figure.Length + 1024);
        sb.Append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"Landscaper Workbench; plotly.js ").Append(PlotlyJs.Version).Append("\">\n");
        if (plotlyJsFile is null)
            sb.Append("<script type=\"text/javascript\">").Append(PlotlyJs.Source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        else
            sb.Append("<script type=\"text/javascript\" src=\"").Append(System.Net.WebUtility.HtmlEncode(plotlyJsFile)).Append("\"></script>\n");
        sb.Append("</head>\n<body style=\"margin:0\">\n<div id=\"figure\" style=\"width:100%;min-height:480px\"></div>\n")
          .Append("<script type=\"text/javascript\">\n")
          .Append("var figure = ").Append(figure).Append(";\n")
          .Append("if (window.Plotly) { Plotly.newPlot('figure', figure.data, figure.layout, Object.assign({responsive: true}, figure.config)); }\n")
          .Append("else { document.getElementById('figure').textContent = 'plotly.js was not found")
          .Append(plotlyJsFile is null ? "" : " (expected " + System.Net.WebUtility.HtmlEncode(plotlyJsFile).Replace("'", "", StringComparison.Ordinal) + " beside this file)")
          .Append(".'; }\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Saves <paramref name="chart"/> as an HTML document. By default it refers to <see cref="PlotlyJs.FileName"/>,
    /// written once into the same folder (so a folder of figures carries plotly.js once and still opens offline);
    /// <paramref name="standalone"/> inlines plotly.js instead.</summary>
    /// <returns>The full path written.</returns>
    public static string SaveHtml(GenericChart chart, string path, bool standalone = false)
    {
        ArgumentNullException.ThrowIfNull(chart);
        string full = Path.GetFullPath(path);
        string html;
        if (standalone) html = ToStandaloneHtml(chart);
        else
        {
            PlotlyJs.EnsureFile(Path.GetDirectoryName(full)!);
            html = ToHtmlDocument(chart, PlotlyJs.FileName);
        }
        AtomicFile.WriteAllText(full, html);
        return full;
    }

    /// <summary>Renders <paramref name="chart"/> to PNG bytes with headless Chromium.</summary>
    /// <exception cref="ChromiumNotFoundException">No browser is installed.</exception>
    /// <exception cref="ChartExportException">The browser failed or plotly.js did not produce an image in time.</exception>
    public static async Task<byte[]> RenderPngAsync(GenericChart chart, int width = 800, int height = 600, double scale = 1.0,
        CancellationToken cancellationToken = default)
    {
        string dataUri = await RenderAsync(chart, width, height, scale, svg: false, cancellationToken).ConfigureAwait(false);
        int comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        string base64 = dataUri.StartsWith("data:", StringComparison.Ordinal) && comma >= 0 ? dataUri[(comma + 1)..] : dataUri;
        try { return Convert.FromBase64String(base64); }
        catch (FormatException ex) { throw new ChartExportException("The browser returned an image that is not valid base64.", ex); }
    }

    /// <summary>Renders <paramref name="chart"/> to an SVG document with headless Chromium.</summary>
    /// <exception cref="ChromiumNotFoundException">No browser is installed.</exception>
    /// <exception cref="ChartExportException">The browser failed or plotly.js did not produce an image in time.</exception>
    public static Task<string> RenderSvgAsync(GenericChart chart, int width = 800, int height = 600, CancellationToken cancellationToken = default)
        => RenderAsync(chart, width, height, 1.0, svg: true, cancellationToken);

    /// <summary>Saves <paramref name="chart"/> as a PNG file (atomic write).</summary>
    /// <returns>The full path written.</returns>
    /// <exception cref="ChromiumNotFoundException">No browser is installed.</exception>
    /// <exception cref="ChartExportException">The browser failed or plotly.js did not produce an image in time.</exception>
    public static async Task<string> SavePngAsync(GenericChart chart, string path, int width = 800, int height = 600, double scale = 1.0,
        CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        AtomicFile.WriteAllBytes(full, await RenderPngAsync(chart, width, height, scale, cancellationToken).ConfigureAwait(false));
        return full;
    }

    /// <summary>Saves <paramref name="chart"/> as an SVG file (atomic write).</summary>
    /// <returns>The full path written.</returns>
    /// <exception cref="ChromiumNotFoundException">No browser is installed.</exception>
    /// <exception cref="ChartExportException">The browser failed or plotly.js did not produce an image in time.</exception>
    public static async Task<string> SaveSvgAsync(GenericChart chart, string path, int width = 800, int height = 600,
        CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        AtomicFile.WriteAllText(full, await RenderSvgAsync(chart, width, height, cancellationToken).ConfigureAwait(false));
        return full;
    }

    /// <summary>Synchronous <see cref="SavePngAsync"/>.</summary>
    public static string SavePng(GenericChart chart, string path, int width = 800, int height = 600, double scale = 1.0)
        => SavePngAsync(chart, path, width, height, scale).GetAwaiter().GetResult();

    /// <summary>Synchronous <see cref="SaveSvgAsync"/>.</summary>
    public static string SaveSvg(GenericChart chart, string path, int width = 800, int height = 600)
        => SaveSvgAsync(chart, path, width, height).GetAwaiter().GetResult();

    private static async Task<string> RenderAsync(GenericChart chart, int width, int height, double scale, bool svg, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Must be finite and > 0.");
        string browserPath = ChromiumLocator.Find();
        string html = ToStandaloneHtml(chart);
        string format = svg ? "svg" : "png";
        string script = string.Create(CultureInfo.InvariantCulture,
            $"Plotly.toImage(document.querySelector('.js-plotly-plot'), {{ format: '{format}', width: {width}, height: {height}, scale: {scale} }})");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ExportTimeout);
        await ExportGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var launch = new LaunchOptions
            {
                ExecutablePath = browserPath,
                Headless = true,
                Args = ChromiumLocator.HeadlessArguments().ToArray(),
                Timeout = (int)ExportTimeout.TotalMilliseconds,
            };
            await using var browser = await Puppeteer.LaunchAsync(launch).WaitAsync(timeout.Token).ConfigureAwait(false);
            await using var page = await browser.NewPageAsync().WaitAsync(timeout.Token).ConfigureAwait(false);
            await page.SetContentAsync(html).WaitAsync(timeout.Token).ConfigureAwait(false);
            await page.WaitForSelectorAsync(".js-plotly-plot").WaitAsync(timeout.Token).ConfigureAwait(false);
            string dataUri = await page.EvaluateExpressionAsync<string>(script).WaitAsync(timeout.Token).ConfigureAwait(false);
            if (!svg) return dataUri;
            int comma = dataUri.IndexOf(',', StringComparison.Ordinal);
            return Uri.UnescapeDataString(comma >= 0 ? dataUri[(comma + 1)..] : dataUri);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ChartExportException($"Static export with {browserPath} did not finish within {ExportTimeout.TotalSeconds:F0} s.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ChartExportException)
        {
            throw new ChartExportException($"Static export with {browserPath} failed: {ex.Message}", ex);
        }
        finally
        {
            ExportGate.Release();
        }
    }
}
