namespace Landscaper.Notebooks;

/// <summary>File formats that <see cref="Figures.Save"/> writes.</summary>
[Flags]
public enum FigureFormats
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>HTML that opens offline, sharing one plotly.js file in the same folder.</summary>
    Html = 1,
    /// <summary>PNG rendered by headless Chromium.</summary>
    Png = 2,
    /// <summary>SVG rendered by headless Chromium.</summary>
    Svg = 4,
    /// <summary>The Plotly figure as JSON (<c>data</c>, <c>layout</c>, <c>config</c>), for pages that draw it themselves.</summary>
    Json = 8,
}
