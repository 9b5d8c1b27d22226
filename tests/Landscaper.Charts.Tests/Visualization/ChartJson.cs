using System.Text.Json;
using Plotly.NET;

namespace Landscaper.Tests.Visualization;

/// <summary>Parses a chart's plotly.js JSON (data, layout) for assertions.</summary>
internal static class ChartJson
{
    public static JsonElement Parse(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement.Clone();

    public static JsonElement[] Traces(GenericChart chart) => Parse(chart).GetProperty("data").EnumerateArray().ToArray();

    public static JsonElement Layout(GenericChart chart) => Parse(chart).GetProperty("layout");

    public static string[] Types(GenericChart chart) => Traces(chart).Select(t => t.GetProperty("type").GetString()!).ToArray();

    public static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetDouble()).ToArray();

    public static string Title(JsonElement axis) => axis.GetProperty("title").GetProperty("text").GetString()!;
}
