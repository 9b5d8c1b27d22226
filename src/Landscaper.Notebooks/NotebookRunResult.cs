namespace Landscaper.Notebooks;

/// <summary>Result of <see cref="NotebookRunner.RunAsync"/>.</summary>
/// <param name="NotebookPath">Full path of the notebook that was run.</param>
/// <param name="OutputPath">Full path of the executed copy (with outputs), or null if it could not be written.</param>
/// <param name="Status">Succeeded, failed or cancelled.</param>
/// <param name="Duration">Wall-clock time of the whole run, including kernel start-up.</param>
/// <param name="Cells">The code cells that ran, in order (the failing one last).</param>
/// <param name="FailedCell">1-based position of the failing cell (markdown cells count), or null.</param>
/// <param name="Error">The failure message (compiler diagnostics or exception), or null.</param>
public sealed record NotebookRunResult(
    string NotebookPath,
    string? OutputPath,
    NotebookStatus Status,
    TimeSpan Duration,
    IReadOnlyList<CellRun> Cells,
    int? FailedCell,
    string? Error)
{
    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => Status == NotebookStatus.Succeeded;
}
