namespace Landscaper.Tests.Cli;

/// <summary>CLI commands that run notebooks change the process's current directory and environment, and commands that
/// use libtorch share its process-wide state: the CLI tests of this assembly never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "CLI (process-wide state)";
}
