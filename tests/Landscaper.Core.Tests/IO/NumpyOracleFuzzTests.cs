using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Landscaper.IO;
using Xunit.Abstractions;

namespace Landscaper.Tests.IO;

/// <summary>
/// No silent success on a corrupted file: 10,000 seeded mutations of real archives (byte flips, truncations, inserted and
/// deleted runs, header edits, in stored and deflated archives), each read by Landscaper and by NumPy (Debian's
/// python3-numpy, the reference reader). Every file Landscaper accepts, NumPy must accept too, with exactly the same
/// arrays (shape and float64 bits). Files NumPy accepts but Landscaper refuses are allowed (counted).
/// </summary>
public class NumpyOracleFuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 10_000;

    private static byte[] Archive(bool compress, int[] shape, int seed)
    {
        var rng = new Random(seed);
        var coords = shape.Select(n => Landscape.Linspace(-1, 1, n)).ToArray();
        int count = shape.Aggregate(1, (p, d) => p * d);
        var l = new Landscape(Enumerable.Range(0, count).Select(_ => rng.NextDouble() * 10 - 5).ToArray(), coords);
        var ms = new MemoryStream();
        Npz.Write(ms, Npz.ToArrays(l), compress);
        return ms.ToArray();
    }

    private static byte[] Mutate(byte[] original, Random rng)
    {
        var b = (byte[])original.Clone();
        switch (rng.Next(5))
        {
            case 0:
                b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8)); // one flipped bit anywhere
                return b;
            case 1:
                for (int i = rng.Next(2, 9); i > 0; i--) b[rng.Next(b.Length)] ^= (byte)rng.Next(1, 256);
                return b;
            case 2:
                return b[..rng.Next(b.Length)];
            case 3:
            {
                int at = rng.Next(b.Length);
                if (rng.Next(2) == 0) return [.. b[..at], .. Enumerable.Range(0, rng.Next(1, 16)).Select(_ => (byte)rng.Next(256)), .. b[at..]];
                return [.. b[..at], .. b[Math.Min(b.Length, at + rng.Next(1, 16))..]];
            }
            default:
            {
                // Edit inside a stored .npy header (only stored archives have readable headers).
                string text = Encoding.Latin1.GetString(b);
                int start = text.IndexOf("{'descr'", StringComparison.Ordinal);
                if (start < 0) { b[rng.Next(b.Length)] ^= 0x01; return b; }
                int pos = rng.Next(start, Math.Min(b.Length, start + 70));
                string[] replacements = ["9", "0", "1", "'", ")", ",", "True", "<f4", ">f8", "|b1", "<i2", " "];
                var bytes = Encoding.Latin1.GetBytes(replacements[rng.Next(replacements.Length)]);
                for (int i = 0; i < bytes.Length && pos + i < b.Length; i++) b[pos + i] = bytes[i];
                return b;
            }
        }
    }

    private static Dictionary<string, JsonElement> NumpyVerdicts(IReadOnlyList<string> files)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "numpy_oracle.py");
        string list = Path.Combine(Path.GetDirectoryName(files[0])!, "files.txt");
        File.WriteAllLines(list, files);
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(list);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(300_000), "numpy oracle did not finish in 5 minutes");
        Assert.True(p.ExitCode == 0, $"numpy oracle failed (apt-get install python3-numpy): {stderr.Result}");
        var verdicts = new Dictionary<string, JsonElement>();
        foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = JsonDocument.Parse(line).RootElement.Clone();
            verdicts[e.GetProperty("file").GetString()!] = e;
        }
        return verdicts;
    }

    private static string Hex(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), values[i]);
        return Convert.ToHexString(bytes).ToLowerInvariant();
    }

    [Fact]
    public void Every_archive_Landscaper_accepts_NumPy_reads_with_the_same_values()
    {
        var dir = TempFolders.Create("npz-oracle");
        var bases = new[]
        {
            Archive(false, [6, 6], 1), Archive(true, [6, 6], 2), Archive(false, [3, 4, 5], 3), Archive(true, [4, 3, 2], 4), Archive(false, [11], 5),
        };
        var rng = new Random(20261202);
        var files = new List<string>();
        for (int i = 0; i < Mutations; i++)
        {
            string f = Path.Combine(dir, $"m{i:D5}.npz");
            File.WriteAllBytes(f, Mutate(bases[rng.Next(bases.Length)], rng));
            files.Add(f);
        }
        var sw = Stopwatch.StartNew();
        var numpy = NumpyVerdicts(files);
        double numpySeconds = sw.Elapsed.TotalSeconds;
        Assert.Equal(files.Count, numpy.Count);

        int bothAccept = 0, bothRefuse = 0, onlyNumpyAccepts = 0;
        var failures = new List<string>();
        sw.Restart();
        foreach (var f in files)
        {
            IReadOnlyDictionary<string, NpyArray>? ours;
            try { ours = Npz.Read(f); }
            catch (NpyFormatException) { ours = null; }
            bool numpyOk = numpy[f].GetProperty("ok").GetBoolean();
            if (ours is null) { if (numpyOk) onlyNumpyAccepts++; else bothRefuse++; continue; }
            if (!numpyOk) { failures.Add($"{Path.GetFileName(f)}: accepted here, NumPy says {numpy[f].GetProperty("error").GetString()}"); continue; }
            bothAccept++;
            var theirs = numpy[f].GetProperty("arrays");
            foreach (var (name, array) in ours)
            {
                if (!theirs.TryGetProperty(name, out var t)) { failures.Add($"{Path.GetFileName(f)}: NumPy has no array {name}"); continue; }
                var shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (!shape.SequenceEqual(array.Shape) || t.GetProperty("hex").GetString() != Hex(array.Values.Span))
                    failures.Add($"{Path.GetFileName(f)}: array {name} differs from NumPy's");
            }
        }
        double ourSeconds = sw.Elapsed.TotalSeconds;
        output.WriteLine($"{Mutations} mutations: {bothAccept} accepted by both with identical arrays, {bothRefuse} refused by both, " +
                         $"{onlyNumpyAccepts} accepted by NumPy only, {failures.Count} accepted here only or different " +
                         $"(NumPy {numpySeconds:F1} s, Landscaper {ourSeconds:F1} s)");
        var kinds = failures.GroupBy(f => System.Text.RegularExpressions.Regex.Replace(f[(f.IndexOf(':') + 2)..], "'[^']*'|b'[^']*'|[0-9]+", "…"))
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Count(),5} × {g.Key} (e.g. {g.First()[..g.First().IndexOf(':')]})");
        Assert.True(failures.Count == 0, string.Join("\n", kinds));
        Assert.True(bothRefuse > Mutations / 2, $"only {bothRefuse} refused: the mutations are too gentle to test anything");
        Assert.True(bothAccept > 50, $"only {bothAccept} accepted: the oracle comparison was hardly exercised");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_flipped_bit_in_the_loss_data_is_refused_with_a_crc_message()
    {
        var original = Archive(false, [5, 5], 9);
        string text = Encoding.Latin1.GetString(original);
        int header = text.IndexOf("{'descr'", StringComparison.Ordinal);
        int data = text.IndexOf('\n', header) + 1;   // first byte of loss[0, 0]
        var mutated = (byte[])original.Clone();
        mutated[data + 3] ^= 0x10;
        var e = Assert.Throws<NpyFormatException>(() => Npz.Read(new MemoryStream(mutated)));
        Assert.Contains("CRC-32 mismatch", e.Message);
        Assert.Contains("loss.npy", e.Message);
    }

    /// <summary>A deflated entry whose header declares a huge array of zeros: refused by the memory ceiling (here 256 MiB;
    /// by default an eighth of the memory available) before any allocation, quickly, with a message that names the
    /// setting; with a higher ceiling the same file is a legitimate array and reads.</summary>
    [Theory]
    [InlineData(6000)]
    [InlineData(16000)]
    public void Deflate_bombs_are_refused_by_the_memory_ceiling(int side)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("loss.npy", CompressionLevel.SmallestSize);
            using var es = entry.Open();
            string dict = $"{{'descr': '<f8', 'fortran_order': False, 'shape': ({side}, {side}), }}";
            var header = NpyTestBytes.Build(dict, []);
            es.Write(header);
            var zeros = new byte[1 << 20];
            for (long left = (long)side * side * 8; left > 0; left -= zeros.Length) es.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        }
        byte[] bomb = ms.ToArray();
        Assert.True(bomb.Length < 3_000_000, $"the bomb is {bomb.Length} bytes");
        var sw = Stopwatch.StartNew();
        string path = WriteTemp(bomb);
        var e = Assert.Throws<NpyFormatException>(() => Npz.Read(path, new NpyReadLimits(256L << 20)));
        Assert.Contains("above the reading limit", e.Message);
        Assert.Contains(NpyReadLimits.Variable, e.Message);
        output.WriteLine($"{side}² bomb ({bomb.Length:N0} bytes) refused in {sw.Elapsed.TotalMilliseconds:F0} ms");
        // With an explicit ceiling above the size, a legitimate large array still reads.
        if (side == 6000)
        {
            sw.Restart();
            var arrays = Npz.Read(path, new NpyReadLimits(1L << 30));
            Assert.Equal(36_000_000, arrays["loss"].Count);
            output.WriteLine($"read with a 1 GiB ceiling in {sw.Elapsed.TotalSeconds:F1} s");
        }
    }

    [Fact]
    public void The_ceiling_comes_from_the_environment_or_the_machine()
    {
        string? saved = Environment.GetEnvironmentVariable(NpyReadLimits.Variable);
        try
        {
            Environment.SetEnvironmentVariable(NpyReadLimits.Variable, "512M");
            Assert.Equal(512L << 20, NpyReadLimits.Default.MaxArrayBytes);
            Environment.SetEnvironmentVariable(NpyReadLimits.Variable, "lots");
            Assert.Contains(NpyReadLimits.Variable, Assert.Throws<FormatException>(() => NpyReadLimits.Default).Message);
            Environment.SetEnvironmentVariable(NpyReadLimits.Variable, null);
            long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            Assert.Equal(Math.Max(64L << 20, available / 8), NpyReadLimits.Default.MaxArrayBytes);
        }
        finally { Environment.SetEnvironmentVariable(NpyReadLimits.Variable, saved); }
    }

    private static string WriteTemp(byte[] bytes)
    {
        string path = Path.Combine(TempFolders.Create("bomb"), "bomb.npz");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
