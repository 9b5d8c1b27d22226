namespace Landscaper.Tests;

/// <summary>Paths of the repository the tests were built from (found by walking up to Landscaper.Workbench.sln).</summary>
public static class RepoPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The <c>notebooks/</c> folder.</summary>
    public static string NotebooksFolder => Path.Combine(Root, "notebooks");

    /// <summary>Every notebook under <c>notebooks/</c>, in name order.</summary>
    public static string[] Notebooks() => Directory.GetFiles(NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    /// <summary>A file of the test output folder's <c>TestData/</c>.</summary>
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Landscaper.Workbench.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Landscaper.Workbench.sln above {AppContext.BaseDirectory}.");
    }
}
