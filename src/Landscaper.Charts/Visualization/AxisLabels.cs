namespace Landscaper.Visualization;

/// <summary>Axis titles of landscape charts: direction names from <see cref="LandscapeMetadata"/> and optional units.</summary>
internal static class AxisLabels
{
    /// <summary>"name [unit]" for axis <paramref name="axis"/>: the metadata's direction name, else "direction k+1".</summary>
    public static string Direction(Landscape landscape, int axis, string? unit)
    {
        var names = landscape.Metadata.DirectionNames;
        string name = names is not null && axis < names.Count && !string.IsNullOrWhiteSpace(names[axis]) ? names[axis] : $"direction {axis + 1}";
        return string.IsNullOrWhiteSpace(unit) ? name : $"{name} [{unit}]";
    }

    /// <summary>The landscape's quantity (e.g. "loss"), or "value".</summary>
    public static string Quantity(Landscape landscape)
        => string.IsNullOrWhiteSpace(landscape.Metadata.Quantity) ? "value" : landscape.Metadata.Quantity;

    /// <summary>The chart title: the explicit one, else "what — landscape name", else "what".</summary>
    public static string Title(string? explicitTitle, string what, Landscape? landscape)
        => explicitTitle ?? (landscape is not null && !string.IsNullOrWhiteSpace(landscape.Metadata.Name) ? $"{what} — {landscape.Metadata.Name}" : what);
}
