using System.Collections.Concurrent;
using Deedle;
using Landscaper.Native;
using Landscaper.Topology;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Landscaper.Metrics;

namespace Landscaper.Notebooks;

/// <summary>What a notebook's first cell calls: loads TorchSharp's natives and registers the display formatters.</summary>
/// <remarks>
/// <para>The documented first cell of every notebook (see <see cref="FirstCell"/>) references this library as a NuGet
/// package from the local feed made by <c>environment/setup.sh</c> and calls <see cref="Initialize"/>. In Jupyter/VS Code
/// the <c>#r</c> restores and loads it (and everything it depends on, TorchSharp's natives included); in
/// <see cref="NotebookRunner"/> the assemblies are already referenced and the runner skips that line.</para>
/// <para>Formatters are process-wide (Microsoft.DotNet.Interactive.Formatting). Add more with
/// <see cref="RegisterFormatter{T}"/>; registrations made before <see cref="Initialize"/> are kept and re-applied.</para>
/// </remarks>
public static class Setup
{
    /// <summary>The text of the first cell every notebook under <c>notebooks/</c> starts with:
    /// <c>#r "nuget: Landscaper.Notebooks, 0.3.0-*"</c> and <c>Landscaper.Notebooks.Setup.Initialize()</c>.</summary>
    /// <remarks>The package comes from the local NuGet feed that <c>environment/setup.sh</c> packs (every library layer,
    /// version <c>VERSION-local.TIMESTAMP</c>, so the newest build always wins) and registers in the user's NuGet
    /// configuration: the cell works from any folder, in Jupyter and VS Code, without paths. The in-process runner has
    /// these assemblies loaded already and skips the <c>#r</c> line.</remarks>
    public static string FirstCell =>
        $"#r \"nuget: Landscaper.Notebooks, {Version.Split('-')[0]}-*\"\n" +
        "Landscaper.Notebooks.Setup.Initialize()";

    private static readonly ConcurrentDictionary<string, Action> Registrations = new();
    private static readonly object Gate = new();

    /// <summary>Registers an HTML formatter for <typeparamref name="T"/> (and types derived from it), now and on every later
    /// <see cref="Initialize"/>. A later registration for the same type replaces the earlier one.</summary>
    /// <param name="html">Produces an HTML fragment for a value.</param>
    public static void RegisterFormatter<T>(Func<T, string> html)
    {
        ArgumentNullException.ThrowIfNull(html);
        Action apply = () => Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Registrations[Key(typeof(T), HtmlFormatter.MimeType)] = apply;
        apply();
    }

