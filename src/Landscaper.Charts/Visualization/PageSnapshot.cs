using PuppeteerSharp;

namespace Landscaper.Visualization;

/// <summary>A screenshot of a saved HTML page taken by the local headless Chromium with every network request blocked:
/// proof that a report or figure renders offline.</summary>
/// <param name="Png">The screenshot (PNG bytes) of the first <c>width × height</c> CSS pixels.</param>
/// <param name="BlockedRequests">URLs the page tried to fetch from anywhere but the local file system (blocked).</param>
/// <param name="PlotsDrawn">Number of plotly.js figures drawn on the page (elements with class <c>js-plotly-plot</c>).</param>
/// <param name="ScriptErrors">JavaScript errors the page raised.</param>
/// <param name="Text">The page's text as the browser decoded it (the body's <c>textContent</c> without scripts and styles;
/// SVG labels included).</param>
public sealed record PageSnapshot(byte[] Png, IReadOnlyList<string> BlockedRequests, int PlotsDrawn, IReadOnlyList<string> ScriptErrors, string Text)
{
    /// <summary>Opens <paramref name="htmlPath"/> as a <c>file://</c> URL, waits until the page and its scripts settle (at most
    /// <paramref name="timeout"/>, default 60 s), and captures it.</summary>
    /// <exception cref="FileNotFoundException">The page does not exist.</exception>
    /// <exception cref="ChromiumNotFoundException">No browser is installed.</exception>
    /// <exception cref="ChartExportException">The browser failed or the page did not settle in time.</exception>
    public static async Task<PageSnapshot> CaptureAsync(string htmlPath, int width = 1200, int height = 900, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        string full = Path.GetFullPath(htmlPath);
        if (!File.Exists(full)) throw new FileNotFoundException($"No page at {full}.", full);
        string browserPath = ChromiumLocator.Find();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        var blocked = new List<string>();
        var errors = new List<string>();
        try
        {
            await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = browserPath,
                Headless = true,
                Args = ChromiumLocator.HeadlessArguments().ToArray(),
                Timeout = (int)limit.TotalMilliseconds,
            }).WaitAsync(cts.Token).ConfigureAwait(false);
            await using var page = await browser.NewPageAsync().WaitAsync(cts.Token).ConfigureAwait(false);
            await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height }).WaitAsync(cts.Token).ConfigureAwait(false);
            await page.SetRequestInterceptionAsync(true).WaitAsync(cts.Token).ConfigureAwait(false);
            page.Request += async (_, e) =>
            {
                string url = e.Request.Url;
                bool local = url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
                if (!local) lock (blocked) blocked.Add(url);
                // An event handler must not throw (it would escape on a thread-pool thread): a request the page has given
                // up on (navigation away, closing) can no longer be continued or aborted, which is fine.
                try
                {
                    if (local) await e.Request.ContinueAsync().ConfigureAwait(false);
                    else await e.Request.AbortAsync().ConfigureAwait(false);
                }
                catch (PuppeteerException) { }
            };
            page.PageError += (_, e) => { lock (errors) errors.Add(e.Message); };
            await page.GoToAsync(new Uri(full).AbsoluteUri, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] })
                .WaitAsync(cts.Token).ConfigureAwait(false);
            // plotly.js draws asynchronously after load: give the figures a moment, then count them.
            await Task.Delay(500, cts.Token).ConfigureAwait(false);
            int plots = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.js-plotly-plot').length").WaitAsync(cts.Token).ConfigureAwait(false);
            string text = await page.EvaluateExpressionAsync<string>(
                "(function () { if (!document.body) return ''; var b = document.body.cloneNode(true); b.querySelectorAll('script, style').forEach(function (e) { e.remove(); }); return b.textContent; })()").WaitAsync(cts.Token).ConfigureAwait(false);
            byte[] png = await page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png }).WaitAsync(cts.Token).ConfigureAwait(false);
            lock (blocked) lock (errors) return new PageSnapshot(png, blocked.ToArray(), plots, errors.ToArray(), text);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChartExportException($"{full} did not render within {limit.TotalSeconds:F0} s in {browserPath}.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ChartExportException and not FileNotFoundException)
        {
            throw new ChartExportException($"Rendering {full} with {browserPath} failed: {ex.Message}", ex);
        }
    }
}
