using Landscaper.Cli.Output;
using System.CommandLine;
using Landscaper.Cli.Commands;

namespace Landscaper.Cli;

/// <summary>The <c>landscaper</c> command line: one file per command under <c>Commands/</c>.</summary>
public static class CliApp
{
    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Landscaper Workbench: Hessian subspaces, N-d loss landscapes and their topology.");
        root.Options.Add(CliOutput.JsonOption);
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(HessianCommand.Create());
        root.Subcommands.Add(NotebooksCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; output goes to <paramref name="stdout"/>/<paramref name="stderr"/>
    /// (the console by default). Returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
        };
        return Build().Parse(args).Invoke(config);
    }
}
