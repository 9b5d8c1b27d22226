namespace Landscaper.Notebooks;

/// <summary>Settings of a <see cref="NotebookRunner"/>.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Folder for executed copies (<c>NAME.ipynb</c>, same name as the source). Created if missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Run in quick mode (<see cref="NotebookMode.IsQuick"/> is true inside the notebook).</summary>
    public bool Quick { get; init; }

    /// <summary>Folder for figures saved with <see cref="Figures.Save"/>; default <c>OutputDirectory/figures</c>.</summary>
    public string? FiguresDirectory { get; init; }

    /// <summary>Extra parameters, passed to the notebook as environment variables for the duration of the run.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Longest time one cell may run before the run is cancelled; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }
}
