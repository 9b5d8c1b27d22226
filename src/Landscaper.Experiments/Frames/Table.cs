using System.Globalization;
using System.Text;
using Deedle;
using Landscaper.IO;

namespace Landscaper.Frames;

/// <summary>Rows of records with named columns, as CSV text (invariant culture, round-trip numbers, an empty cell for
/// NaN, quoted text) and as a Deedle frame — the one way experiment results become tables.</summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class Table<T>
{
    /// <summary>Creates the table.</summary>
    /// <exception cref="ArgumentException">No columns, or two with the same name.</exception>
    public Table(IReadOnlyList<T> rows, IReadOnlyList<Column<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        if (columns.Select(c => c.Name).Distinct().Count() != columns.Count) throw new ArgumentException("Two columns have the same name.", nameof(columns));
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The rows.</summary>
    public IReadOnlyList<T> Rows { get; }

    /// <summary>The columns.</summary>
    public IReadOnlyList<Column<T>> Columns { get; }

    /// <summary>The CSV text, header first.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder().AppendJoin(',', Columns.Select(c => Quote(c.Name))).Append('\n');
        foreach (var row in Rows)
        {
            for (int c = 0; c < Columns.Count; c++)
            {
                if (c > 0) sb.Append(',');
                var col = Columns[c];
                if (col.Text is { } text) sb.Append(Quote(text(row)));
                else
                {
                    double v = col.Number!(row);
                    if (!double.IsNaN(v)) sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically (folder created).</summary>
    /// <returns>The full path written.</returns>
    public string Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        AtomicFile.WriteAllText(full, ToCsv());
        return full;
    }

    /// <summary>A Deedle frame with row keys 0 … n−1: text columns are string series, numeric columns double series.</summary>
    public Frame<int, string> ToFrame()
    {
        var keys = Enumerable.Range(0, Rows.Count).ToArray();
        var builder = new FrameBuilder.Columns<int, string>();
        foreach (var col in Columns)
        {
            if (col.Text is { } text) builder.Add(col.Name, new Series<int, string>(keys, Rows.Select(text).ToArray()));
            else builder.Add(col.Name, new Series<int, double>(keys, Rows.Select(col.Number!).ToArray()));
        }
        return builder.Frame;
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
