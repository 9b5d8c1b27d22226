using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using TorchSharp;

namespace Landscaper.Native;

/// <summary>
/// Loads TorchSharp's native libraries so that TorchSharp works on every supported Linux, including those whose
/// libstdc++ lacks a symbol version that <c>libLibTorchSharp.so</c> asks for (TorchSharp 0.107 requires
/// <c>GLIBCXX_3.4.32</c> only for <c>std::ios_base_library_init()</c>, which no relocation uses; Debian 12 and
/// Ubuntu 22.04 ship 3.4.30).
/// </summary>
/// <remarks>
/// <para>Call <see cref="EnsureLoaded"/> once before touching TorchSharp (every Landscaper API that uses torch does).
/// It is idempotent and thread-safe.</para>
/// <para>When the installed libstdc++ defines every required version, nothing is copied or patched and TorchSharp
/// loads as shipped. Otherwise a patched copy of <c>libLibTorchSharp.so</c> (the missing requirement marked
/// <c>VER_FLG_WEAK</c>) is written once to a cache directory owned by Landscaper — never into the NuGet cache — the
/// libtorch libraries beside the original are loaded first by full path, then the copy, and TorchSharp's
/// P/Invokes are routed to it.</para>
/// <para>Environment: <c>LANDSCAPER_NATIVE_CACHE</c> overrides the cache directory (default
/// <c>$XDG_CACHE_HOME/landscaper/native</c> or <c>~/.cache/landscaper/native</c>); <c>LANDSCAPER_TORCH_NATIVE_DIR</c>
/// names the folder holding <c>libLibTorchSharp.so</c> when it cannot be found next to TorchSharp.dll.</para>
/// </remarks>
public static class TorchNative
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private const string StdCxx = "libstdc++.so.6";
    private static readonly object Gate = new();
    private static TorchNativeStatus? _status;
    private static IntPtr _patchedHandle;

    /// <summary>The status of the last successful <see cref="EnsureLoaded"/>, or null before it.</summary>
    public static TorchNativeStatus? Status => _status;

    /// <summary>Makes TorchSharp's native backend usable (CPU), applying the libstdc++ workaround if needed.</summary>
    /// <returns>What was loaded from where, and whether the workaround was applied.</returns>
    /// <exception cref="TorchNativeLoadException">The native library cannot be loaded; the message names the file,
    /// the missing version (if any) and what to do.</exception>
    public static TorchNativeStatus EnsureLoaded()
    {
        if (_status is { } done) return done;
        lock (Gate)
        {
            if (_status is { } again) return again;
            _status = OperatingSystem.IsLinux() ? LoadOnLinux() : LoadAsShipped(null, null);
            return _status;
        }
    }

    private static TorchNativeStatus LoadOnLinux()
    {
        string? libDir = FindLibTorchSharpDirectory();
        if (libDir is null)
            throw new TorchNativeLoadException(
                $"Could not find {LibraryFile} next to TorchSharp.dll ({typeof(torch).Assembly.Location}) or in the application folder. " +
                "Reference the TorchSharp-cpu package from the project that runs the code, or set LANDSCAPER_TORCH_NATIVE_DIR to the folder that holds it.");
        string original = Path.Combine(libDir, LibraryFile);
        string? stdcxx = LoadedLibraryPath(StdCxx);
        if (stdcxx is null)
            throw new TorchNativeLoadException($"Could not locate {StdCxx} on this system; TorchSharp needs the GNU C++ runtime (apt-get install libstdc++6).");

        var prepared = PrepareLibrary(original, StdCxx, new ElfImage(File.ReadAllBytes(stdcxx)).VersionDefinitions(), CacheRoot());
        if (!prepared.Patched) return LoadAsShipped(original, stdcxx);
        string missing = string.Join(", ", prepared.Plan.Missing.Select(m => m.Version));
        string patched = prepared.Path;
        string torchDir = FindLibTorchDirectory(libDir)
            ?? throw new TorchNativeLoadException($"Found {original} but not libtorch_cpu.so beside it or in the NuGet cache; reference the TorchSharp-cpu package.");
        foreach (var dep in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
            LoadOrThrow(Path.Combine(torchDir, dep), missing: null);
        _patchedHandle = LoadOrThrow(patched, missing);
        RouteToPatchedCopy();
        InitializeOrThrow(patched, missing);
        return Describe(patched, stdcxx, workaround: true, missing);
    }

    private static TorchNativeStatus LoadAsShipped(string? path, string? stdcxx)
    {
        InitializeOrThrow(path ?? LibraryFile, missing: null);
        return Describe(path ?? "(resolved by TorchSharp)", stdcxx, workaround: false, missingVersions: "");
    }

    private static TorchNativeStatus Describe(string path, string? stdcxx, bool workaround, string missingVersions)
    {
        var asm = typeof(torch).Assembly;
        string tsVersion = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
                           ?? asm.GetName().Version?.ToString() ?? "unknown";
        return new TorchNativeStatus(tsVersion, torch.__version__, path, stdcxx, workaround, missingVersions, torch.get_num_threads());
    }

    private static int _nnpackState; // 0 = not tried, 1 = disabled, 2 = not possible here

    /// <summary>Turns off libtorch's NNPACK convolution path (<c>at::globalContext().setUserEnabledNNPACK(false)</c>), so that
    /// CPUs NNPACK does not support do not print "Could not initialize NNPACK! Reason: Unsupported hardware." at every
    /// convolution. Idempotent; call after <see cref="EnsureLoaded"/>.</summary>
    /// <returns>True when NNPACK is now disabled; false when this libtorch does not export the switch (then nothing changed).</returns>
    /// <remarks>TorchSharp 0.107 has no binding for the switch, so the two exported C++ functions are called by their
    /// Itanium-ABI names (Linux and macOS builds of libtorch); a member function takes the object as its first argument.</remarks>
    public static unsafe bool DisableNnpack()
    {
        if (_nnpackState != 0) return _nnpackState == 1;
        lock (Gate)
        {
            if (_nnpackState != 0) return _nnpackState == 1;
            _nnpackState = 2;
            if (OperatingSystem.IsWindows()) return false;
            IntPtr lib = IntPtr.Zero;
            string? path = OperatingSystem.IsLinux() ? LoadedLibraryPath("libtorch_cpu.so") : null;
            if (!(path is not null && NativeLibrary.TryLoad(path, out lib)) && !NativeLibrary.TryLoad("libtorch_cpu.so", out lib)) return false;
            if (!NativeLibrary.TryGetExport(lib, "_ZN2at13globalContextEv", out var context)
                || !NativeLibrary.TryGetExport(lib, "_ZN2at7Context20setUserEnabledNNPACKEb", out var setter)
                || !NativeLibrary.TryGetExport(lib, "_ZNK2at7Context17userEnabledNNPACKEv", out var getter)) return false;
            IntPtr ctx = ((delegate* unmanaged<IntPtr>)context)();
            ((delegate* unmanaged<IntPtr, byte, void>)setter)(ctx, 0);
            bool disabled = ((delegate* unmanaged<IntPtr, byte>)getter)(ctx) == 0;
            _nnpackState = disabled ? 1 : 2;
            return disabled;
        }
    }

    /// <summary>The oneDNN instruction-set cap applied by <see cref="EnsureLoaded"/> unless the environment sets one.</summary>
    /// <remarks>On AVX-512 machines (observed on an AMD EPYC with avx512_vp2intersect) libtorch's oneDNN convolution
    /// backward intermittently returned NaN input gradients for finite inputs (not reproducible on recomputation);
    /// capping oneDNN at AVX2 made training stable. Set <c>DNNL_MAX_CPU_ISA</c> or <c>ONEDNN_MAX_CPU_ISA</c> yourself
    /// to override.</remarks>
    public const string OneDnnIsaCap = "AVX2";

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi)]
    private static extern int NativeSetEnv(string name, string value, int overwrite);

    private static void CapOneDnnIsa()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA"))) return;
        // .NET keeps its own copy of the environment on Unix; oneDNN reads the C environment (lazily, at its first primitive).
        try { NativeSetEnv("DNNL_MAX_CPU_ISA", OneDnnIsaCap, 0); }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { return; }
        Environment.SetEnvironmentVariable("DNNL_MAX_CPU_ISA", OneDnnIsaCap);
    }

    private static void InitializeOrThrow(string path, string? missing)
    {
        CapOneDnnIsa();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            using var probe = torch.ones(2);
            if (probe.sum().item<float>() != 2f) throw new InvalidOperationException("a trivial tensor sum gave a wrong result");
        }
        catch (Exception ex) when (ex is not TorchNativeLoadException)
        {
            throw new TorchNativeLoadException(
                $"TorchSharp's native backend did not initialise from {path}{(missing is null ? "" : $" (workaround for missing {missing} applied)")}: {ex.Message}", ex);
        }
    }

    private static IntPtr LoadOrThrow(string path, string? missing)
    {
        if (NativeLibrary.TryLoad(path, out var handle)) return handle;
        throw new TorchNativeLoadException(
            $"Could not load {path}{(missing is null ? "" : $" even with the {missing} requirement marked weak")}. " +
            $"Run `ldd {path}` to see which dependency or version is missing.");
    }

    private static void RouteToPatchedCopy()
    {
        IntPtr Resolve(string name) =>
            name is "LibTorchSharp" or LibraryFile or "libLibTorchSharp" ? _patchedHandle : IntPtr.Zero;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, (name, _, _) => Resolve(name));
        }
        catch (InvalidOperationException)
        {
            // Another component already owns TorchSharp's resolver; the event below and the loaded SONAME still apply.
        }
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (asm, name) => asm == typeof(torch).Assembly ? Resolve(name) : IntPtr.Zero;
    }

    /// <summary>
    /// Decides whether <paramref name="libraryPath"/> loads as shipped against a dependency that defines
    /// <paramref name="availableVersions"/>; if not, writes (once, atomically) a copy with the missing requirements
    /// marked weak under <paramref name="cacheRoot"/>. The original file is never modified, and nothing is written when
    /// no version is missing.
    /// </summary>
    /// <param name="libraryPath">The shared object to load (e.g. libLibTorchSharp.so).</param>
    /// <param name="dependency">The needed file whose versions matter (e.g. libstdc++.so.6).</param>
    /// <param name="availableVersions">Version names the installed dependency defines.</param>
    /// <param name="cacheRoot">Folder for patched copies; a sub-folder named after the original's SHA-256 is used.</param>
    /// <exception cref="TorchNativeLoadException">A version is missing and marking it weak is unsafe (relocations use it).</exception>
    public static PreparedLibrary PrepareLibrary(string libraryPath, string dependency, IReadOnlySet<string> availableVersions, string cacheRoot)
    {
        byte[] original = File.ReadAllBytes(libraryPath);
        var plan = SymbolVersionPatch.Plan(new ElfImage(original), dependency, availableVersions);
        if (!plan.IsNeeded) return new PreparedLibrary(libraryPath, plan, Patched: false);
        string missing = string.Join(", ", plan.Missing.Select(m => m.Version));
        if (!plan.IsSafe)
            throw new TorchNativeLoadException(
                $"{libraryPath} requires {missing} from {dependency}, which the installed copy does not define, and relocations use symbols of that version " +
                $"({string.Join(", ", plan.BlockingSymbols.Take(5))}). Install a newer {dependency} (for libstdc++: GCC 13 or later) or use a build made for this system.");
        string hash = Convert.ToHexString(SHA256.HashData(original))[..16].ToLowerInvariant();
        string dir = Path.Combine(cacheRoot, $"{Path.GetFileNameWithoutExtension(libraryPath)}-{hash}");
        string target = Path.Combine(dir, Path.GetFileName(libraryPath));
        byte[] patched = SymbolVersionPatch.Apply(original, plan);
        if (!(File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(patched)))
        {
            Directory.CreateDirectory(dir);
            string temp = Path.Combine(dir, $".{Path.GetFileName(libraryPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(temp, patched);
            File.Move(temp, target, overwrite: true);
        }
        return new PreparedLibrary(target, plan, Patched: true);
    }

    /// <summary>The folder patched native libraries are cached in.</summary>
    public static string CacheRoot()
    {
        var explicitDir = Environment.GetEnvironmentVariable("LANDSCAPER_NATIVE_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitDir)) return Path.GetFullPath(explicitDir);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string baseDir = !string.IsNullOrWhiteSpace(xdg) ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "landscaper", "native");
    }

    private static string? FindLibTorchSharpDirectory()
    {
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string torchsharpDir = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? AppContext.BaseDirectory;
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("LANDSCAPER_TORCH_NATIVE_DIR"),
            Path.Combine(torchsharpDir, "runtimes", rid, "native"),
            torchsharpDir,
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"),
            AppContext.BaseDirectory,
            // TorchSharp.dll referenced from the NuGet cache: .../torchsharp/<ver>/lib/net8.0/TorchSharp.dll
            Path.Combine(torchsharpDir, "..", "..", "runtimes", rid, "native"),
        };
        return candidates.Where(d => !string.IsNullOrWhiteSpace(d) && File.Exists(Path.Combine(d!, LibraryFile)))
                         .Select(d => Path.GetFullPath(d!)).FirstOrDefault();
    }

    private static string? FindLibTorchDirectory(string libTorchSharpDir)
    {
        if (File.Exists(Path.Combine(libTorchSharpDir, "libtorch_cpu.so"))) return libTorchSharpDir;
        // NuGet layout: .../torchsharp/<ver>/runtimes/<rid>/native → .../libtorch-cpu-<rid>/<ver>/runtimes/<rid>/native
        var rid = new DirectoryInfo(libTorchSharpDir).Parent?.Name ?? "linux-x64";
        var packages = Path.GetFullPath(Path.Combine(libTorchSharpDir, "..", "..", "..", "..", ".."));
        var pkg = Path.Combine(packages, $"libtorch-cpu-{rid}");
        if (!Directory.Exists(pkg)) return null;
        return Directory.GetDirectories(pkg)
            .Select(v => Path.Combine(v, "runtimes", rid, "native"))
            .Where(d => File.Exists(Path.Combine(d, "libtorch_cpu.so")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Full path of the shared object the dynamic loader picks for <paramref name="soname"/>, found by
    /// loading it and reading <c>/proc/self/maps</c>; null if it cannot be loaded.</summary>
    internal static string? LoadedLibraryPath(string soname)
    {
        if (!NativeLibrary.TryLoad(soname, out _)) return null;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            string path = line[slash..].Trim();
            if (Path.GetFileName(path).StartsWith(soname, StringComparison.Ordinal) && File.Exists(path)) return path;
        }
        return null;
    }
}

/// <summary>What <see cref="TorchNative.EnsureLoaded"/> loaded.</summary>
/// <param name="TorchSharpVersion">TorchSharp assembly version.</param>
/// <param name="LibTorchVersion">libtorch version TorchSharp reports.</param>
/// <param name="NativeLibraryPath">Path of the <c>libLibTorchSharp.so</c> in use (the patched copy when the workaround applies).</param>
/// <param name="StdCxxPath">Path of the system libstdc++ examined (Linux only).</param>
/// <param name="GlibcxxWorkaround">True when a patched copy is in use.</param>
/// <param name="MissingVersions">Comma-separated versions that were missing and marked weak ("" if none).</param>
/// <param name="Threads">libtorch intra-op thread count.</param>
public sealed record TorchNativeStatus(
    string TorchSharpVersion, string LibTorchVersion, string NativeLibraryPath, string? StdCxxPath,
    bool GlibcxxWorkaround, string MissingVersions, int Threads);

/// <summary>Result of <see cref="TorchNative.PrepareLibrary"/>.</summary>
/// <param name="Path">The file to load: the original when <paramref name="Patched"/> is false, else the patched copy.</param>
/// <param name="Plan">What was missing and whether patching was safe.</param>
/// <param name="Patched">True when a patched copy is to be loaded.</param>
public sealed record PreparedLibrary(string Path, SymbolVersionPatchPlan Plan, bool Patched);

/// <summary>TorchSharp's native backend could not be loaded; the message says which file, which version and what to do.</summary>
public sealed class TorchNativeLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchNativeLoadException(string message, Exception? inner = null) : base(message, inner) { }
}
