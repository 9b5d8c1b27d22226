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
/// <para>The documented first cell of every notebook (see <see cref="FirstCell"/>) references this assembly from its build
/// output folder and calls <see cref="Initialize"/>. In Jupyter/VS Code the <c>#r</c> loads the DLLs; in
/// <see cref="NotebookRunner"/> they are already referenced and the runner skips those <c>#r</c> lines.</para>
/// <para>Formatters are process-wide (Microsoft.DotNet.Interactive.Formatting). Add more with
/// <see cref="RegisterFormatter{T}"/>; registrations made before <see cref="Initialize"/> are kept and re-applied.</para>
/// </remarks>
public static class Setup
{
    /// <summary>The text of the first cell every notebook under <c>notebooks/</c> starts with.</summary>
    public const string FirstCell =
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Landscaper.Notebooks.dll\"\n" +
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Landscaper.Core.dll\"\n" +
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Landscaper.Torch.dll\"\n" +
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Landscaper.Charts.dll\"\n" +
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Landscaper.Experiments.dll\"\n" +
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Plotly.NET.dll\"\n" +
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Plotly.NET.CSharp.dll\"\n" +
        "#r \"../src/Landscaper.Notebooks/bin/Release/net10.0/Deedle.dll\"\n" +
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

    /// <summary>The repository the notebooks belong to: the nearest folder holding <c>Landscaper.Workbench.sln</c> above the
    /// current folder, else above this assembly's folder.</summary>
    /// <exception cref="InvalidOperationException">Neither is inside a clone of the repository.</exception>
    public static string RepositoryRoot =>
        FindRoot(Environment.CurrentDirectory) ?? FindRoot(AppContext.BaseDirectory) ?? FindRoot(Path.GetDirectoryName(typeof(Setup).Assembly.Location) ?? "")
        ?? throw new InvalidOperationException($"Not inside a clone of the Landscaper Workbench repository (no Landscaper.Workbench.sln above {Environment.CurrentDirectory}).");

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
