using Landscaper.Visualization;
using Plotly.NET;

namespace Landscaper.Notebooks;

/// <summary>Saves a notebook's figures into the folder chosen by whoever runs the notebook.</summary>
/// <remarks>
/// <para>Folder: the environment variable <c>LANDSCAPER_FIGURES_DIR</c> (set by <see cref="NotebookRunner"/> and
/// <c>landscaper notebooks run</c>); otherwise <c>artifacts/notebooks/&lt;mode&gt;/figures</c> under the repository root
/// (the first parent folder holding <c>Landscaper.Workbench.sln</c>), otherwise <c>figures/&lt;mode&gt;</c> under the
/// current folder — quick and full runs never overwrite each other's figures.</para>
/// <para>Formats: by default HTML and PNG in full mode and HTML only in quick mode (a PNG export starts a browser and takes
/// seconds); <c>LANDSCAPER_FIGURE_FORMATS</c> (e.g. <c>html,png,svg,json</c>) overrides this.</para>
/// </remarks>
public static class Figures
{
    /// <summary>Environment variable naming the figures folder.</summary>
    public const string DirectoryVariable = "LANDSCAPER_FIGURES_DIR";

    /// <summary>Environment variable listing the formats to write (comma-separated: html, png, svg).</summary>
    public const string FormatsVariable = "LANDSCAPER_FIGURE_FORMATS";

    /// <summary>The folder figures are saved to (see the remarks of <see cref="Figures"/>).</summary>
    public static string Directory
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable(DirectoryVariable);
            if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Landscaper.Workbench.sln")))
                    return Path.Combine(dir.FullName, "artifacts", "notebooks", NotebookMode.Current, "figures");
            return Path.GetFullPath(Path.Combine("figures", NotebookMode.Current));
        }
    }

    /// <summary>The formats <see cref="Save"/> writes when none are given (see the remarks of <see cref="Figures"/>).</summary>
    /// <exception cref="InvalidOperationException"><c>LANDSCAPER_FIGURE_FORMATS</c> names an unknown format.</exception>
    public static FigureFormats DefaultFormats
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable(FormatsVariable);
            if (string.IsNullOrWhiteSpace(env))
                return NotebookMode.IsQuick ? FigureFormats.Html : FigureFormats.Html | FigureFormats.Png;
            var formats = FigureFormats.None;
            foreach (var part in env.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                formats |= Enum.TryParse<FigureFormats>(part, ignoreCase: true, out var f) && f != FigureFormats.None
                    ? f
                    : throw new InvalidOperationException($"{FormatsVariable} names an unknown format '{part}' (expected html, png, svg or json).");
            return formats;
        }
    }

    /// <summary>Saves <paramref name="chart"/> as <c>name.html</c> / <c>name.png</c> / <c>name.svg</c> in <see cref="Directory"/>.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="name">File name without extension (letters, digits, '-', '_', '.').</param>
    /// <param name="formats">Formats to write; <see cref="DefaultFormats"/> when null.</param>
    /// <param name="width">Image width in CSS pixels.</param>
    /// <param name="height">Image height in CSS pixels.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or contains a path separator or other unsafe character.</exception>
    /// <exception cref="ChromiumNotFoundException">An image format was asked for and no browser is installed.</exception>
    public static IReadOnlyList<string> Save(GenericChart chart, string name, FigureFormats? formats = null, int width = 900, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !(char.IsLetterOrDigit(c) || c is '-' or '_' or '.')) || name.StartsWith('.'))
            throw new ArgumentException($"Figure name '{name}' must be non-empty and use only letters, digits, '-', '_' and '.' (no leading '.').", nameof(name));
        var f = formats ?? DefaultFormats;
        string dir = Directory;
        var written = new List<string>();
        if (f.HasFlag(FigureFormats.Html)) written.Add(ChartOutput.SaveHtml(chart, Path.Combine(dir, name + ".html")));
        if (f.HasFlag(FigureFormats.Png)) written.Add(ChartOutput.SavePng(chart, Path.Combine(dir, name + ".png"), width, height));
        if (f.HasFlag(FigureFormats.Svg)) written.Add(ChartOutput.SaveSvg(chart, Path.Combine(dir, name + ".svg"), width, height));
        if (f.HasFlag(FigureFormats.Json))
        {
            string json = Path.GetFullPath(Path.Combine(dir, name + ".json"));
            Landscaper.IO.AtomicFile.WriteAllText(json, GenericChart.toJson(chart));
            written.Add(json);
        }
        return written;
    }
}
