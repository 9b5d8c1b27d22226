namespace Landscaper.Tests.Notebooks;

/// <summary>Notebook runs change the process's current directory and environment: never in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    public const string Name = "Notebooks (process-wide state)";
}

/// <summary>Paths of the repository the tests were built from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NotebooksFolder => Path.Combine(Root, "notebooks");

    public static string[] Notebooks() => Directory.GetFiles(NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Landscaper.Workbench.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Landscaper.Workbench.sln above {AppContext.BaseDirectory}.");
    }
}
