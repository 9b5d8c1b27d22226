using System.CommandLine;
using Landscaper.Hessian;
using Landscaper.IO;
using Landscaper.Native;
using Landscaper.Sampling;

namespace Landscaper.Cli.Output;

/// <summary>Exit codes and the one place where exceptions become messages: an expected failure prints one line
/// (<c>error: …</c>) and exits 1; with <c>--verbose</c> the stack trace follows. Never a bare stack trace.</summary>
public static class CliErrors
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Any expected failure: bad option, bad input file, I/O problem, failed computation.</summary>
    public const int Failure = 1;

    /// <summary>An eigen solver did not converge (use <c>--allow-unconverged</c> to accept the result).</summary>
    public const int Unconverged = 3;

    /// <summary>Cancelled by Ctrl+C or SIGTERM (progress saved where the command supports it).</summary>
    public const int Cancelled = 130;

    /// <summary>The global <c>--verbose</c> flag.</summary>
    public static readonly Option<bool> VerboseOption = new("--verbose")
    {
        Description = "On failure, also print the stack trace.",
        Recursive = true,
    };

    /// <summary>Prints the failure and returns the exit code.</summary>
    public static int Report(ParseResult result, Exception ex)
    {
        var err = result.Err();
        int code = ex is CliException c ? c.ExitCode : Failure;
        err.WriteLine($"error: {Message(ex)}");
        if (result.GetValue(VerboseOption)) err.WriteLine(ex.ToString());
        return code;
    }

    /// <summary>The one-line message of an exception, with a hint for the kinds that need one.</summary>
    public static string Message(Exception ex) => ex switch
    {
        CliException c => c.Message,
        UnauthorizedAccessException => $"{ex.Message.TrimEnd('.')} (permission denied: choose a folder you can write to).",
        DirectoryNotFoundException => ex.Message,
        FileNotFoundException f => $"{f.FileName ?? f.Message}: no such file.",
        IOException io when io.HResult == unchecked((int)0x80070070) || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)
            => $"the disk is full ({io.Message.TrimEnd('.')}); free some space and run again (with --resume where supported).",
        NpyFormatException or InvalidDataException or IOException or HessianException or SamplingPointException or TorchNativeLoadException
            or ArgumentException or FormatException or NotSupportedException => OneLine(ex.Message),
        OutOfMemoryException => "not enough memory for this run (reduce --steps, --samples or the grid dimensions).",
        _ => $"unexpected {ex.GetType().Name}: {OneLine(ex.Message)} (run with --verbose for details).",
    };

    private static string OneLine(string message)
    {
        // ArgumentException appends " (Parameter 'x')": the CLI's messages name the option themselves.
        int p = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (p >= 0) message = message[..p];
        return message.ReplaceLineEndings(" ").Trim();
    }
}
