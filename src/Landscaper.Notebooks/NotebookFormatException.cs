namespace Landscaper.Notebooks;

/// <summary>A file is not a notebook the runner can execute (unreadable JSON, or cells in an unsupported language).</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message, Exception? inner = null) : base(message, inner) { }
}
