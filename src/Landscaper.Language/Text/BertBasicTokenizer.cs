using System.Globalization;
using System.Text;

namespace Landscaper.Language.Text;

/// <summary>
/// BERT's "basic" (pre-WordPiece) tokenisation for uncased models, written here so that the result does not depend
/// on the host: (1) drop NUL, U+FFFD and control/format/unassigned/private-use characters, map whitespace to spaces;
/// (2) put spaces around CJK ideographs; (3) lower-case; (4) canonically decompose and drop non-spacing marks
/// (é → e, Hangul syllables → jamo); (5) split on whitespace and make every punctuation character its own word,
/// where punctuation is Unicode category P* or one of the ASCII symbols <c>$ + &lt; = &gt; ^ ` | ~</c>.
/// </summary>
/// <remarks>
/// <para>Why not Microsoft.ML.Tokenizers' own pre-tokenisation: version 2.0.1 keeps only word characters and
/// category P*, silently dropping symbols that BERT keeps ("$100" → "100", "a+b" → "a b", "¤" vanishes although it is
/// a vocabulary token) and UTF-16 surrogates (an emoji vanishes instead of becoming [UNK]); and
/// <see cref="string.Normalize(NormalizationForm)"/> does nothing under <c>InvariantGlobalization</c> (set in this
/// repository), so accents would survive and become [UNK] in some hosts only.</para>
/// <para>Decompositions come from <c>AccentFolding.tsv</c>, generated from Python's <c>unicodedata</c> by
/// <c>make_accent_folding.py</c> (Basic Multilingual Plane; supplementary characters are kept as they are).</para>
/// </remarks>
public static class BertBasicTokenizer
{
    private const string TableResource = "Landscaper.Language.Text.AccentFolding.tsv";
    private static readonly Lazy<IReadOnlyDictionary<int, string>> Folding = new(LoadTable);

    /// <summary>The words of <paramref name="text"/> after basic tokenisation (input to WordPiece).</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
        foreach (var rune in text.EnumerateRunes())
        {
            int cp = rune.Value;
            if (cp == 0 || cp == 0xFFFD) continue;
            if (IsWhitespace(rune)) { Flush(); continue; }
            if (IsControl(rune)) continue;
            if (IsCjk(cp)) { Flush(); words.Add(rune.ToString()); continue; }
            foreach (var folded in Fold(Rune.ToLowerInvariant(rune)))
            {
                if (IsPunctuation(folded)) { Flush(); words.Add(folded.ToString()); }
                else word.Append(folded.ToString());
            }
        }
        Flush();
        return words;
    }

    /// <summary>Lower-case-independent accent folding of one character: its canonical decomposition without non-spacing marks.</summary>
    public static IEnumerable<Rune> Fold(Rune rune)
    {
        int cp = rune.Value;
        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark) yield break;
        if (cp is >= 0xAC00 and <= 0xD7A3)
        {
            int s = cp - 0xAC00;
            yield return new Rune(0x1100 + s / (21 * 28));
            yield return new Rune(0x1161 + s % (21 * 28) / 28);
            if (s % 28 != 0) yield return new Rune(0x11A7 + s % 28);
            yield break;
        }
        if (Folding.Value.TryGetValue(cp, out var folded))
        {
            foreach (var r in folded.EnumerateRunes()) yield return r;
            yield break;
        }
        yield return rune;
    }

    /// <summary>Space, tab, line breaks and category Zs.</summary>
    public static bool IsWhitespace(Rune r) =>
        r.Value is ' ' or '\t' or '\n' or '\r' || Rune.GetUnicodeCategory(r) == UnicodeCategory.SpaceSeparator;

    /// <summary>Categories C* (control, format, surrogate, private use, unassigned), except tab and line breaks.</summary>
    public static bool IsControl(Rune r)
    {
        if (r.Value is '\t' or '\n' or '\r') return false;
        return Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>Category P*, or any ASCII character in 33–47, 58–64, 91–96, 123–126.</summary>
    public static bool IsPunctuation(Rune r)
    {
        int cp = r.Value;
        if (cp is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)) return true;
        return Rune.GetUnicodeCategory(r) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>CJK Unified Ideographs (and extensions A–E) and compatibility ideographs, which BERT treats as words.</summary>
    public static bool IsCjk(int cp) =>
        cp is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    private static IReadOnlyDictionary<int, string> LoadTable()
    {
        using var stream = typeof(BertBasicTokenizer).Assembly.GetManifestResourceStream(TableResource)
            ?? throw new InvalidDataException($"Embedded resource {TableResource} is missing from Landscaper.Language; rebuild the project.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            int from = int.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            table[from] = string.Concat(parts[1].Split(' ').Select(h => char.ConvertFromUtf32(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
        }
        return table;
    }
}
