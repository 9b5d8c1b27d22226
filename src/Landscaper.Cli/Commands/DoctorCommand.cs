using System.CommandLine;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper doctor</c>: environment and TorchSharp self-check.</summary>
public static class DoctorCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var cmd = new Command("doctor", "Check the environment: OS, .NET, TorchSharp natives, and a Hessian-vector product against finite differences.");
        cmd.SetAction(result =>
        {
            result.Out().WriteLine("TODO");
            return 0;
        });
        return cmd;
    }
}
