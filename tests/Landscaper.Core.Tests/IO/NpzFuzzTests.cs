using System.Diagnostics;
using System.Text;
using Landscaper.IO;
using Xunit.Abstractions;

namespace Landscaper.Tests.IO;

/// <summary>Seeded mutation fuzzing: every mutated file must load or throw <see cref="NpyFormatException"/>.</summary>
public class NpzFuzzTests(ITestOutputHelper output)
{
    private static byte[] ValidNpz(bool compress, int[] shape)
    {
        var coords = shape.Select(n => Landscape.Linspace(-1, 1, n)).ToArray();
        int count = shape.Aggregate(1, (p, d) => p * d);
        var l = new Landscape(Enumerable.Range(0, count).Select(i => Math.Sin(i) * 10).ToArray(), coords);
        var ms = new MemoryStream();
        Npz.Write(ms, Npz.ToArrays(l), compress);
        return ms.ToArray();
    }

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var b = (byte[])original.Clone();
        switch (rng.Next(6))
        {
            case 0: // random byte flips
                for (int i = rng.Next(1, 9); i > 0; i--) b[rng.Next(b.Length)] ^= (byte)rng.Next(1, 256);
                return b;
            case 1: // truncation
                return b[..rng.Next(b.Length)];
            case 2: // set a random byte to an extreme value
                b[rng.Next(b.Length)] = rng.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                return b;
            case 3: // insert or delete a run of bytes
            {
                int at = rng.Next(b.Length);
                if (rng.Next(2) == 0) return [.. b[..at], .. Enumerable.Range(0, rng.Next(1, 16)).Select(_ => (byte)rng.Next(256)), .. b[at..]];
                return [.. b[..at], .. b[Math.Min(b.Length, at + rng.Next(1, 16))..]];
            }
            default: // header edit: rewrite digits / quotes / dtype letters inside the stored npy headers
            {
                string text = Encoding.Latin1.GetString(b);
                int start = text.IndexOf("{'descr'", StringComparison.Ordinal); // compressed archives: no plain header
                if (start < 0) { b[rng.Next(b.Length)] ^= 0xFF; return b; }
                if (rng.Next(2) == 0) { int second = text.IndexOf("{'descr'", start + 1, StringComparison.Ordinal); if (second > 0) start = second; }
                int end = text.IndexOf('}', start);
                if (end < 0) end = Math.Min(text.Length - 1, start + 60);
                int pos = rng.Next(start, end + 1);
                string[] replacements = ["9", "0", "-1", "99999999999999999999", "4294967296", "'", ")", ",", "True", "<c16", ">f8", "|b1", "<i2", "L", " ", "\n", "}", "{"];
                var chars = replacements[rng.Next(replacements.Length)];
                var bytes = Encoding.Latin1.GetBytes(chars);
                for (int i = 0; i < bytes.Length && pos + i < b.Length; i++) b[pos + i] = bytes[i];
                return b;
            }
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    [InlineData(true, 4)]
    public void Mutated_files_load_or_throw_NpyFormatException(bool compress, int seed)
    {
        var bases = new[] { ValidNpz(compress, [4, 4]), ValidNpz(compress, [3, 5]), ValidNpz(compress, [2, 2, 2]) };
        var rng = new Random(seed);
        var sw = Stopwatch.StartNew();
        int loaded = 0, rejected = 0;
        var reasons = new Dictionary<string, int>();
        const int iterations = 2500;
        for (int it = 0; it < iterations; it++)
        {
            var mutated = Mutate(bases[rng.Next(bases.Length)], rng);
            try
            {
                var l = Npz.ReadLandscape(new MemoryStream(mutated));
                Assert.True(l.Count >= 1);
                loaded++;
            }
            catch (NpyFormatException e)
            {
                rejected++;
                string key = e.Problem.Length > 40 ? e.Problem[..40] : e.Problem;
                reasons[key] = reasons.GetValueOrDefault(key) + 1;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, iteration {it}: unexpected {e.GetType().Name}: {e.Message}\n{Convert.ToBase64String(mutated)}\n{e}");
            }
        }
        output.WriteLine($"seed {seed}: {loaded} loaded, {rejected} rejected in {sw.Elapsed.TotalMilliseconds:F0} ms");
        foreach (var (reason, n) in reasons.OrderByDescending(r => r.Value).Take(8)) output.WriteLine($"  {n,5} {reason}");
        Assert.Equal(iterations, loaded + rejected);
        Assert.True(rejected > iterations / 4, $"only {rejected} rejected");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"fuzzing took {sw.Elapsed}");
    }

