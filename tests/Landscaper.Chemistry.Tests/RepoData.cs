using System.Globalization;

namespace Landscaper.Chemistry.Tests;

/// <summary>Locates the committed data (walks up from the test binaries to the folder holding Landscaper.Workbench.sln).</summary>
internal static class RepoData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Landscaper.Workbench.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Landscaper.Workbench.sln above {AppContext.BaseDirectory}");
    });

    public static string RepoRoot => Root.Value;

    public static string MoleculesDir => Path.Combine(RepoRoot, "data", "molecules");

    public static string File(string name) => Path.Combine(MoleculesDir, name);

    /// <summary>Reads a simple CSV (no quoted commas in our files: SMILES contain no commas) into header-keyed rows.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != header.Length) throw new FormatException($"{path}: {cells.Length} cells in '{line}'");
            rows.Add(header.Zip(cells).ToDictionary(x => x.First, x => x.Second));
        }
        return rows;
    }

    public static int Int(this Dictionary<string, string> row, string key) => int.Parse(row[key], CultureInfo.InvariantCulture);
}
