namespace Landscaper.Tests;

/// <summary>Fresh temporary folders for tests.</summary>
public static class TempFolders
{
    /// <summary>Creates and returns a new empty folder <c>$TMP/landscaper-tests/&lt;prefix&gt;-&lt;guid&gt;</c>.</summary>
    public static string Create(string prefix = "t")
    {
        var d = Path.Combine(Path.GetTempPath(), "landscaper-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }
}
