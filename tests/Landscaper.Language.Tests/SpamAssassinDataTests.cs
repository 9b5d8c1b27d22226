using System.IO.Compression;
using System.Text;
using Landscaper.Language.Data;

namespace Landscaper.Language.Tests;

[Collection(MiniLmCollection.Name)]
public class SpamAssassinDataTests(MiniLmFixture fixture)
{
    [Fact]
    public void The_committed_subset_has_the_documented_counts()
    {
        var d = fixture.Data;
        // data/spam/README.md
        Assert.Equal(4423, d.All.Count);
        Assert.Equal(2325, d.Train.Count);
        Assert.Equal(581, d.Test.Count);
        Assert.Equal(1517, d.Shifted.Count);
        int Count(IReadOnlyList<LabeledText> s, string g) => s.Count(r => r.Group == g);
        Assert.Equal((1964, 361), (Count(d.Train, "easy-ham-1"), Count(d.Train, "spam-1")));
        Assert.Equal((491, 90), (Count(d.Test, "easy-ham-1"), Count(d.Test, "spam-1")));
        Assert.Equal((247, 1270), (Count(d.Shifted, "hard-ham-1"), Count(d.Shifted, "spam-2")));
        Assert.All(d.All, r => Assert.Equal(r.Group.StartsWith("spam", StringComparison.Ordinal) ? 1 : 0, r.Label));
    }

    [Fact]
    public void Texts_are_unique_and_clean()
    {
        var d = fixture.Data;
        Assert.Equal(d.All.Count, d.All.Select(r => r.Text.ToLowerInvariant()).Distinct().Count());
        Assert.All(d.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Text));
            Assert.DoesNotContain("\n", r.Text);
            Assert.DoesNotContain("  ", r.Text);
            Assert.DoesNotContain("<html", r.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Content-Transfer-Encoding", r.Text, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Same(d.Shifted, d.Split("shifted"));
        Assert.Throws<ArgumentException>(() => d.Split("validation"));
    }

    [Fact]
    public void Malformed_files_are_rejected_with_the_line()
    {
        static MemoryStream Gz(string text)
        {
            var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
            ms.Position = 0;
            return ms;
        }
        const string ok = """{"id":"spam-1/1","group":"spam-1","label":1,"split":"train","subject":"s","text":"s | b"}""";
        Assert.Single(SpamAssassinData.Read(Gz(ok + "\n"), "t").Train);
        var wrongLabel = ok.Replace("\"label\":1", "\"label\":0");
        Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => SpamAssassinData.Read(Gz(ok + "\n" + wrongLabel.Replace("spam-1/1", "spam-1/2")), "t")).Message);
        Assert.Contains("twice", Assert.Throws<InvalidDataException>(() => SpamAssassinData.Read(Gz(ok + "\n" + ok), "t")).Message);
        Assert.Contains("split", Assert.Throws<InvalidDataException>(() => SpamAssassinData.Read(Gz(ok.Replace("\"train\"", "\"shifted\"")), "t")).Message);
        Assert.Throws<InvalidDataException>(() => SpamAssassinData.Read(Gz("{not json"), "t"));
        Assert.Throws<InvalidDataException>(() => SpamAssassinData.Read(new MemoryStream("plain"u8.ToArray()), "t"));
        Assert.Throws<FileNotFoundException>(() => SpamAssassinData.Load("/nonexistent/spam.jsonl.gz"));
    }

    [Fact]
    public void Text_batches_pack_ids_mask_and_labels()
    {
        var texts = fixture.Data.Train.Take(10).ToArray();
        var batches = TextBatches.Create(fixture.Tokenizer, texts, batchSize: 4, maxLength: 64);
        Assert.Equal([4L, 4, 2], batches.Select(b => b.Size));
        Assert.All(batches, b =>
        {
            Assert.Equal(3, (int)b.Input.dim());
            Assert.Equal(2L, b.Input.shape[1]);
            Assert.True(b.Input.shape[2] <= 64);
            Assert.Equal(TorchSharp.torch.ScalarType.Int64, b.Target.dtype);
        });
        Assert.Equal(texts.Take(4).Select(t => (long)t.Label), batches[0].Target.data<long>().ToArray());
        Assert.Equal(101L, batches[0].Input[0, 0, 0].item<long>());
    }
}
