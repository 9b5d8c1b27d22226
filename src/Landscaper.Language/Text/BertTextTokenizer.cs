using System.Text;
using Landscaper.Language.Resources;
using Microsoft.ML.Tokenizers;

namespace Landscaper.Language.Text;

/// <summary>
/// Uncased BERT tokenisation: <see cref="BertBasicTokenizer"/> (cleaning, CJK, lower-casing, accent stripping,
/// punctuation split), then WordPiece by Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> on the resulting words
/// (greedy longest match, <c>##</c> continuations, <c>[UNK]</c> for a word it cannot cover or longer than 100
/// characters), then <c>[CLS]</c> … <c>[SEP]</c>. Text that looks like a special token (e.g. "[SEP]" inside an
/// e-mail) is tokenised as ordinary text ("[", "sep", "]"). Results do not depend on the host's globalization mode.
/// </summary>
public sealed class BertTextTokenizer
{
    private readonly BertTokenizer _tokenizer;
    private readonly string[] _vocabulary;

    private BertTextTokenizer(BertTokenizer tokenizer, string[] vocabulary)
    {
        _tokenizer = tokenizer;
        _vocabulary = vocabulary;
    }

    /// <summary>Creates a tokenizer from vocabulary text (one token per line, LF or CRLF; line i is id i).</summary>
    /// <exception cref="ArgumentException">The vocabulary is empty or lacks [CLS], [SEP], [PAD] or [UNK].</exception>
    public static BertTextTokenizer FromVocabulary(string vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        vocabulary = vocabulary.Replace("\r\n", "\n", StringComparison.Ordinal); // the MiniLM file has CRLF line ends
        var tokens = vocabulary.TrimEnd('\n').Split('\n');
        var lines = tokens.ToHashSet(StringComparer.Ordinal);
        foreach (var special in new[] { "[CLS]", "[SEP]", "[PAD]", "[UNK]" })
            if (!lines.Contains(special)) throw new ArgumentException($"The vocabulary has no {special} token.", nameof(vocabulary));
        using var stream = new MemoryStream(new UTF8Encoding(false).GetBytes(vocabulary));
        // Only WordPiece is left to the library: the words come from BertBasicTokenizer, separated by single spaces.
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = false,
            ApplyBasicTokenization = false,
            RemoveNonSpacingMarks = false,
            IndividuallyTokenizeCjk = false,
            SplitOnSpecialTokens = false,
            PreTokenizer = PreTokenizer.CreateWhiteSpace(),
        };
        return new BertTextTokenizer(BertTokenizer.Create(stream, options), tokens);
    }

    /// <summary>The tokenizer of all-MiniLM-L6-v2 (its shipped vocabulary, see <see cref="MiniLmResources"/>).</summary>
    /// <exception cref="FileNotFoundException">The package DLL is missing.</exception>
    public static BertTextTokenizer MiniLm() => FromVocabulary(MiniLmResources.ReadVocabulary());

    /// <summary>Id of [CLS].</summary>
    public int ClsId => _tokenizer.ClassificationTokenId;

    /// <summary>Id of [SEP].</summary>
    public int SepId => _tokenizer.SeparatorTokenId;

    /// <summary>Id of [PAD].</summary>
    public int PadId => _tokenizer.PaddingTokenId;

    /// <summary>Token ids of <paramref name="text"/> with [CLS] and [SEP], the word pieces cut so that at most
    /// <paramref name="maxLength"/> ids result.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> &lt; 2.</exception>
    public int[] Encode(string text, int maxLength = 512)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "Must be ≥ 2 to hold [CLS] and [SEP].");
        var pieces = _tokenizer.EncodeToIds(string.Join(' ', BertBasicTokenizer.Split(text)), addSpecialTokens: false);
        int keep = Math.Min(pieces.Count, maxLength - 2);
        var ids = new int[keep + 2];
        ids[0] = ClsId;
        for (int i = 0; i < keep; i++) ids[i + 1] = pieces[i];
        ids[^1] = SepId;
        return ids;
    }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Length;

    /// <summary>The vocabulary strings of <paramref name="ids"/> (for inspection).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id outside the vocabulary.</exception>
    public string[] Tokens(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Select(id => id >= 0 && id < _vocabulary.Length ? _vocabulary[id]
            : throw new ArgumentOutOfRangeException(nameof(ids), id, $"Not a token id (vocabulary size {_vocabulary.Length}).")).ToArray();
    }

    /// <summary>Encodes <paramref name="texts"/>, truncating each to <paramref name="maxLength"/> tokens and padding
    /// to the longest row (or to <paramref name="maxLength"/> when <paramref name="padToMaxLength"/>).</summary>
    /// <exception cref="ArgumentException">No texts.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> &lt; 2.</exception>
    public EncodedBatch EncodeBatch(IReadOnlyList<string> texts, int maxLength, bool padToMaxLength = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("No texts to encode.", nameof(texts));
        var rows = texts.Select(t => Encode(t, maxLength)).ToArray();
        int length = padToMaxLength ? maxLength : rows.Max(r => r.Length);
        var ids = new long[rows.Length * length];
        var mask = new long[rows.Length * length];
        Array.Fill(ids, PadId);
        for (int b = 0; b < rows.Length; b++)
            for (int t = 0; t < rows[b].Length; t++)
            {
                ids[b * length + t] = rows[b][t];
                mask[b * length + t] = 1;
            }
        return new EncodedBatch(ids, mask, rows.Length, length, PadId);
    }
}
