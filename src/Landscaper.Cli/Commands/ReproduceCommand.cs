using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Landscaper.Cli.Options;
using Landscaper.Cli.Output;
using Landscaper.Cli.Report;
using Landscaper.Notebooks;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper reproduce [NOTEBOOKS...] [--quick|--full] [--out DIR]</c>: runs every notebook (in order) and
/// writes one offline report — <c>index.html</c>, a page per executed notebook, the figures (one shared plotly.js), the
/// notebooks' result tables and <c>report.json</c>. Exit code 0 only when every notebook succeeded.</summary>
public static class ReproduceCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks (.ipynb) or folders. Default: every notebook in the repository's notebooks/ folder.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out")
        {
            Description = "Report folder; must not exist or be empty (runs never overwrite each other). Default artifacts/report/MODE-UTCTIME.",
        };
        var modes = new ModeOptions();
        var cmd = new Command("reproduce", "Run every notebook and write one self-contained offline report (index.html).");
        cmd.Arguments.Add(paths);
        cmd.Options.Add(output);
        modes.AddTo(cmd);
        cmd.SetAction(async (result, ct) =>
        {
            bool isQuick;
            try { isQuick = modes.IsQuick(result); }
            catch (CliException ex) { return CliErrors.Report(result, ex); }
            string mode = isQuick ? NotebookMode.Quick : NotebookMode.Full;
            IReadOnlyList<string> notebooks;
            string? repository;
            try
            {
                repository = TryRepository();
                var given = result.GetValue(paths) ?? [];
                if (given.Length == 0 && repository is null)
                    throw new CliException("Not inside a clone of the workbench and no notebooks given: run from the clone, or pass notebook paths.");
                notebooks = NotebooksCommand.Resolve(given.Length > 0 ? given : [Path.Combine(repository!, "notebooks")], Environment.CurrentDirectory);
            }
            catch (FileNotFoundException ex) { return CliErrors.Report(result, new CliException(ex.Message, inner: ex)); }
            catch (CliException ex) { return CliErrors.Report(result, ex); }

            string folder = Path.GetFullPath(result.GetValue(output)
                ?? Path.Combine("artifacts", "report", $"{mode}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"));
            FileStream claim;
            try { claim = Claim(folder); }
            catch (CliException ex) { return CliErrors.Report(result, ex); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return CliErrors.Report(result, ex); }

            var err = result.Err();
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            var environment = RunEnvironment.Capture(repository);
            err.WriteLine($"reproduce ({mode}): {notebooks.Count} notebooks → {folder}");
            var runner = new NotebookRunner(new NotebookRunOptions
            {
                OutputDirectory = Path.Combine(folder, "notebooks"),
                FiguresDirectory = Path.Combine(folder, "figures"),
                Quick = isQuick,
                CellTimeout = isQuick ? TimeSpan.FromMinutes(15) : null,
                Parameters = new Dictionary<string, string>
                {
                    [Figures.FormatsVariable] = isQuick ? "html,json" : "html,json,png",
                    [ChartDisplay.ModeVariable] = "external",
                    [Results.DirectoryVariable] = Path.Combine(folder, "results"),
                },
            });
            var progress = new SynchronousProgress<string>(line => err.WriteLine(line));
            using (claim)
            {
                var results = await runner.RunAllAsync(notebooks, progress, ct);
                var entries = ReproductionReport.Notebooks(folder, results);
                bool ok = results.All(r => r.Succeeded);
                var summary = new ReportSummary(mode, started.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), Math.Round(clock.Elapsed.TotalSeconds, 1),
                    Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds, 1), CommandLine(),
                    environment, RunEnvironment.ReadLoadAverage(), entries, ok);
                string index = ReproductionReport.Write(folder, summary);
                long bytes = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                if (result.WantsJson()) result.WriteJson(summary);
                else
                {
                    NotebooksCommand.WriteTable(result.Out(), Path.Combine(folder, "notebooks"), results, Path.Combine(folder, "figures"));
                    result.Out().WriteLine($"report:             {index} ({bytes / 1e6:F1} MB, {clock.Elapsed.TotalSeconds:F0} s)");
                }
                try { File.Delete(Path.Combine(folder, ".landscaper-reproduce.lock")); } catch (IOException) { }
                if (ct.IsCancellationRequested) return CliErrors.Cancelled;
                return ok ? CliErrors.Ok : CliErrors.Failure;
            }
        });
        return cmd;
    }

    /// <summary>Creates <paramref name="folder"/> (or accepts it empty) and takes it with a lock file, so that two runs never
    /// write into the same report.</summary>
    private static FileStream Claim(string folder)
    {
        if (File.Exists(folder)) throw new CliException($"--out {folder} is a file; give a folder that does not exist yet.");
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new CliException($"--out {folder} is not empty: a report is never overwritten; choose a new folder or delete this one.");
        Directory.CreateDirectory(folder);
        try
        {
            return new FileStream(Path.Combine(folder, ".landscaper-reproduce.lock"), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException)
        {
            throw new CliException($"--out {folder} is being written by another run; choose a new folder.");
        }
    }

    private static string? TryRepository()
    {
        try { return Setup.RepositoryRoot; }
        catch (InvalidOperationException) { return null; }
    }

    private static string CommandLine() => "landscaper " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
}
