namespace Landscaper.Notebooks;

/// <summary>Where a notebook writes its data results (CSV tables), next to the figures of <see cref="Figures"/>.</summary>
/// <remarks>Folder: the environment variable <c>LANDSCAPER_RESULTS_DIR</c> when set; otherwise the parent of
/// <see cref="Figures.Directory"/> (for <c>landscaper notebooks run --out X</c> that is <c>X</c>, the runner's output folder).</remarks>
public static class Results
{
    /// <summary>Environment variable naming the results folder.</summary>
    public const string DirectoryVariable = "LANDSCAPER_RESULTS_DIR";

    /// <summary>The folder results are written to (see the remarks of <see cref="Results"/>).</summary>
    public static string Directory
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable(DirectoryVariable);
            if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
            string figures = Figures.Directory;
            return Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(figures)) ?? figures;
        }
    }

    /// <summary>The full path of <paramref name="fileName"/> in <see cref="Directory"/>.</summary>
    /// <param name="fileName">A file name without folders.</param>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty or contains a folder.</exception>
    public static string PathOf(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (Path.GetFileName(fileName) != fileName) throw new ArgumentException($"'{fileName}' must be a file name without folders.", nameof(fileName));
        return Path.Combine(Directory, fileName);
    }

    /// <summary>Copies <paramref name="files"/> into <paramref name="folder"/> (created; existing files overwritten) — e.g.
    /// to publish a full run's figures and tables under <c>docs/results</c>.</summary>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty.</exception>
    public static IReadOnlyList<string> CopyTo(IEnumerable<string> files, string folder)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        System.IO.Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var file in files)
        {
            string target = Path.Combine(folder, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            written.Add(target);
        }
        return written;
    }
}
