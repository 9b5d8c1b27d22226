namespace Landscaper.Visualization;

/// <summary>Colour and label options of <see cref="LandscapeCharts"/>.</summary>
/// <param name="LogScale">Colour (and surface height) by log10 of the value. When some value is ≤ 0, every value is first
/// shifted so that the minimum becomes the smallest positive gap between the minimum and any other value (the colour-bar
/// title then says "quantity + shift").</param>
/// <param name="ZMin">Lower end of the colour scale in value units (before the log); null = data minimum.</param>
/// <param name="ZMax">Upper end of the colour scale in value units; null = data maximum.</param>
/// <param name="ColorScale">A plotly.js named colour scale (e.g. "Viridis", "Cividis", "RdBu").</param>
/// <param name="CoordinateUnit">Unit appended to the direction axes (e.g. "step"), or null.</param>
/// <param name="Title">Chart title; null = "<em>kind</em> — landscape name".</param>
public sealed record LandscapeChartOptions(bool LogScale = false, double? ZMin = null, double? ZMax = null,
    string ColorScale = "Viridis", string? CoordinateUnit = null, string? Title = null)
{
    /// <summary>Linear colour scale over the data range, Viridis.</summary>
    public static LandscapeChartOptions Default { get; } = new();
}
