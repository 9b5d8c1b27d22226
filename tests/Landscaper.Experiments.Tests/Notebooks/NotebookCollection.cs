namespace Landscaper.Tests.Notebooks;

/// <summary>Notebook runs change the process's current directory and environment: never in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    public const string Name = "Notebooks (process-wide state)";
}
