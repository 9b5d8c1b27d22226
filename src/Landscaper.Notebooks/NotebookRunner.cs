using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Landscaper.Visualization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;
using DocumentKernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;
using Landscaper.IO;

namespace Landscaper.Notebooks;

/// <summary>Executes .ipynb notebooks in this process with a C# kernel (Microsoft.DotNet.Interactive), cell by cell,
/// and writes the executed copy with its outputs.</summary>
/// <remarks>
/// <para>The kernel is a <see cref="CompositeKernel"/> holding one <see cref="CSharpKernel"/> with <c>#r "nuget:"</c>
/// support and Plotly.NET.Interactive's formatter extension. The Landscaper, Plotly.NET, Deedle, FSharp.Core and
/// TorchSharp assemblies of this process are referenced up front, so the notebook's <c>#r</c> lines naming those DLLs
/// (see <see cref="Setup.FirstCell"/>) are skipped rather than loading second copies.</para>
/// <para>For the duration of a run the process's current directory is the notebook's folder and the environment holds
/// <c>LANDSCAPER_NOTEBOOK_MODE</c>, <c>LANDSCAPER_FIGURES_DIR</c> and <see cref="NotebookRunOptions.Parameters"/>; both
/// are process-wide, so runs are serialised across all runners and restored afterwards.</para>
/// <para>The first failing cell stops the run; its message (compiler diagnostics or exception) is in
/// <see cref="NotebookRunResult.Error"/>. The executed copy is written (atomically) in every case.</para>
/// </remarks>
public sealed partial class NotebookRunner
{
    private static readonly SemaphoreSlim ProcessGate = new(1, 1);
    private static readonly string[] CSharpNames = ["csharp", "c#", "C#", "cs"];

    /// <summary>Assemblies referenced by the kernel before the first cell (their <c>#r</c> lines are skipped).</summary>
    public static IReadOnlyList<Assembly> PreloadedAssemblies { get; } =
    [
        typeof(Setup).Assembly,
        typeof(Landscape).Assembly,
        typeof(Landscaper.Native.TorchRuntime).Assembly,
        typeof(Landscaper.Visualization.LandscapeCharts).Assembly,
        typeof(Landscaper.Experiments.CheckpointAnalysis).Assembly,
        typeof(Landscaper.Chemistry.Molecule).Assembly,
        typeof(Landscaper.Language.Data.SpamAssassinData).Assembly,
        typeof(Plotly.NET.GenericChart).Assembly,
        typeof(Plotly.NET.CSharp.Chart).Assembly,
        typeof(Plotly.NET.Interactive.Formatters).Assembly,
        typeof(Deedle.Frame).Assembly,
        typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly,
        typeof(TorchSharp.torch).Assembly,
        typeof(MathNet.Numerics.Control).Assembly,
    ];

    private readonly NotebookRunOptions _options;

