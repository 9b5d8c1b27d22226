using System.Globalization;
using System.Text;

namespace Landscaper.IO;

/// <summary>
/// The one way Landscaper writes files: the content goes to a temporary file in the target's folder
/// (<c>.NAME.PID.GUID.tmp</c>, held open exclusively while written), is flushed to disk, then renamed over the target,
/// so a reader sees the old file or the new one, never half of one. A temporary file is deleted only by its own writer,
/// or by <see cref="DeleteOrphanedTemporaries"/> once its writer process is provably gone.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes the bytes produced by <paramref name="write"/> to <paramref name="path"/> atomically, creating the
    /// folder if needed.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="overwrite">Replace an existing target (default); when false an existing target is an
    /// <see cref="IOException"/> and is left untouched.</param>
    /// <exception cref="IOException">The folder or file cannot be written, the target is a directory, or it exists and
    /// <paramref name="overwrite"/> is false. Nothing is left behind.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to write in the folder.</exception>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(write);
        string target = Prepare(path);
        string temp = TemporaryName(target);
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool overwrite = true)
    {
        byte[] copy = bytes.ToArray();
        Write(path, s => s.Write(copy), overwrite);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text, bool overwrite = true)
        => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text), overwrite);

    /// <summary>A fresh temporary name beside <paramref name="target"/>: <c>.NAME.PID.GUID.tmp</c>.</summary>
    public static string TemporaryName(string target) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!,
            string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"));

    /// <summary>Deletes temporary files that writers of <paramref name="path"/> left behind when they were killed: only
    /// those whose writer process no longer exists and which nobody holds open. A temporary of a live writer is never
    /// touched, whoever calls this.</summary>
    /// <returns>How many were deleted.</returns>
    public static int DeleteOrphanedTemporaries(string path)
    {
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir)) return 0;
        string prefix = $".{Path.GetFileName(full)}.";
        int deleted = 0;
        foreach (var file in Directory.EnumerateFiles(dir, prefix + "*.tmp"))
        {
            string middle = Path.GetFileName(file)[prefix.Length..^4]; // PID.GUID
            int dot = middle.IndexOf('.');
            if (dot <= 0 || !int.TryParse(middle[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (ProcessIsAlive(pid)) continue;
            try
            {
                // An exclusive open fails while anyone still holds the file (FileShare.None is an flock on Unix).
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(file);
                deleted++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return deleted;
    }

    /// <summary>True when a process with id <paramref name="pid"/> exists (on Linux: <c>/proc/PID</c>).</summary>
    internal static bool ProcessIsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        if (OperatingSystem.IsLinux()) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private static string Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new IOException($"{full} is a directory; give a file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
