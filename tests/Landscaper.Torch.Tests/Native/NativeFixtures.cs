using System.Diagnostics;

namespace Landscaper.Tests.Native;

/// <summary>Builds tiny shared objects with g++ and version scripts, to exercise symbol-version patching on real ELF files.</summary>
/// <remarks>
/// libfoo defines <c>foo_marker</c> at version FOO_2 (new) or only <c>foo_old</c> at FOO_1 (old). libbar references
/// <c>foo_marker</c> the way GCC 13's &lt;iostream&gt; references <c>std::ios_base_library_init()</c>: an undefined
/// global with no relocation (<c>.globl</c> only), so it requires FOO_2 without using it. libbaz calls it (a relocation).
/// </remarks>
public sealed class NativeFixtures
{
    public string Root { get; }
    public string NewFoo => Path.Combine(Root, "new", "libfoo.so");
    public string OldDir => Path.Combine(Root, "old");
    public string BarWithOldFoo => Path.Combine(OldDir, "libbar.so");
    public string BazWithOldFoo => Path.Combine(OldDir, "libbaz.so");
    public string BarWithNewFoo => Path.Combine(Root, "new", "libbar.so");

    public NativeFixtures()
    {
        Root = Path.Combine(Path.GetTempPath(), "landscaper-elf-" + Guid.NewGuid().ToString("N"));
        var newDir = Path.Combine(Root, "new");
        Directory.CreateDirectory(newDir);
        Directory.CreateDirectory(OldDir);
        File.WriteAllText(Path.Combine(Root, "foo_new.map"), "FOO_1 { global: foo_old; local: *; };\nFOO_2 { global: foo_marker; } FOO_1;\n");
        File.WriteAllText(Path.Combine(Root, "foo_old.map"), "FOO_1 { global: foo_old; local: *; };\n");
        File.WriteAllText(Path.Combine(Root, "foo_new.c"), "int foo_old(void){return 1;}\nvoid foo_marker(void){}\n");
        File.WriteAllText(Path.Combine(Root, "foo_old.c"), "int foo_old(void){return 1;}\n");
        File.WriteAllText(Path.Combine(Root, "bar.c"), "__asm__(\".globl foo_marker\");\nint foo_old(void);\nint bar(void){return foo_old()+41;}\n");
        File.WriteAllText(Path.Combine(Root, "baz.c"), "void foo_marker(void);\nint baz(void){foo_marker();return 7;}\n");
        Gcc($"-shared -fPIC -o {NewFoo} foo_new.c -Wl,--version-script=foo_new.map -Wl,-soname,libfoo.so");
        Gcc($"-shared -fPIC -o {Path.Combine(OldDir, "libfoo.so")} foo_old.c -Wl,--version-script=foo_old.map -Wl,-soname,libfoo.so");
        Gcc($"-shared -fPIC -o {BarWithNewFoo} bar.c -L{newDir} -lfoo -Wl,-rpath,'$ORIGIN' -Wl,--no-as-needed");
        Gcc($"-shared -fPIC -o {Path.Combine(newDir, "libbaz.so")} baz.c -L{newDir} -lfoo -Wl,-rpath,'$ORIGIN'");
        File.Copy(BarWithNewFoo, BarWithOldFoo);
        File.Copy(Path.Combine(newDir, "libbaz.so"), BazWithOldFoo);
    }

    private void Gcc(string args)
    {
        var psi = new ProcessStartInfo("gcc", args) { WorkingDirectory = Root, RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("gcc did not start");
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"gcc {args} failed: {err}");
    }
}
