using Landscaper.Cli.Output;
using System.CommandLine;
using System.Runtime.InteropServices;
using Landscaper.Diagnostics;
using Landscaper.Native;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper doctor</c>: environment and TorchSharp self-check. Exit code 0 only if every check passes.</summary>
public static class DoctorCommand
{
    /// <summary>Largest accepted relative error of the Hessian-vector product against finite differences.</summary>
    public const double HvpTolerance = 1e-5;

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var cmd = new Command("doctor", "Check the environment: OS, .NET, TorchSharp natives, and a Hessian-vector product against finite differences.");
        cmd.SetAction(result =>
        {
            var report = Run();
            if (result.WantsJson()) result.WriteJson(report);
            else
            {
                var o = result.Out();
                o.WriteLine($"OS                 {report.Os}");
                o.WriteLine($".NET               {report.Dotnet}");
                o.WriteLine($"TorchSharp         {report.Torchsharp ?? "-"}");
                o.WriteLine($"libtorch           {report.Libtorch ?? "-"}");
                o.WriteLine($"native library     {report.NativeLibrary ?? "-"}");
                o.WriteLine($"libstdc++          {report.Stdcxx ?? "-"}");
                o.WriteLine($"GLIBCXX workaround {(report.GlibcxxWorkaround ? $"applied (weak: {report.MissingVersions})" : "not needed")}");
                o.WriteLine($"threads            {report.Threads}");
                o.WriteLine($"HVP check          {(report.HvpRelativeError is { } e ? $"relative error {e:E2} ({(e <= HvpTolerance ? "ok" : "FAILED")})" : "not run")}");
                if (report.Error is not null) o.WriteLine($"error              {report.Error}");
                o.WriteLine(report.Ok ? "all checks passed" : "CHECKS FAILED");
            }
            return report.Ok ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>Runs every check and never throws: failures are reported in <see cref="DoctorReport.Error"/>.</summary>
    public static DoctorReport Run()
    {
        string os = RuntimeInformation.OSDescription, dotnet = RuntimeInformation.FrameworkDescription;
        try
        {
            var s = TorchNative.EnsureLoaded();
            var (err, _) = HvpSelfCheck.Run();
            bool ok = double.IsFinite(err) && err <= HvpTolerance;
            return new DoctorReport(ok, os, dotnet, s.TorchSharpVersion, s.LibTorchVersion, s.NativeLibraryPath, s.StdCxxPath,
                s.GlibcxxWorkaround, s.MissingVersions, s.Threads, Environment.ProcessorCount, err,
                ok ? null : $"HVP relative error {err:E2} exceeds {HvpTolerance:E0}");
        }
        catch (Exception ex)
        {
            return new DoctorReport(false, os, dotnet, null, null, null, null, false, "", 0, Environment.ProcessorCount, null, ex.Message);
        }
    }
}

/// <summary>Result of <c>landscaper doctor</c> (the JSON contract: camelCase names).</summary>
public sealed record DoctorReport(
    bool Ok, string Os, string Dotnet, string? Torchsharp, string? Libtorch, string? NativeLibrary, string? Stdcxx,
    bool GlibcxxWorkaround, string MissingVersions, int Threads, int Cores, double? HvpRelativeError, string? Error);
