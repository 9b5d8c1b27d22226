using System.Text.RegularExpressions;

namespace Landscaper.Tests.Architecture;

/// <summary>Folders are namespaces (<c>src/Landscaper.Core/Topology/*.cs</c> is <c>Landscaper.Topology</c>), each namespace
/// lives in one assembly, and the graph "namespace A uses namespace B" has no cycles, so the pipeline reads one way:
/// parameter space → Hessian → directions → sampling → topology → metrics → visualization → experiments → notebooks.</summary>
public partial class NamespaceGraphTests
{
    /// <summary>One source file: its assembly, declared namespace, expected namespace (from its folder) and the Landscaper
    /// namespaces its code uses.</summary>
    internal sealed record SourceFile(string Path, string Assembly, string Namespace, string FolderNamespace, IReadOnlySet<string> Uses,
        IReadOnlySet<string> DeclaredTypes, IReadOnlySet<string> Identifiers);

    internal static IReadOnlyList<SourceFile> Sources { get; } = ReadSources();

    private static IReadOnlyList<SourceFile> ReadSources()
    {
        var result = new List<SourceFile>();
        foreach (var project in Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")))
        {
            string assembly = Path.GetFileName(project);
            foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            {
                string rel = Path.GetRelativePath(project, file).Replace('\\', '/');
                if (rel.StartsWith("obj/", StringComparison.Ordinal) || rel.StartsWith("bin/", StringComparison.Ordinal)) continue;
                string text = File.ReadAllText(file);
                string code = CommentOrString().Replace(text, " ");
                var ns = FileNamespace().Match(code);
                string folder = Path.GetDirectoryName(rel)?.Replace('/', '.') ?? "";
                string root = assembly is "Landscaper.Cli" or "Landscaper.Notebooks" or "Landscaper.Chemistry" or "Landscaper.Language" ? assembly : "Landscaper";
                string expected = folder.Length == 0 ? root : $"{root}.{folder}";
                var uses = new HashSet<string>(StringComparer.Ordinal);
                foreach (Match m in Using().Matches(code)) uses.Add(m.Groups["ns"].Value);
                foreach (Match m in Qualified().Matches(FileNamespace().Replace(Using().Replace(code, " "), " "))) uses.Add(m.Groups["ns"].Value);
                var types = TypeDeclaration().Matches(code).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
                var identifiers = Identifier().Matches(code).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
                result.Add(new SourceFile(rel, assembly, ns.Success ? ns.Groups["ns"].Value : "", expected, uses, types, identifiers));
            }
        }
        return result;
    }

    [Fact]
    public void Sources_were_found()
    {
        Assert.True(Sources.Count > 100, $"only {Sources.Count} source files under src/");
        Assert.Contains(Sources, s => s.Namespace == "Landscaper.Topology");
    }

    [Fact]
    public void Every_file_declares_the_namespace_of_its_folder()
    {
        var wrong = Sources.Where(s => s.Namespace != s.FolderNamespace && s.Namespace.Length > 0)
            .Select(s => $"{s.Assembly}/{s.Path}: namespace {s.Namespace}, folder says {s.FolderNamespace}").ToArray();
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Each_namespace_lives_in_one_assembly()
    {
        var split = Sources.Where(s => s.Namespace.Length > 0).GroupBy(s => s.Namespace)
            .Where(g => g.Select(s => s.Assembly).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.Assembly).Distinct())}").ToArray();
        Assert.True(split.Length == 0, string.Join("\n", split));
    }

    [Fact]
    public void The_namespace_graph_has_no_cycles()
    {
        var declared = Sources.Select(s => s.Namespace).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        var edges = declared.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var witness = new Dictionary<(string, string), string>();
        foreach (var s in Sources.Where(s => s.Namespace.Length > 0))
            foreach (var u in s.Uses)
            {
                // A use of Landscaper.X.Y counts for the longest declared namespace it starts with.
                string? target = declared.Where(d => u == d || u.StartsWith(d + ".", StringComparison.Ordinal)).MaxBy(d => d.Length);
                if (target is null || target == s.Namespace) continue;
                if (edges[s.Namespace].Add(target)) witness[(s.Namespace, target)] = $"{s.Assembly}/{s.Path}";
            }
        // C# resolves the types of enclosing namespaces without a using (code in A.B sees A's types): count those uses too.
        var typesOf = Sources.Where(s => s.Namespace.Length > 0).GroupBy(s => s.Namespace)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => s.DeclaredTypes).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var s in Sources.Where(s => s.Namespace.Length > 0))
            for (string parent = s.Namespace; parent.LastIndexOf('.') is int dot and > 0;)
            {
                parent = parent[..dot];
                if (!typesOf.TryGetValue(parent, out var parentTypes) || !parentTypes.Overlaps(s.Identifiers)) continue;
                if (edges[s.Namespace].Add(parent))
                    witness[(s.Namespace, parent)] = $"{s.Assembly}/{s.Path} uses {string.Join(", ", parentTypes.Intersect(s.Identifiers).Take(3))}";
            }
        var cycles = StronglyConnected(edges).Where(c => c.Count > 1).ToArray();
        Assert.True(cycles.Length == 0, string.Join("\n", cycles.Select(c =>
            "cycle: " + string.Join(" ↔ ", c) + " (e.g. " + string.Join("; ", c.SelectMany(a => c.Where(b => edges[a].Contains(b)).Select(b => $"{a} → {b} in {witness[(a, b)]}")).Take(4)) + ")")));
    }

    [Fact]
    public void The_cycle_detector_finds_a_planted_cycle()
    {
        var edges = new Dictionary<string, HashSet<string>>
        {
            ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"],
        };
        var sccs = StronglyConnected(edges).Where(c => c.Count > 1).ToArray();
        Assert.Single(sccs);
        Assert.Equal(["a", "b", "c"], sccs[0].Order(StringComparer.Ordinal));
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    internal static List<List<string>> StronglyConnected(IReadOnlyDictionary<string, HashSet<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var onStack = new HashSet<string>();
        var stack = new Stack<string>();
        var result = new List<List<string>>();
        int counter = 0;
        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var next) ? next : [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            result.Add(component);
        }
        foreach (var v in edges.Keys) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""""""[\s\S]*?""""""|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)+'", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?<ns>Landscaper(?:\.\w+)*)", RegexOptions.Multiline)]
    private static partial Regex Using();

    [GeneratedRegex(@"(?<![\w.])(?<ns>Landscaper(?:\.[A-Z]\w*)+)\.")]
    private static partial Regex Qualified();
}