    /// <summary>Registers an HTML formatter for every type assignable to <paramref name="type"/> (an interface, a base
    /// class or an open generic type such as <c>typeof(Frame&lt;,&gt;)</c>).</summary>
    public static void RegisterFormatter(Type type, Func<object, string> html)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(html);
        Action apply = () => Formatter.Register(type, (object value, TextWriter writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Registrations[Key(type, HtmlFormatter.MimeType)] = apply;
        apply();
    }

    /// <summary>Environment variable naming the repository folder (set in the Jupyter kernel by
    /// <c>environment/jupyter/setup-kernel.sh</c>, so notebooks copied anywhere still find <c>data/</c>).</summary>
    public const string RepositoryVariable = "LANDSCAPER_REPOSITORY";

    /// <summary>The repository the notebooks belong to: the nearest folder holding <c>Landscaper.Workbench.sln</c> above the
    /// current folder, else the folder named by <see cref="RepositoryVariable"/>, else the one above this assembly's folder.</summary>
    /// <exception cref="InvalidOperationException">None of them is a clone of the repository.</exception>
    public static string RepositoryRoot =>
        FindRoot(Environment.CurrentDirectory) ?? FromVariable() ?? FindRoot(AppContext.BaseDirectory)
        ?? FindRoot(Path.GetDirectoryName(typeof(Setup).Assembly.Location) ?? "")
        ?? throw new InvalidOperationException(
            $"Not inside a clone of the Landscaper Workbench repository (no Landscaper.Workbench.sln above {Environment.CurrentDirectory}); " +
            $"set {RepositoryVariable} to the clone's folder or run environment/setup.sh.");

    private static string? FromVariable()
    {
        string? value = Environment.GetEnvironmentVariable(RepositoryVariable);
        return string.IsNullOrWhiteSpace(value) || !File.Exists(Path.Combine(value, "Landscaper.Workbench.sln")) ? null : Path.GetFullPath(value);
    }

    private static string? FindRoot(string start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Landscaper.Workbench.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>The workbench version (the same for every assembly and the CLI).</summary>
    public static string Version =>
        typeof(Landscape).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? typeof(Landscape).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private static string Key(Type type, string mimeType) => $"{type.AssemblyQualifiedName}|{mimeType}";

    /// <summary>Loads TorchSharp's natives (with the libstdc++ workaround when needed) and registers the Landscaper (landscape,
    /// topology analysis, merge tree, persistence diagram), Deedle and Plotly.NET display formatters. Charts display through
    /// <see cref="ChartDisplay"/>, which works offline. Idempotent.</summary>
    /// <returns>A one-line status for the notebook to display.</returns>
    /// <exception cref="TorchNativeLoadException">TorchSharp's native backend cannot be loaded.</exception>
    /// <param name="threads">libtorch intra-op threads; null = the workbench's policy (<c>LANDSCAPER_THREADS</c>, else 1 —
    /// measured 25–45× faster than libtorch's default of one thread per core for the digits models on 2 cores; pass 2 for
    /// the MiniLM encoder).</param>
    public static string Initialize(int? threads = null)
    {
        lock (Gate)
        {
            var torch = TorchRuntime.Initialize(threads);
            Registrations.TryAdd(Key(typeof(Landscape), HtmlFormatter.MimeType), () => Formatter.Register<Landscape>(
                (value, writer) => writer.Write(LandscapeFormatter.ToHtml(value)), HtmlFormatter.MimeType));
            Registrations.TryAdd(Key(typeof(Landscape), PlainTextFormatter.MimeType), () => Formatter.Register<Landscape>(
                (value, writer) => writer.Write(LandscapeFormatter.ToText(value)), PlainTextFormatter.MimeType));
            Registrations.TryAdd(Key(typeof(Frame<,>), HtmlFormatter.MimeType), () => Formatter.Register(typeof(Frame<,>),
                (object value, TextWriter writer) => writer.Write(FrameFormatter.ToHtml((IFrame)value)), HtmlFormatter.MimeType));
            Registrations.TryAdd(Key(typeof(GenericChart), HtmlFormatter.MimeType), () => Formatter.Register<GenericChart>(
                (chart, writer) => writer.Write(ChartDisplay.ToHtml(chart)), HtmlFormatter.MimeType));
            Registrations.TryAdd(Key(typeof(TopologyAnalysis), HtmlFormatter.MimeType), () => Formatter.Register<TopologyAnalysis>(
                (value, writer) => writer.Write(TopologyFormatter.ToHtml(value)), HtmlFormatter.MimeType));
            Registrations.TryAdd(Key(typeof(MergeTree), HtmlFormatter.MimeType), () => Formatter.Register<MergeTree>(
                (value, writer) => writer.Write(TopologyFormatter.ToHtml(value)), HtmlFormatter.MimeType));
            Registrations.TryAdd(Key(typeof(PersistenceDiagram), HtmlFormatter.MimeType), () => Formatter.Register<PersistenceDiagram>(
                (value, writer) => writer.Write(TopologyFormatter.ToHtml(value)), HtmlFormatter.MimeType));
            foreach (var apply in Registrations.Values) apply();
            return $"Landscaper {Version} ready: TorchSharp {torch.TorchSharpVersion}, " +
                   $"libtorch {torch.LibTorchVersion}, {torch.Threads} thread{(torch.Threads == 1 ? "" : "s")} (set with Setup.Initialize(threads: n) or {TorchRuntime.ThreadsVariable})" +
                   (torch.GlibcxxWorkaround ? $", GLIBCXX workaround applied ({torch.MissingVersions})" : "") +
                   $", mode {NotebookMode.Current}, figures → {Figures.Directory}";
        }
    }
}
