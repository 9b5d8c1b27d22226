using System.Globalization;
using System.Text;
using Landscaper.Topology;
using Landscaper.Metrics;

namespace Landscaper.Notebooks;

/// <summary>Compact notebook displays of topology results: counts, value ranges, the most persistent pairs and SMAD —
/// never per-point data.</summary>
public static class TopologyFormatter
{
    /// <summary>How many of the most persistent pairs a summary lists.</summary>
    public const int TopPairs = 5;

    /// <summary>An HTML summary of a <see cref="TopologyAnalysis"/>.</summary>
    public static string ToHtml(TopologyAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var l = analysis.Landscape;
        var rows = new List<(string, string)>();
        if (!string.IsNullOrEmpty(l.Metadata.Name)) rows.Add(("landscape", l.Metadata.Name));
        rows.Add(("grid", $"{string.Join(" × ", l.Shape)} ({l.Count} points, {analysis.Options.Connectivity} connectivity)"));
        rows.Add((l.Metadata.Quantity, $"[{F(analysis.MinValue)}, {F(analysis.MaxValue)}]"));
        rows.Add(("minima / maxima", $"{analysis.SublevelTree.LeafCount} / {analysis.SuperlevelTree.LeafCount}"));
        rows.Add(("saddles (sublevel / superlevel)", $"{analysis.SublevelTree.SaddleCount} / {analysis.SuperlevelTree.SaddleCount}"));
        rows.Add(("SMAD plain / normalized / weighted", $"{F(analysis.Smad.Plain)} / {F(analysis.Smad.Normalized)} / {F(analysis.Smad.Weighted)} ({analysis.SaddleMinimumPairs.Count} pairs)"));
        rows.Add(("persistence range", F(analysis.PersistenceRange)));
        rows.Add(("top minima persistence", TopList(analysis.MinimumDiagram)));
        rows.Add(("time", $"{analysis.Timings.Total.ToString("F3", CultureInfo.InvariantCulture)} s"));
        return Table("landscaper-topology", "Topology analysis", rows);
    }

    /// <summary>An HTML summary of a <see cref="MergeTree"/>.</summary>
    public static string ToHtml(MergeTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        string leaves = tree.Filtration == Filtration.Sublevel ? "minima" : "maxima";
        var rows = new List<(string, string)>
        {
            ("filtration", $"{tree.Filtration} ({tree.Connectivity} connectivity)"),
            ("nodes", $"{tree.Nodes.Count}: {tree.LeafCount} {leaves}, {tree.SaddleCount} saddles"),
            ("grid points", tree.PointCount.ToString(CultureInfo.InvariantCulture)),
        };
        if (tree.Nodes.Count > 0)
        {
            var extreme = tree.Leaves.First();
            rows.Add(("value range", $"{F(tree.Nodes[0].Value)} … {F(tree.Root.Value)}"));
            rows.Add((tree.Filtration == Filtration.Sublevel ? "global minimum" : "global maximum", $"{F(extreme.Value)} at point {extreme.Point}"));
        }
        return Table("landscaper-merge-tree", "Merge tree", rows);
    }

    /// <summary>An HTML summary of a <see cref="PersistenceDiagram"/>.</summary>
    public static string ToHtml(PersistenceDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var finite = diagram.FinitePairs.Select(p => p.Persistence).ToArray();
        var rows = new List<(string, string)>
        {
            ("filtration", diagram.Filtration == Filtration.Sublevel ? "sublevel (minima)" : "superlevel (maxima)"),
            ("pairs", $"{diagram.Pairs.Count} ({diagram.EssentialPairs.Count()} essential)"),
            ("total finite persistence", F(finite.Sum())),
            ("largest persistences", TopList(diagram)),
        };
        return Table("landscaper-persistence", "Persistence diagram", rows);
    }

    private static string TopList(PersistenceDiagram diagram)
    {
        var top = diagram.Pairs.OrderByDescending(p => p.Persistence).Take(TopPairs).Select(p => F(p.Persistence) + (p.IsEssential ? "*" : ""));
        string more = diagram.Pairs.Count > TopPairs ? $", … ({diagram.Pairs.Count - TopPairs} more)" : "";
        return string.Join(", ", top) + more + (diagram.EssentialPairs.Any() ? " (* essential)" : "");
    }

    private static string F(double v) => v.ToString("G5", CultureInfo.InvariantCulture);

    private static string Table(string cssClass, string caption, IEnumerable<(string Key, string Value)> rows)
    {
        var sb = new StringBuilder($"<table class=\"{cssClass}\"><caption style=\"text-align:left\"><b>{caption}</b></caption>");
        foreach (var (key, value) in rows)
            sb.Append("<tr><th style=\"text-align:left\">").Append(Html.Escape(key)).Append("</th><td style=\"text-align:left\">")
              .Append(Html.Escape(value)).Append("</td></tr>");
        return sb.Append("</table>").ToString();
    }
}
