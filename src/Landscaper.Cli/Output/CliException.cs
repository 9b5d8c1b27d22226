namespace Landscaper.Cli.Output;

/// <summary>An expected failure of a command, worded in the CLI's language (option names, allowed values, what to do).
/// <see cref="CliErrors"/> prints its message as one line and exits with <see cref="ExitCode"/>.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what is wrong and what to do.</param>
    /// <param name="exitCode">The process exit code (default <see cref="CliErrors.Failure"/>).</param>
    /// <param name="inner">The underlying exception, shown with <c>--verbose</c>.</param>
    public CliException(string message, int exitCode = CliErrors.Failure, Exception? inner = null) : base(message, inner) => ExitCode = exitCode;

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }
}
