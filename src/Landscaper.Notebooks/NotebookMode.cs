namespace Landscaper.Notebooks;

/// <summary>placeholder</summary>
public static class NotebookMode
{
}
