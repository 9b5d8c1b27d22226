namespace Landscaper.Visualization;

/// <summary>No browser executable is available for static chart export.</summary>
public sealed class ChromiumNotFoundException : Exception
{
    /// <summary>Creates the exception with a message that says where was looked and what to install.</summary>
    public ChromiumNotFoundException(string message) : base(message) { }
}
