namespace Landscaper.Notebooks;

/// <summary>File formats that <see cref="Figures.Save"/> writes.</summary>
[Flags]
public enum FigureFormats
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>Standalone HTML with plotly.js embedded (opens offline).</summary>
    Html = 1,
    /// <summary>PNG rendered by headless Chromium.</summary>
    Png = 2,
    /// <summary>SVG rendered by headless Chromium.</summary>
    Svg = 4,
}