    [Fact]
    public void Mutated_npy_files_load_or_throw_NpyFormatException()
    {
        var rng = new Random(7);
        var bases = new[]
        {
            NpyTestBytes.Build(NpyTestBytes.Dict(">i4", true, "(3, 4)"), NpyTestBytes.Encode(">i4", Enumerable.Range(0, 12).Select(i => (double)i).ToArray())),
            NpyTestBytes.Float64([1, 2, 3], "(3,)", major: 2),
            NpyTestBytes.Build(NpyTestBytes.Dict("|b1", false, "(2, 2)"), [0, 1, 1, 0], major: 3),
        };
        for (int it = 0; it < 3000; it++)
        {
            var mutated = Mutate(bases[rng.Next(bases.Length)], rng);
            try { Npy.FromBytes(mutated); }
            catch (NpyFormatException) { }
            catch (Exception e) { Assert.Fail($"iteration {it}: unexpected {e.GetType().Name}: {e.Message}\n{Convert.ToBase64String(mutated)}"); }
            try { Npy.Read(new NpyTests.NonSeekableStream(mutated)); }
            catch (NpyFormatException) { }
            catch (Exception e) { Assert.Fail($"iteration {it} (non-seekable): unexpected {e.GetType().Name}: {e.Message}"); }
        }
    }

    [Theory]
    [InlineData(false, 21)]
    [InlineData(true, 22)]
    public void Archives_of_mutated_entries_load_or_throw_NpyFormatException(bool deflate, int seed)
    {
        var rng = new Random(seed);
        var loss = NpyTestBytes.Float64(Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), "(3, 4)");
        var coords0 = NpyTestBytes.Float64([0, 1, 2], "(3,)");
        var coords1 = NpyTestBytes.Build(NpyTestBytes.Dict(">i2", false, "(4,)"), NpyTestBytes.Encode(">i2", [-3, -1, 1, 3]), major: 2);
        var matrix = NpyTestBytes.Float64([0, 1, 2, 0, 1, 2], "(2, 3)");
        var lossSquare = NpyTestBytes.Build(NpyTestBytes.Dict("<f4", true, "(3, 3)"), NpyTestBytes.Encode("<f4", new double[9]));
        int loaded = 0, rejected = 0;
        for (int it = 0; it < 2000; it++)
        {
            (string, byte[])[] entries = rng.Next(2) == 0
                ? [("loss.npy", loss), ("coordinates_0.npy", coords0), ("coordinates_1.npy", coords1)]
                : [("loss.npy", lossSquare), ("coordinates.npy", matrix)];
            int victim = rng.Next(entries.Length);
            entries[victim] = (entries[victim].Item1, Mutate(entries[victim].Item2, rng));
            var zip = NpyTestBytes.Zip(entries, deflate);
            try { Npz.ReadLandscape(new MemoryStream(zip)); loaded++; }
            catch (NpyFormatException) { rejected++; }
            catch (Exception e) { Assert.Fail($"seed {seed}, iteration {it}: unexpected {e.GetType().Name}: {e.Message}\n{e}"); }
        }
        output.WriteLine($"seed {seed}: {loaded} loaded, {rejected} rejected");
        Assert.True(rejected > 500 && loaded > 50, $"{loaded} loaded, {rejected} rejected");
    }
}