    /// <summary>Creates a runner.</summary>
    public NotebookRunner(NotebookRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory);
        _options = options;
    }

    /// <summary>Runs one notebook and writes its executed copy to <see cref="NotebookRunOptions.OutputDirectory"/>.</summary>
    /// <param name="notebookPath">The .ipynb file.</param>
    /// <param name="progress">Receives one line per cell started and finished.</param>
    /// <param name="cancellationToken">Cancels the run (the current cell is interrupted where the kernel allows).</param>
    /// <returns>Status, per-cell durations and the first error. Cell failures are reported here, not thrown.</returns>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="NotebookFormatException">The file is not a readable notebook.</exception>
    public async Task<NotebookRunResult> RunAsync(string notebookPath, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        string path = Path.GetFullPath(notebookPath);
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook not found: {path}", path);
        var document = Read(path);
        string outputDir = Path.GetFullPath(_options.OutputDirectory);
        string outputPath = Path.Combine(outputDir, Path.GetFileName(path));
        string figuresDir = Path.GetFullPath(_options.FiguresDirectory ?? Path.Combine(outputDir, "figures"));
        string name = Path.GetFileName(path);

        await ProcessGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var total = Stopwatch.StartNew();
        var saved = new Dictionary<string, string?>();
        string previousDirectory = Environment.CurrentDirectory;
        var cells = new List<CellRun>();
        NotebookStatus status = NotebookStatus.Succeeded;
        int? failedCell = null;
        string? error = null;
        try
        {
            SetVariable(saved, NotebookMode.EnvironmentVariable, _options.Quick ? NotebookMode.Quick : NotebookMode.Full);
            SetVariable(saved, Figures.DirectoryVariable, figuresDir);
            foreach (var (key, value) in _options.Parameters) SetVariable(saved, key, value);
            Environment.CurrentDirectory = Path.GetDirectoryName(path)!;

            progress?.Report($"{name}: starting the C# kernel");
            using var kernel = await CreateKernelAsync().ConfigureAwait(false);
            int codeCells = document.Elements.Count(e => IsCSharp(e.KernelName));
            int executed = 0;
            for (int i = 0; i < document.Elements.Count; i++)
            {
                var element = document.Elements[i];
                if (!IsCSharp(element.KernelName)) continue;
                int cellNumber = i + 1;
                executed++;
                element.Outputs.Clear();
                element.ExecutionOrder = executed;
                progress?.Report($"{name}: cell {cellNumber} ({executed}/{codeCells}) running");
                var sw = Stopwatch.StartNew();
                using var cellCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (_options.CellTimeout is { } limit) cellCts.CancelAfter(limit);
                KernelCommandResult result;
                try
                {
                    result = await kernel.SendAsync(new SubmitCode(SkipPreloadedReferences(element.Contents), "csharp"), cellCts.Token)
                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    sw.Stop();
                    cells.Add(new CellRun(cellNumber, executed, sw.Elapsed, false, element.Outputs.Count));
                    bool timedOut = !cancellationToken.IsCancellationRequested;
                    status = timedOut ? NotebookStatus.Failed : NotebookStatus.Cancelled;
                    failedCell = cellNumber;
                    error = timedOut ? $"Cell {cellNumber} exceeded the cell timeout of {_options.CellTimeout}." : "Cancelled.";
                    element.Outputs.Add(new ErrorElement(error, timedOut ? "Timeout" : "Cancelled", []));
                    break;
                }
                sw.Stop();
                cellCts.Token.ThrowIfCancellationRequested();
                var failure = CaptureOutputs(result, element, executed);
                cells.Add(new CellRun(cellNumber, executed, sw.Elapsed, failure is null, element.Outputs.Count));
                progress?.Report($"{name}: cell {cellNumber} {(failure is null ? "done" : "FAILED")} in {sw.Elapsed.TotalSeconds:F1} s");
                if (failure is not null)
                {
                    status = NotebookStatus.Failed;
                    failedCell = cellNumber;
                    error = failure;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = NotebookStatus.Cancelled;
            error = "Cancelled.";
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            foreach (var (key, value) in saved) Environment.SetEnvironmentVariable(key, value);
            ProcessGate.Release();
        }
        if (status == NotebookStatus.Succeeded && cells.Count == 0)
        {
            // A run that executed nothing proves nothing: fail it.
            status = NotebookStatus.Failed;
            error = "The notebook has no C# code cell to execute (a run that executes nothing is a failure).";
        }

        string? written = null;
        try
        {
            AtomicFile.WriteAllText(outputPath, ExecutedNotebookWriter.Render(File.ReadAllText(path), document));
            written = outputPath;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = (error is null ? "" : error + "\n") + $"Could not write the executed notebook {outputPath}: {ex.Message}";
            if (status == NotebookStatus.Succeeded) status = NotebookStatus.Failed;
        }
        total.Stop();
        progress?.Report($"{name}: {status} in {total.Elapsed.TotalSeconds:F1} s");
        return new NotebookRunResult(path, written, status, total.Elapsed, cells, failedCell, error);
    }

    /// <summary>Runs several notebooks one after another, each in a fresh kernel. A failure does not stop the others; a
    /// file that is not a C# notebook becomes a failed result (its message as the error); after cancellation the
    /// notebooks not started are reported as cancelled.</summary>
    public async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IEnumerable<string> notebookPaths, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebookPaths);
        var results = new List<NotebookRunResult>();
        foreach (var p in notebookPaths)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                results.Add(new NotebookRunResult(Path.GetFullPath(p), null, NotebookStatus.Cancelled, TimeSpan.Zero, [], null, "Not started: the run was cancelled."));
                continue;
            }
            try { results.Add(await RunAsync(p, progress, cancellationToken).ConfigureAwait(false)); }
            catch (NotebookFormatException ex)
            {
                results.Add(new NotebookRunResult(Path.GetFullPath(p), null, NotebookStatus.Failed, TimeSpan.Zero, [], null, ex.Message));
            }
        }
        return results;
    }

    /// <summary>Replaces <c>#r "…/NAME.dll"</c> lines whose file name is one of <see cref="PreloadedAssemblies"/>, and
    /// <c>#r "nuget: Landscaper.…"</c> lines, with a comment: the runner has those assemblies loaded already.</summary>
    public static string SkipPreloadedReferences(string code)
    {
        var preloaded = PreloadedAssemblies.Select(a => Path.GetFileName(a.Location)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        code = ReferenceLine().Replace(code, m =>
            preloaded.Contains(Path.GetFileName(m.Groups["path"].Value))
                ? $"// {m.Value.Trim()}   (already referenced by the notebook runner)"
                : m.Value);
        return OwnPackageLine().Replace(code, m => $"// {m.Value.Trim()}   (already referenced by the notebook runner)");
    }

    [GeneratedRegex("""^[ \t]*#r[ \t]+"nuget:[ \t]*Landscaper\.[^"]*"[ \t]*$""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex OwnPackageLine();

    [GeneratedRegex("""^[ \t]*#r[ \t]+"(?<path>[^"]+\.dll)"[ \t]*$""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceLine();

    private static bool IsCSharp(string? kernelName) => kernelName is not null && CSharpNames.Contains(kernelName);

    private static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection
        {
            new DocumentKernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    private static InteractiveDocument Read(string path)
    {
        var kernels = Kernels();
        try
        {
            RequireCSharpNotebook(path);
            using var stream = File.OpenRead(path);
            var document = Notebook.Read(stream, kernels);
            var foreign = document.Elements.Select((e, i) => (e, i))
                .FirstOrDefault(x => x.e.KernelName is { } k && k != "markdown" && !IsCSharp(k));
            if (foreign.e is not null)
                throw new NotebookFormatException(
                    $"{path}: cell {foreign.i + 1} is in kernel '{foreign.e.KernelName}'; the runner executes C# cells only.");
            return document;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            throw new NotebookFormatException($"{path} is not a readable .ipynb notebook: {ex.Message}", ex);
        }
    }

    /// <summary>Refuses a notebook whose kernel language (nbformat <c>metadata.kernelspec.language</c> or
    /// <c>metadata.language_info.name</c>) is given and is not C#: its cells would otherwise be compiled as C#.</summary>
    private static void RequireCSharpNotebook(string path)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
            || !doc.RootElement.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != System.Text.Json.JsonValueKind.Object) return;
        string? language = null;
        if (metadata.TryGetProperty("kernelspec", out var spec) && spec.ValueKind == System.Text.Json.JsonValueKind.Object
            && spec.TryGetProperty("language", out var l) && l.ValueKind == System.Text.Json.JsonValueKind.String) language = l.GetString();
        else if (metadata.TryGetProperty("language_info", out var info) && info.ValueKind == System.Text.Json.JsonValueKind.Object
            && info.TryGetProperty("name", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.String) language = n.GetString();
        if (language is null) return;
        string normalized = language.Trim().ToLowerInvariant();
        if (normalized is not ("c#" or "csharp" or "cs" or ".net-csharp" or "polyglot-notebook"))
            throw new NotebookFormatException($"{path} is a {language} notebook (kernel language in its metadata); the runner executes C# notebooks only.");
    }

    private static async Task<CompositeKernel> CreateKernelAsync()
    {
        var csharp = new CSharpKernel().UseNugetDirective((kernel, references) =>
        {
            kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
            return Task.CompletedTask;
        }, forceRestore: false).UseKernelHelpers().UseValueSharing();
        csharp.AddAssemblyReferences(PreloadedAssemblies.Select(a => a.Location));
        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = csharp.Name;
        await ((IKernelExtension)new Plotly.NET.Interactive.FormatterKernelExtension()).OnLoadAsync(composite).ConfigureAwait(false);
        return composite;
    }

    private static void SetVariable(Dictionary<string, string?> saved, string key, string value)
    {
        saved.TryAdd(key, Environment.GetEnvironmentVariable(key));
        Environment.SetEnvironmentVariable(key, value);
    }

    /// <summary>Turns the kernel's events into notebook outputs; returns the failure message, if any.</summary>
    private static string? CaptureOutputs(KernelCommandResult result, InteractiveDocumentElement element, int executionOrder)
    {
        string? failure = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case ReturnValueProduced r:
                    var rv = new ReturnValueElement { ExecutionOrder = executionOrder };
                    foreach (var (mime, value) in Data(r)) rv.Data[mime] = value;
                    if (rv.Data.Count > 0) element.Outputs.Add(rv);
                    break;
                case StandardOutputValueProduced o:
                    element.Outputs.Add(new TextElement(Text(o), "stdout"));
                    break;
                case StandardErrorValueProduced o:
                    element.Outputs.Add(new TextElement(Text(o), "stderr"));
                    break;
                case ErrorProduced err:
                    element.Outputs.Add(new ErrorElement(err.Message, "Error", []));
                    break;
                case DisplayedValueProduced or DisplayedValueUpdated:
                    var data = Data((DisplayEvent)e);
                    if (data.Count > 0) element.Outputs.Add(new DisplayElement(data));
                    break;
                case CommandFailed failed when failure is null:
                    failure = failed.Message;
                    element.Outputs.Add(new ErrorElement(failed.Message, failed.Exception?.GetType().Name ?? "CompilationError",
                        failed.Exception?.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? []));
                    break;
            }
        }
        return failure;
    }

    private static Dictionary<string, object> Data(DisplayEvent e)
    {
        var data = new Dictionary<string, object>();
        foreach (var v in e.FormattedValues)
            if (!v.SuppressDisplay) data[v.MimeType] = v.Value;
        return data;
    }

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";
}
