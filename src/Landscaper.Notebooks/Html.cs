namespace Landscaper.Notebooks;

/// <summary>Minimal HTML escaping that keeps non-ASCII text readable (WebUtility.HtmlEncode turns "×" into "&amp;#215;").</summary>
internal static class Html
{
    public static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
         .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
