namespace Landscaper.Visualization;

/// <summary>Finds the Chromium (or Chrome) executable used for static chart export, and the arguments to start it with.</summary>
/// <remarks>Order: the environment variable <c>LANDSCAPER_CHROMIUM</c> (a full path), then <c>/usr/bin/chromium</c>
/// (Debian's <c>chromium</c> package), <c>/usr/bin/chromium-browser</c>, <c>/usr/bin/google-chrome</c>, then the same
/// names on <c>PATH</c>. Nothing is ever downloaded.</remarks>
public static class ChromiumLocator
{
    /// <summary>Environment variable that names the browser executable explicitly.</summary>
    public const string EnvironmentVariable = "LANDSCAPER_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>Returns the browser executable, or null when none is installed.</summary>
    /// <exception cref="ChromiumNotFoundException"><c>LANDSCAPER_CHROMIUM</c> is set but names no file.</exception>
    public static string? TryFind()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
            return File.Exists(fromEnv)
                ? Path.GetFullPath(fromEnv)
                : throw new ChromiumNotFoundException($"{EnvironmentVariable} is set to '{fromEnv}', but no such file exists.");
        foreach (var name in Names)
        {
            string usrBin = Path.Combine("/usr/bin", name);
            if (File.Exists(usrBin)) return usrBin;
        }
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in Names)
            foreach (var dir in path)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Returns the browser executable.</summary>
    /// <exception cref="ChromiumNotFoundException">No browser is installed (the message says how to install one).</exception>
    public static string Find() => TryFind() ?? throw new ChromiumNotFoundException(
        "No Chromium or Chrome executable was found for static chart export (looked at $LANDSCAPER_CHROMIUM, /usr/bin/chromium, " +
        "/usr/bin/chromium-browser, /usr/bin/google-chrome and PATH). Install Debian's package (`apt-get install chromium`, " +
        "listed in environment/apt-packages.txt) or set LANDSCAPER_CHROMIUM to a browser executable.");

    /// <summary>Command-line arguments for a headless, offline, non-interactive browser; adds <c>--no-sandbox</c> when the
    /// process runs as root (Chromium refuses to start its sandbox as root).</summary>
    public static IReadOnlyList<string> HeadlessArguments()
    {
        var args = new List<string>
        {
            "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
        };
        if (Environment.IsPrivilegedProcess) args.Add("--no-sandbox");
        return args;
    }
}
