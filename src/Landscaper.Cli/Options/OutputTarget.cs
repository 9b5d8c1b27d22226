using System.Globalization;
using System.Text;
using Landscaper.Cli.Output;
using Landscaper.IO;

namespace Landscaper.Cli.Options;

/// <summary>
/// The output file of a command, checked before any work and held exclusively while the command runs.
/// </summary>
/// <remarks>
/// <para>Checks (all before training, Hessian work or sampling): the name ends in <c>.npz</c> (so it can never be the
/// JSON report's name, <c>NAME.json</c>); it is not a directory; its folder exists or is created, and a file can be
/// created in it.</para>
/// <para>Exclusivity: <see cref="Acquire"/> takes an exclusive lock on <c>.NAME.lock</c> beside the output (an OS file
/// lock, released when the process ends, even by kill -9) and records the holder in <c>.NAME.lock.info</c>. A second
/// command writing the same output fails at once and names the holder. The lock file stays (it is empty and harmless):
/// deleting it could let two processes lock two different files of the same name.</para>
/// </remarks>
public sealed class OutputTarget : IDisposable
{
    private FileStream? _lock;

    private OutputTarget(string path) => Path = path;

    /// <summary>The full path of the output.</summary>
    public string Path { get; }

    /// <summary>The JSON report written beside the output: <c>NAME.json</c> for <c>NAME.npz</c>.</summary>
    public string ReportPath => System.IO.Path.ChangeExtension(Path, ".json");

    /// <summary>The checkpoint of an interrupted run: <c>NAME.npz.partial</c>.</summary>
    public string CheckpointPath => Path + ".partial";

    private string LockPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, $".{System.IO.Path.GetFileName(Path)}.lock");

    private string LockInfoPath => LockPath + ".info";

    /// <summary>Checks <paramref name="path"/> (given as <c>--out</c>) and creates its folder.</summary>
    /// <exception cref="CliException">Empty, not <c>.npz</c>, a directory, or a folder that cannot be created or written.</exception>
    public static OutputTarget Check(string? path, string option = "--out")
    {
        if (string.IsNullOrWhiteSpace(path)) throw new CliException($"{option} is required: give the output file, e.g. {option} result.npz.");
        string full;
        try { full = System.IO.Path.GetFullPath(path); }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CliException($"{option} '{path}' is not a valid path.", inner: ex);
        }
        if (Directory.Exists(full)) throw new CliException($"{option} '{path}' is a directory; give a file name inside it, e.g. {System.IO.Path.Combine(path, "result.npz")}.");
        if (!full.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
            throw new CliException($"{option} '{path}' must end in .npz (results are NumPy archives; the JSON report goes to NAME.json beside it).");
        string folder = System.IO.Path.GetDirectoryName(full)!;
        if (File.Exists(folder)) throw new CliException($"{option} '{path}': '{folder}' is a file, not a folder.");
        try
        {
            Directory.CreateDirectory(folder);
            string probe = AtomicFile.TemporaryName(System.IO.Path.Combine(folder, ".landscaper-write-test"));
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CliException($"{option} '{path}': cannot write in '{folder}' ({ex.Message.TrimEnd('.')}); choose a folder you can write to.", inner: ex);
        }
        return new OutputTarget(full);
    }

    /// <summary>Takes the exclusive lock on the output for this process.</summary>
    /// <param name="command">What holds it (recorded for the message another process gets).</param>
    /// <exception cref="CliException">Another process holds it (named).</exception>
    public OutputTarget Acquire(string command)
    {
        try
        {
            _lock = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex)
        {
            string holder = File.Exists(LockInfoPath) ? SafeRead(LockInfoPath) : "another process";
            throw new CliException($"'{Path}' is being written by {holder}; wait for it to finish or choose another --out.", inner: ex);
        }
        string info = string.Create(CultureInfo.InvariantCulture,
            $"landscaper {command} (pid {Environment.ProcessId} on {Environment.MachineName}, started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC)");
        AtomicFile.WriteAllText(LockInfoPath, info);
        // Holding the lock, remove what killed writers of these files left behind (never a live writer's temporaries).
        foreach (var file in new[] { Path, CheckpointPath, ReportPath }) AtomicFile.DeleteOrphanedTemporaries(file);
        return this;
    }

    private static string SafeRead(string path)
    {
        try { return File.ReadAllText(path, Encoding.UTF8).Trim(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return "another process"; }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (_lock is null) return;
        try { File.Delete(LockInfoPath); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        _lock.Dispose();
        _lock = null;
    }
}
