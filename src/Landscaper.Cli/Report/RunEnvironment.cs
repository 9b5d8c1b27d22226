using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Landscaper.Native;
using Landscaper.Notebooks;

namespace Landscaper.Cli.Report;

/// <summary>The machine and software a report was produced with (the JSON contract: camelCase names).</summary>
/// <param name="Workbench">Workbench version (all assemblies share it).</param>
/// <param name="GitCommit">Commit of the repository the notebooks came from, with "+changes" when the work tree differs; null outside git.</param>
/// <param name="Dotnet">.NET runtime.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Cpu">CPU model (Linux /proc/cpuinfo) or the architecture.</param>
/// <param name="Cores">Logical processors.</param>
/// <param name="MemoryGiB">Installed memory in GiB (Linux), else NaN.</param>
/// <param name="TorchSharp">TorchSharp version.</param>
/// <param name="Libtorch">libtorch version.</param>
/// <param name="TorchThreads">libtorch intra-op threads of this process.</param>
/// <param name="LoadAverage">1/5/15-minute load averages when read (Linux), else empty.</param>
public sealed record RunEnvironment(string Workbench, string? GitCommit, string Dotnet, string Os, string Cpu, int Cores, double MemoryGiB,
    string? TorchSharp, string? Libtorch, int TorchThreads, string LoadAverage)
{
    /// <summary>Reads everything now, after applying the workbench's thread policy (<see cref="TorchRuntime.Initialize"/>,
    /// as notebooks and commands do). Never throws; unknown fields are null, NaN or empty.</summary>
    /// <param name="repository">The repository folder, for the commit.</param>
    public static RunEnvironment Capture(string? repository)
    {
        string? torch = null, libtorch = null;
        int threads = 0;
        try
        {
            var s = TorchRuntime.Initialize();
            (torch, libtorch, threads) = (s.TorchSharpVersion, s.LibTorchVersion, s.Threads);
        }
        catch (Exception ex) when (ex is TorchNativeLoadException or DllNotFoundException) { }
        return new RunEnvironment(Setup.Version, repository is null ? null : Commit(repository), RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, CpuModel(), Environment.ProcessorCount, ReadMemoryGiB(), torch, libtorch, threads, ReadLoadAverage());
    }

    /// <summary>The 1/5/15-minute load averages from /proc/loadavg ("" where unavailable).</summary>
    public static string ReadLoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static double ReadMemoryGiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb))
                return Math.Round(kb / 1024.0 / 1024.0, 1);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return double.NaN;
    }

    private static string? Commit(string repository)
    {
        string? head = Git(repository, "rev-parse", "--short=12", "HEAD");
        if (head is null) return null;
        string? status = Git(repository, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrWhiteSpace(status) ? head : head + "+changes";
    }

    private static string? Git(string repository, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(10_000)) { p.Kill(); return null; }
            return p.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}
