namespace Landscaper.Visualization;

/// <summary>A chart could not be exported to a static image (the browser failed to start, or plotly.js did not render).</summary>
public sealed class ChartExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChartExportException(string message, Exception? inner = null) : base(message, inner) { }
}
