using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Landscaper.Native;

namespace Landscaper.Tests.Native;

public class SymbolVersionPatchTests : IClassFixture<NativeFixtures>
{
    private readonly NativeFixtures _fx;
    public SymbolVersionPatchTests(NativeFixtures fx) => _fx = fx;

    private static IReadOnlySet<string> Defined(string path) => new ElfImage(File.ReadAllBytes(path)).VersionDefinitions();

    [Fact]
    public void Reader_sees_the_requirement_and_the_definitions()
    {
        var reqs = new ElfImage(File.ReadAllBytes(_fx.BarWithNewFoo)).VersionRequirements();
        Assert.Contains(reqs, r => r.File == "libfoo.so" && r.Version == "FOO_2" && !r.IsWeak);
        Assert.Contains("FOO_2", Defined(_fx.NewFoo));
        Assert.DoesNotContain("FOO_2", Defined(Path.Combine(_fx.OldDir, "libfoo.so")));
    }

    [Fact]
    public void Unpatched_library_fails_to_load_against_the_old_dependency()
    {
        Assert.False(NativeLibrary.TryLoad(_fx.BarWithOldFoo, out _));
    }

    [Fact]
    public void Patched_copy_loads_and_works_against_the_old_dependency()
    {
        var cache = Path.Combine(_fx.Root, "cache-bar");
        var prepared = TorchNative.PrepareLibrary(_fx.BarWithOldFoo, "libfoo.so", Defined(Path.Combine(_fx.OldDir, "libfoo.so")), cache);
        Assert.True(prepared.Patched);
        Assert.Equal(["foo_marker"], prepared.Plan.AffectedSymbols);
        Assert.Empty(prepared.Plan.BlockingSymbols);
        Assert.True(new ElfImage(File.ReadAllBytes(prepared.Path)).VersionRequirements().Single(r => r.Version == "FOO_2").IsWeak);
        // The patched copy lives in the cache; its libfoo.so dependency is the old one, loaded first by full path.
        Assert.True(NativeLibrary.TryLoad(Path.Combine(_fx.OldDir, "libfoo.so"), out _));
        Assert.True(NativeLibrary.TryLoad(prepared.Path, out var handle), "patched copy should load");
        Assert.Equal(42, CallIntFunction(NativeLibrary.GetExport(handle, "bar")));
    }

    private static unsafe int CallIntFunction(IntPtr f) => ((delegate* unmanaged<int>)f)();

    [Fact]
    public void A_requirement_used_by_a_relocation_is_refused()
    {
        var plan = SymbolVersionPatch.Plan(new ElfImage(File.ReadAllBytes(_fx.BazWithOldFoo)), "libfoo.so", Defined(Path.Combine(_fx.OldDir, "libfoo.so")));
        Assert.True(plan.IsNeeded);
        Assert.False(plan.IsSafe);
        Assert.Contains("foo_marker", plan.BlockingSymbols);
        var ex = Assert.Throws<TorchNativeLoadException>(() =>
            TorchNative.PrepareLibrary(_fx.BazWithOldFoo, "libfoo.so", Defined(Path.Combine(_fx.OldDir, "libfoo.so")), Path.Combine(_fx.Root, "cache-baz")));
        Assert.Contains("FOO_2", ex.Message);
        Assert.Contains("foo_marker", ex.Message);
        Assert.Throws<InvalidOperationException>(() => SymbolVersionPatch.Apply(File.ReadAllBytes(_fx.BazWithOldFoo), plan));
    }

    [Fact]
    public void A_compatible_library_is_left_untouched_and_nothing_is_written()
    {
        var cache = Path.Combine(_fx.Root, "cache-untouched");
        byte[] before = SHA256.HashData(File.ReadAllBytes(_fx.BarWithNewFoo));
        var prepared = TorchNative.PrepareLibrary(_fx.BarWithNewFoo, "libfoo.so", Defined(_fx.NewFoo), cache);
        Assert.False(prepared.Patched);
        Assert.Equal(_fx.BarWithNewFoo, prepared.Path);
        Assert.False(Directory.Exists(cache));
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(_fx.BarWithNewFoo)));
    }

    [Fact]
    public void Patching_changes_only_the_flag_bytes()
    {
        byte[] original = File.ReadAllBytes(_fx.BarWithOldFoo);
        var plan = SymbolVersionPatch.Plan(new ElfImage(original), "libfoo.so", new HashSet<string> { "FOO_1" });
        byte[] patched = SymbolVersionPatch.Apply(original, plan);
        var diffs = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Single(diffs);
        Assert.Equal(plan.Missing.Single().FlagsOffset, diffs[0]);
        Assert.Equal(original[diffs[0]] | 2, patched[diffs[0]]);
    }

    [Fact]
    public void Real_LibTorchSharp_needs_only_an_unrelocated_marker_from_GLIBCXX_3_4_32()
    {
        var lib = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(lib), lib);
        // This system's libstdc++ versions, minus the GCC 13 ones: what Debian 12 / Ubuntu 22.04 provide.
        var stdcxx = TorchNative.LoadedLibraryPath("libstdc++.so.6");
        Assert.NotNull(stdcxx);
        var available = new HashSet<string>(Defined(stdcxx!).Where(v => v is not ("GLIBCXX_3.4.31" or "GLIBCXX_3.4.32" or "GLIBCXX_3.4.33" or "GLIBCXX_3.4.34")));
        var plan = SymbolVersionPatch.Plan(new ElfImage(File.ReadAllBytes(lib)), "libstdc++.so.6", available);
        Assert.Equal(["GLIBCXX_3.4.32"], plan.Missing.Select(m => m.Version).ToArray());
        Assert.Equal(["_ZSt21ios_base_library_initv"], plan.AffectedSymbols);
        Assert.True(plan.IsSafe);
        // With a libstdc++ that defines 3.4.32 nothing is needed.
        available.Add("GLIBCXX_3.4.31"); available.Add("GLIBCXX_3.4.32");
        Assert.False(SymbolVersionPatch.Plan(new ElfImage(File.ReadAllBytes(lib)), "libstdc++.so.6", available).IsNeeded);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Garbage_is_rejected_with_InvalidDataException(byte[] bytes)
    {
        var padded = bytes.Concat(new byte[64]).ToArray();
        Assert.Throws<InvalidDataException>(() => new ElfImage(bytes.Length < 64 ? bytes : padded));
    }

    [Fact]
    public void Truncated_library_is_rejected_not_crashing()
    {
        byte[] b = File.ReadAllBytes(_fx.BarWithNewFoo);
        var rng = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            var cut = b.AsSpan(0, rng.Next(64, b.Length)).ToArray();
            try { var img = new ElfImage(cut); img.VersionRequirements(); img.DynamicSymbols(); img.RelocatedSymbolIndices(); }
            catch (InvalidDataException) { }
        }
    }
}
