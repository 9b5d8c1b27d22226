using Landscaper.Language.Text;
using Landscaper.Native;

namespace Landscaper.Language.Tests;

[Collection(MiniLmCollection.Name)]
public class TokenizerTests(MiniLmFixture fixture)
{
    // Ids looked up by hand in the shipped vocab.txt (0-based line numbers): [PAD] 0, [UNK] 100, [CLS] 101, [SEP] 102.
    // Word pieces follow greedy longest-prefix matching: "tokenization" → token + ##ization (no longer prefix such as
    // "tokeni" is in the vocabulary), "hessian" → hess + ##ian, "spam" → spa + ##m, "landscaper" → landscape + ##r.
    public static TheoryData<string, int[]> HandTokenised => new()
    {
        { "Hello, world!", [101, 7592, 1010, 2088, 999, 102] },
        { "Tokenization of the Hessian", [101, 19204, 3989, 1997, 1996, 23484, 2937, 102] },
        // Lower-casing, accents stripped (café → cafe, naïve → naive), punctuation split off (don ' t).
        { "Café naïve, don't!", [101, 7668, 15743, 1010, 2123, 1005, 1056, 999, 102] },
        // An emoji absent from the vocabulary → [UNK]; CJK characters become separate tokens.
        { "robot 🤖 中文", [101, 8957, 100, 1746, 1861, 102] },
        { "SPAM landscaper", [101, 12403, 2213, 5957, 2099, 102] },
        // BERT treats the ASCII symbols $ + as punctuation (own words); "¤" (category Sc) stays a word and is in the vocabulary.
        { "Win $100 now + more ¤", [101, 2663, 1002, 2531, 2085, 1009, 2062, 1070, 102] },
        // An unknown character inside a word makes the whole word [UNK], as WordPiece does.
        { "robot🤖 a", [101, 100, 1037, 102] },
        // Literal special-token text is split as punctuation: [ sep ].
        { "a [SEP] b", [101, 1037, 1031, 19802, 1033, 1038, 102] },
        { "", [101, 102] },
    };

    [Theory]
    [MemberData(nameof(HandTokenised))]
    public void Ids_match_hand_tokenisation(string text, int[] expected) =>
        Assert.Equal(expected, fixture.Tokenizer.Encode(text));

    [Fact]
    public void Special_ids_are_the_vocabulary_lines()
    {
        Assert.Equal((101, 102, 0), (fixture.Tokenizer.ClsId, fixture.Tokenizer.SepId, fixture.Tokenizer.PadId));
        Assert.Equal(["[CLS]", "token", "##ization", "[SEP]"], fixture.Tokenizer.Tokens([101, 19204, 3989, 102]));
    }

    [Fact]
    public void Basic_tokenisation_is_independent_of_the_globalization_mode()
    {
        // This test project runs with InvariantGlobalization (Directory.Build.props), where string.Normalize does not
        // decompose; the basic tokenizer must still strip accents and split Hangul into jamo.
        Assert.Equal(["cafe", "naive", ",", "ecole"], BertBasicTokenizer.Split("CAFÉ Naïve, École"));
        Assert.Equal(["\u1112\u1161\u11AB"], BertBasicTokenizer.Split("\uD55C"));
        Assert.Equal(["a", "b"], BertBasicTokenizer.Split("a\u0000\u200Bb".Replace("\u200B", "\u00A0")));
        Assert.Equal(["中", "x", "文"], BertBasicTokenizer.Split("中x文"));
    }

    [Fact]
    public void Truncation_keeps_the_first_pieces_and_closes_with_sep()
    {
        Assert.Equal([101, 19204, 3989, 1997, 102], fixture.Tokenizer.Encode("Tokenization of the Hessian", maxLength: 5));
        Assert.Equal([101, 102], fixture.Tokenizer.Encode("Hello", maxLength: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Tokenizer.Encode("Hello", maxLength: 1));
    }

    [Fact]
    public void Batches_are_padded_with_zero_mask_and_truncated()
    {
        var batch = fixture.Tokenizer.EncodeBatch(["Hello, world!", "SPAM", "Tokenization of the Hessian"], maxLength: 7);
        Assert.Equal((3, 7), (batch.BatchSize, batch.Length));
        Assert.Equal([101L, 7592, 1010, 2088, 999, 102, 0], batch.Ids(0));
        Assert.Equal([1L, 1, 1, 1, 1, 1, 0], batch.Mask(0));
        Assert.Equal([101L, 12403, 2213, 102, 0, 0, 0], batch.Ids(1));
        Assert.Equal([1L, 1, 1, 1, 0, 0, 0], batch.Mask(1));
        Assert.Equal([101L, 19204, 3989, 1997, 1996, 23484, 102], batch.Ids(2)); // truncated: ##ian dropped
        Assert.Equal(7, batch.TokenCount(2));

        var fixedLength = fixture.Tokenizer.EncodeBatch(["Hello"], maxLength: 6, padToMaxLength: true);
        Assert.Equal([1L, 1, 1, 0, 0, 0], fixedLength.Mask(0));

        TorchNative.EnsureLoaded();
        using var ids = batch.IdsTensor();
        using var packed = batch.Packed();
        Assert.Equal([3L, 7], ids.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Int64, ids.dtype);
        Assert.Equal([3L, 2, 7], packed.shape);
        Assert.Equal(4L, packed[1, 1].sum().item<long>());
        Assert.Equal(12403L, packed[1, 0, 1].item<long>());
    }
}
