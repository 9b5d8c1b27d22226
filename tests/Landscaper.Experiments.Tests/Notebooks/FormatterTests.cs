using Deedle;
using Landscaper.Notebooks;
using Microsoft.DotNet.Interactive.Formatting;

namespace Landscaper.Tests.Notebooks;

[Collection(NotebookCollection.Name)]
public class FormatterTests
{
    private static Landscape Bowl(int steps)
    {
        var axis = Landscape.Linspace(-1, 1, steps);
        var values = new double[steps * steps];
        for (int i = 0; i < steps; i++) for (int j = 0; j < steps; j++) values[i * steps + j] = axis[i] * axis[i] + axis[j] * axis[j];
        return new Landscape(values, [axis, axis], new LandscapeMetadata("bowl", "loss", ["a", "b"]));
    }

    [Fact]
    public void Landscape_html_is_a_compact_summary()
    {
        Setup.Initialize();
        string html = Formatter.ToDisplayString(Bowl(101), HtmlFormatter.MimeType);
        Assert.Contains("101 × 101", html);
        Assert.Contains("bowl", html);
        Assert.Contains("[0, 2]", html);
        Assert.True(html.Length < 2_000, $"{html.Length} characters");
    }

    [Fact]
    public void Deedle_frames_render_as_a_small_head_and_tail_table()
    {
        Setup.Initialize();
        var frame = Frame.FromRecords(Enumerable.Range(0, 10_000).Select(i => new { Step = i, Loss = 1.0 / (i + 1) }));
        string html = Formatter.ToDisplayString(frame, HtmlFormatter.MimeType);
        Assert.Contains("landscaper-frame", html);
        Assert.Contains("10000 rows × 2 columns", html);
        Assert.Contains("9999", html);   // last row shown
        Assert.Contains("…", html);
        Assert.True(html.Length < 5_000, $"{html.Length} characters");
    }

    private sealed record Custom(int Value);

    [Fact]
    public void Registered_formatters_apply_and_survive_initialize()
    {
        Setup.RegisterFormatter<Custom>(c => $"<b>custom {c.Value}</b>");
        Setup.Initialize();
        Assert.Equal("<b>custom 7</b>", Formatter.ToDisplayString(new Custom(7), HtmlFormatter.MimeType));
    }

    [Fact]
    public void Notebook_mode_reads_the_environment()
    {
        var previous = Environment.GetEnvironmentVariable(NotebookMode.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(NotebookMode.EnvironmentVariable, null);
            Assert.True(NotebookMode.IsQuick);                      // unset: quick, so that Jupyter runs in minutes
            Environment.SetEnvironmentVariable(NotebookMode.EnvironmentVariable, "Full");
            Assert.False(NotebookMode.IsQuick);
            Assert.Equal(30, NotebookMode.Choose(3, 30));
            Environment.SetEnvironmentVariable(NotebookMode.EnvironmentVariable, "QUICK");
            Assert.True(NotebookMode.IsQuick);
            Assert.Equal(3, NotebookMode.Choose(3, 30));
            Environment.SetEnvironmentVariable(NotebookMode.EnvironmentVariable, "fast");
            Assert.Throws<InvalidOperationException>(() => NotebookMode.IsQuick);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NotebookMode.EnvironmentVariable, previous);
        }
    }
}
