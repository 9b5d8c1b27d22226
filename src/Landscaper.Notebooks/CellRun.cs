namespace Landscaper.Notebooks;

/// <summary>One executed code cell.</summary>
/// <param name="Cell">1-based position of the cell in the notebook (markdown cells count, as in an editor).</param>
/// <param name="ExecutionCount">1-based execution order among code cells.</param>
/// <param name="Duration">Wall-clock time of the cell.</param>
/// <param name="Succeeded">False for the cell that failed.</param>
/// <param name="Outputs">Number of outputs captured (displays, return value, stdout/stderr, errors).</param>
public sealed record CellRun(int Cell, int ExecutionCount, TimeSpan Duration, bool Succeeded, int Outputs);
