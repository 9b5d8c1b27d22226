using Landscaper.Cli.Output;
using System.CommandLine;
using System.CommandLine.Parsing;
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
        root.Options.Add(CliErrors.VerboseOption);
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(HessianCommand.Create());
        root.Subcommands.Add(DirectionsCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(NotebooksCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
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
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line per problem and a pointer to the help, instead of the whole help text.
            foreach (var e in parse.Errors)
            {
                string where = e.SymbolResult is OptionResult option ? option.Option.Name + ": " : "";
                string message = string.Join(" ", e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                config.Error.WriteLine($"error: {where}{message}");
            }
            string command = string.Join(' ', parse.CommandResult.Command.Name == parse.RootCommandResult.Command.Name ? [] : new[] { parse.CommandResult.Command.Name });
            config.Error.WriteLine($"Run 'landscaper {(command.Length > 0 ? command + " " : "")}--help' for the options.");
            return CliErrors.Failure;
        }
        return parse.Invoke(config);
    }
}
