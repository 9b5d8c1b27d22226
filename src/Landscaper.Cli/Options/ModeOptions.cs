using System.CommandLine;
using Landscaper.Cli.Output;

namespace Landscaper.Cli.Options;

/// <summary>The <c>--quick</c> / <c>--full</c> pair of the commands that run notebooks: quick is the default, both at
/// once is an error.</summary>
public sealed class ModeOptions
{
    private readonly Option<bool> _quick = new("--quick") { Description = "Quick mode, the default: small grids and few epochs (minutes)." };
    private readonly Option<bool> _full = new("--full") { Description = "Full mode: the analyses as published (hours for some notebooks)." };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_quick);
        command.Options.Add(_full);
    }

    /// <summary>True for quick mode.</summary>
    /// <exception cref="CliException">Both options were given.</exception>
    public bool IsQuick(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(_quick) && result.GetValue(_full)) throw new CliException("Give --quick or --full, not both.");
        return !result.GetValue(_full);
    }
}
