using System.Globalization;
using System.Text;
using Deedle;

namespace Landscaper.Notebooks;

/// <summary>Compact HTML display of Deedle frames: the first and last rows as a plain table with the frame's size
/// (instead of the default object tree, which is megabytes for a modest frame).</summary>
public static class FrameFormatter
{
    /// <summary>Rows shown from the top of the frame.</summary>
    public const int HeadRows = 8;

    /// <summary>Rows shown from the bottom of the frame.</summary>
    public const int TailRows = 4;

    /// <summary>Columns shown at most (the rest are summarised).</summary>
    public const int MaxColumns = 20;

    /// <summary>An HTML table of the first <see cref="HeadRows"/> and last <see cref="TailRows"/> rows of <paramref name="frame"/>.</summary>
    public static string ToHtml(IFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Apply(new HtmlOperation());
    }

    private sealed class HtmlOperation : IFrameOperation<string>
    {
        public string Invoke<TRowKey, TColumnKey>(Frame<TRowKey, TColumnKey> frame)
        {
            var data = frame.GetFrameData();
            var rowKeys = data.RowKeys.ToArray();
            var columnKeys = data.ColumnKeys.Take(MaxColumns).ToArray();
            var columns = data.Columns.Take(MaxColumns).Select(c => c.Item2).ToArray();
            int rows = rowKeys.Length, cols = frame.ColumnCount;
            var shown = rows <= HeadRows + TailRows
                ? Enumerable.Range(0, rows).ToArray()
                : Enumerable.Range(0, HeadRows).Concat(Enumerable.Range(rows - TailRows, TailRows)).ToArray();
            var sb = new StringBuilder("<table class=\"landscaper-frame\"><caption style=\"text-align:left\">")
                .Append(CultureInfo.InvariantCulture, $"Deedle frame: {rows} rows × {cols} columns")
                .Append(cols > MaxColumns ? $" (first {MaxColumns} columns shown)" : "").Append("</caption><thead><tr><th></th>");
            foreach (var key in columnKeys) sb.Append("<th>").Append(Encode(Key(key))).Append("</th>");
            sb.Append("</tr></thead><tbody>");
            for (int s = 0; s < shown.Length; s++)
            {
                int r = shown[s];
                if (s > 0 && r != shown[s - 1] + 1)
                    sb.Append("<tr><td>…</td>").Append(string.Concat(Enumerable.Repeat("<td>…</td>", columns.Length))).Append("</tr>");
                sb.Append("<tr><th>").Append(Encode(Key(rowKeys[r]))).Append("</th>");
                foreach (var column in columns)
                {
                    var value = r < column.Length ? column.GetObject(r) : OptionalValue<object>.Missing;
                    sb.Append("<td>").Append(value.HasValue ? Encode(Cell(value.Value)) : "<i>N/A</i>").Append("</td>");
                }
                sb.Append("</tr>");
            }
            return sb.Append("</tbody></table>").ToString();
        }

        private static string Key(object[] parts) => string.Join(", ", parts.Select(Cell));

        private static string Cell(object? value) => value switch
        {
            null => "",
            double d => d.ToString("G6", CultureInfo.InvariantCulture),
            float f => f.ToString("G6", CultureInfo.InvariantCulture),
            IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        private static string Encode(string s) => Html.Escape(s.Length > 60 ? s[..57] + "…" : s);
    }
}
