using Landscaper;
using Landscaper.Cli.Options;
using Landscaper.Cli.Output;
using System.CommandLine;
using System.Globalization;
using Landscaper.Notebooks;
using Spectre.Console;

namespace Landscaper.Cli.Commands;

/// <summary><c>landscaper notebooks run [PATHS...] --out DIR [--quick]</c>: executes notebooks in-process and writes the
/// executed copies (with outputs) and their figures. Exit code 0 only if every notebook succeeded (a notebook with no
/// C# code cell, a failing cell or a false <c>Claim</c> fails); 1 otherwise, or when a path does not exist.</summary>
public static class NotebooksCommand
{
    /// <summary>Default output folder (relative to the current directory): <c>artifacts/notebooks/quick</c> or
    /// <c>artifacts/notebooks/full</c>, so the two modes never overwrite each other.</summary>
    public static string DefaultOutput(bool quick) => Path.Combine("artifacts", "notebooks", quick ? NotebookMode.Quick : NotebookMode.Full);

    /// <summary>Creates the <c>notebooks</c> command with its <c>run</c> sub-command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Notebooks (.ipynb) or folders of notebooks. Default: notebooks/*.ipynb of the repository (found from the current folder upwards).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for the executed notebooks; figures go to its figures/ sub-folder (default artifacts/notebooks/quick or …/full).",
        };
        var mode = new ModeOptions();
        var figures = new Option<string?>("--figures")
        {
            Description = "Figure formats the notebooks write (comma-separated: html, png, svg; default html in quick mode, html,png in full mode). PNG/SVG use the system Chromium.",
        };

        var run = new Command("run", "Execute notebooks in-process with a C# kernel; write executed copies and figures; print a status table.");
        run.Arguments.Add(paths);
        run.Options.Add(output);
        mode.AddTo(run);
        run.Options.Add(figures);
        run.SetAction(async (result, ct) =>
        {
            IReadOnlyList<string> notebooks;
            try { notebooks = Resolve(result.GetValue(paths) ?? [], Environment.CurrentDirectory); }
            catch (FileNotFoundException ex) { return CliErrors.Report(result, new CliException(ex.Message, inner: ex)); }
            bool isQuick;
            try { isQuick = mode.IsQuick(result); }
            catch (CliException ex) { return CliErrors.Report(result, ex); }
            string outDir = Path.GetFullPath(result.GetValue(output) ?? DefaultOutput(isQuick));
            var parameters = new Dictionary<string, string> { [Figures.FormatsVariable] = result.GetValue(figures) ?? (isQuick ? "html" : "html,png") };
            var runner = new NotebookRunner(new NotebookRunOptions { OutputDirectory = outDir, Quick = isQuick, Parameters = parameters });
            var err = result.Err();
            var progress = new SynchronousProgress<string>(line => err.WriteLine(line));
            var results = await runner.RunAllAsync(notebooks, progress, ct);
            bool ok = results.All(r => r.Succeeded);
            if (result.WantsJson()) result.WriteJson(Report(ok, outDir, results));
            else WriteTable(result.Out(), outDir, results);
            return ok ? 0 : 1;
        });

        var cmd = new Command("notebooks", "Work with the notebooks under notebooks/.");
        cmd.Subcommands.Add(run);
        return cmd;
    }

    /// <summary>Expands <paramref name="paths"/> (files or folders) into .ipynb files, sorted by name within a folder;
    /// with no paths, the <c>notebooks</c> folder of the repository containing <paramref name="currentDirectory"/>
    /// (or of <paramref name="currentDirectory"/> itself).</summary>
    /// <exception cref="FileNotFoundException">A path does not exist, or no notebook was found.</exception>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> paths, string currentDirectory)
    {
        var list = new List<string>();
        if (paths.Count == 0)
        {
            string? folder = null;
            for (var dir = new DirectoryInfo(currentDirectory); dir is not null && folder is null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "notebooks"))) folder = Path.Combine(dir.FullName, "notebooks");
            if (folder is null)
                throw new FileNotFoundException($"No notebooks/ folder in {currentDirectory} or its parents; pass notebook paths explicitly.");
            paths = [folder];
        }
        foreach (var p in paths)
        {
            string full = Path.GetFullPath(p, currentDirectory);
            if (Directory.Exists(full))
                list.AddRange(Directory.GetFiles(full, "*.ipynb").Where(f => !f.Contains(".ipynb_checkpoints", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            else if (File.Exists(full)) list.Add(full);
            else throw new FileNotFoundException($"No such notebook or folder: {p}", full);
        }
        if (list.Count == 0) throw new FileNotFoundException($"No .ipynb files found in {string.Join(", ", paths)}.");
        return list;
    }

    internal static NotebooksRunReport Report(bool ok, string outDir, IReadOnlyList<NotebookRunResult> results) => new(
        ok, outDir, Path.Combine(outDir, "figures"),
        results.Select(r => new NotebookReport(
            r.NotebookPath, r.OutputPath, r.Status.ToString().ToLowerInvariant(), Math.Round(r.Duration.TotalSeconds, 3), r.FailedCell, r.Error,
            r.Cells.Select(c => new CellReport(c.Cell, Math.Round(c.Duration.TotalSeconds, 3), c.Succeeded)).ToArray())).ToArray());

    internal static void WriteTable(TextWriter writer, string outDir, IReadOnlyList<NotebookRunResult> results, string? figuresDir = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = writer == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = writer == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var table = new Table().AddColumn("notebook").AddColumn("status").AddColumn(new TableColumn("time").RightAligned()).AddColumn("cells").AddColumn("error");
        foreach (var r in results)
        {
            string status = r.Status switch
            {
                NotebookStatus.Succeeded => "[green]ok[/]",
                NotebookStatus.Cancelled => "[yellow]cancelled[/]",
                _ => "[red]FAILED[/]",
            };
            string error = r.Error is null ? "" : (r.FailedCell is { } c ? $"cell {c}: " : "") + FirstLine(r.Error);
            table.AddRow(
                Markup.Escape(Path.GetFileName(r.NotebookPath)), status,
                r.Duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s",
                r.Cells.Count.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(error));
        }
        console.Write(table);
        console.WriteLine($"executed notebooks: {outDir}");
        console.WriteLine($"figures:            {figuresDir ?? Path.Combine(outDir, "figures")}");
    }

    private static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n', StringComparison.Ordinal);
        string line = nl < 0 ? s : s[..nl];
        return line.Length > 160 ? line[..157] + "..." : line;
    }
}

/// <summary>JSON result of <c>landscaper notebooks run --json</c>.</summary>
public sealed record NotebooksRunReport(bool Ok, string OutputDirectory, string FiguresDirectory, IReadOnlyList<NotebookReport> Notebooks);

/// <summary>One notebook in <see cref="NotebooksRunReport"/>.</summary>
public sealed record NotebookReport(string Path, string? Output, string Status, double Seconds, int? FailedCell, string? Error, IReadOnlyList<CellReport> Cells);

/// <summary>One executed cell in <see cref="NotebookReport"/>.</summary>
public sealed record CellReport(int Cell, double Seconds, bool Succeeded);
