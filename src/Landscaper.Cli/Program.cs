using Landscaper.Cli;

return CliApp.Run(args);
