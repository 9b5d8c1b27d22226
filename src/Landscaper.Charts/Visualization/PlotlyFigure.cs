using Plotly.NET;

namespace Landscaper.Visualization;

/// <summary>Builds Plotly.NET charts from plain property dictionaries (the plotly.js JSON schema), so every chart family
/// can set exactly the trace and layout attributes it needs. Null values are left out. Public so that experiment layers
/// and notebooks can build their own figures in the same way.</summary>
public static class PlotlyFigure
{
    /// <summary>A 2-D trace (scatter, bar, heatmap, contour) of plotly.js type <paramref name="type"/>.</summary>
    public static Trace Trace2D(string type, IEnumerable<KeyValuePair<string, object?>> properties)
        => Fill(new Trace2D(type), properties);

    /// <summary>A 3-D trace (surface) of plotly.js type <paramref name="type"/>.</summary>
    public static Trace Trace3D(string type, IEnumerable<KeyValuePair<string, object?>> properties)
        => Fill(new Trace3D(type), properties);

    /// <summary>A chart of <paramref name="traces"/> with the given layout properties.</summary>
    public static GenericChart Chart(IEnumerable<Trace> traces, IEnumerable<KeyValuePair<string, object?>> layout)
    {
        var chart = GenericChart.ofTraceObjects(true, traces.ToArray());
        return GenericChart.setLayout(Fill(new Layout(), layout), chart);
    }

    /// <summary>An axis title object.</summary>
    public static object Title(string text) => new Dictionary<string, object?> { ["text"] = text };

    /// <summary>A colour bar with a title.</summary>
    public static Dictionary<string, object?> ColorBar(string title) => new() { ["title"] = Title(title) };

    private static T Fill<T>(T target, IEnumerable<KeyValuePair<string, object?>> properties) where T : DynamicObj.DynamicObj
    {
        foreach (var (key, value) in properties)
            if (value is not null) target.SetProperty(key, value);
        return target;
    }
}
