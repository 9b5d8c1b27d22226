namespace Landscaper.Notebooks;

/// <summary>Outcome of running one notebook.</summary>
public enum NotebookStatus
{
    /// <summary>Every code cell ran without a failure.</summary>
    Succeeded,
    /// <summary>A cell failed (compile error or exception); later cells were not run.</summary>
    Failed,
    /// <summary>The run was cancelled; later cells were not run.</summary>
    Cancelled,
}
