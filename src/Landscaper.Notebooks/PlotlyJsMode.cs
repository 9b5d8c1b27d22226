namespace Landscaper.Notebooks;

/// <summary>How notebook chart output gets plotly.js (see <see cref="ChartDisplay"/>).</summary>
public enum PlotlyJsMode
{
    /// <summary>The default: the first chart displayed by a kernel session carries the full plotly.js (about 3.6 MB, from
    /// inside Plotly.NET.dll); later charts use the page's global <c>Plotly</c>. Works offline; the notebook file holds
    /// one copy of plotly.js.</summary>
    EmbedOnce = 0,

    /// <summary>Every chart carries the full plotly.js: each output works on its own (even if earlier outputs were
    /// cleared), at about 3.6 MB per chart.</summary>
    EmbedEveryChart = 1,

    /// <summary>Plotly.NET.Interactive's own output: plotly.js loaded from a CDN (small; blank without internet).</summary>
    Cdn = 2,

    /// <summary>No chart carries plotly.js: the page that shows the outputs provides the global <c>Plotly</c> (as the
    /// pages of a <c>landscaper reproduce</c> report do, from one shared file). Small notebooks; charts stay blank in
    /// Jupyter.</summary>
    External = 3,
}
