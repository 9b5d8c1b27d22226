namespace Landscaper.Notebooks;

/// <summary>How thoroughly a notebook should run, as chosen by whoever runs it: <c>quick</c> (small grids, few epochs:
/// for tests and CI) or <c>full</c> (the real analysis). Notebooks read it with <see cref="IsQuick"/>.</summary>
/// <remarks>The mode travels in the environment variable <c>LANDSCAPER_NOTEBOOK_MODE</c> (<c>quick</c> or <c>full</c>),
/// which <see cref="NotebookRunner"/> sets for the duration of a run (<c>landscaper notebooks run --quick</c> or
/// <c>--full</c>). Unset or empty means <c>quick</c>, so that opening a notebook in Jupyter runs in minutes; set
/// <c>LANDSCAPER_NOTEBOOK_MODE=full</c> before starting Jupyter for the full analysis.</remarks>
public static class NotebookMode
{
    /// <summary>The environment variable that carries the mode.</summary>
    public const string EnvironmentVariable = "LANDSCAPER_NOTEBOOK_MODE";

    /// <summary>The value that selects quick mode (the default when the variable is unset).</summary>
    public const string Quick = "quick";

    /// <summary>The value that selects full mode.</summary>
    public const string Full = "full";

    /// <summary>True when the notebook should take its quick path.</summary>
    /// <exception cref="InvalidOperationException">The variable holds something other than <c>quick</c> or <c>full</c>.</exception>
    public static bool IsQuick => Current == Quick;

    /// <summary>The current mode: <see cref="Quick"/> or <see cref="Full"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable holds something other than <c>quick</c> or <c>full</c>.</exception>
    public static string Current
    {
        get
        {
            string? raw = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
            if (string.IsNullOrEmpty(raw)) return Quick;
            if (raw.Equals(Quick, StringComparison.OrdinalIgnoreCase)) return Quick;
            if (raw.Equals(Full, StringComparison.OrdinalIgnoreCase)) return Full;
            throw new InvalidOperationException($"{EnvironmentVariable} is '{raw}'; expected '{Quick}' or '{Full}'.");
        }
    }

    /// <summary>Returns <paramref name="quick"/> in quick mode and <paramref name="full"/> otherwise
    /// (e.g. <c>int steps = NotebookMode.Choose(quick: 11, full: 41);</c>).</summary>
    public static T Choose<T>(T quick, T full) => IsQuick ? quick : full;
}
