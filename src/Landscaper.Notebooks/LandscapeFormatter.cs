using System.Globalization;

namespace Landscaper.Notebooks;

/// <summary>Compact notebook display of a <see cref="Landscape"/>: dimensions, shape, coordinate ranges, value range and
/// metadata — never the values themselves.</summary>
public static class LandscapeFormatter
{
    /// <summary>A small HTML table describing <paramref name="landscape"/>.</summary>
    public static string ToHtml(Landscape landscape)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        var rows = Describe(landscape);
        var sb = new System.Text.StringBuilder("<table class=\"landscaper-landscape\"><caption style=\"text-align:left\"><b>Landscape</b></caption>");
        foreach (var (key, value) in rows)
            sb.Append("<tr><th style=\"text-align:left\">").Append(Html.Escape(key)).Append("</th><td style=\"text-align:left\">")
              .Append(Html.Escape(value)).Append("</td></tr>");
        return sb.Append("</table>").ToString();
    }

    /// <summary>A one-paragraph plain-text description of <paramref name="landscape"/>.</summary>
    public static string ToText(Landscape landscape)
        => "Landscape: " + string.Join("; ", Describe(landscape).Select(r => $"{r.Key} {r.Value}"));

    private static IReadOnlyList<KeyValuePair<string, string>> Describe(Landscape l)
    {
        static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var (min, max) = l.Range();
        int nonFinite = 0;
        foreach (var v in l.Values) if (!double.IsFinite(v)) nonFinite++;
        var m = l.Metadata;
        var axes = Enumerable.Range(0, l.Dimensions).Select(k =>
        {
            var c = l.Coordinates(k);
            string name = m.DirectionNames is { } names && k < names.Count ? names[k] + " " : "";
            return $"{name}[{F(c[0])}, {F(c[^1])}]";
        });
        var rows = new List<KeyValuePair<string, string>>
        {
            new("dimensions", l.Dimensions.ToString(CultureInfo.InvariantCulture)),
            new("shape", string.Join(" × ", l.Shape) + $" ({l.Count} points)"),
            new("axes", string.Join(", ", axes)),
            new(m.Quantity, double.IsFinite(min) ? $"[{F(min)}, {F(max)}]" : "no finite values"),
        };
        if (nonFinite > 0) rows.Add(new("non-finite", nonFinite.ToString(CultureInfo.InvariantCulture)));
        if (m.NonFiniteReplaced > 0) rows.Add(new("replaced", m.NonFiniteReplaced.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(m.Name)) rows.Insert(0, new("name", m.Name));
        return rows;
    }
}
