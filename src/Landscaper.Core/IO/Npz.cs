using System.IO.Compression;

namespace Landscaper.IO;

/// <summary>
/// Reads and writes NumPy <c>.npz</c> archives (a zip of <c>name.npy</c> entries), and landscapes stored in them
/// the way the Python Landscaper package stores them.
/// </summary>
/// <remarks>
/// <para><b>Archives.</b> Entries may be stored or deflated (<c>numpy.savez</c> / <c>numpy.savez_compressed</c>).
/// An entry <c>name.npy</c> becomes key <c>name</c>; directory entries and entries not ending in <c>.npy</c> are
/// skipped. Every format problem — a corrupt zip, a bad entry, a truncated or over-long array — is reported as an
/// <see cref="NpyFormatException"/> naming the archive and entry.</para>
/// <para><b>Landscape files.</b> <c>LossLandscape.save</c> writes <c>loss</c> (float64, shape <c>steps^dim</c>,
/// C order) and <c>coordinates</c> (float64, <c>dim × steps</c>, one row per axis). Axis k of <c>loss</c> is
/// read as coordinate row k ('ij' convention, see <see cref="Landscape"/>); the Python package's 'xy' meshgrid
/// swaps axes 0 and 1, which is only a relabelling because its axes are all equal.</para>
/// <para><b>Unequal axes (extension).</b> A <c>dim × steps</c> array cannot hold axes of different lengths, so for
/// such landscapes this library writes <c>coordinates_0</c> … <c>coordinates_{dim−1}</c> (one 1-D float64 array
/// per axis) instead of <c>coordinates</c>, and reads either form. Files with equal axes are always written in the
/// standard form, so the Python package can read them; it cannot read the ragged form.</para>
/// </remarks>
public static class Npz
{
    /// <summary>Key of the loss array in a landscape file.</summary>
    public const string LossKey = "loss";

    /// <summary>Key of the <c>dim × steps</c> coordinate array in a landscape file.</summary>
    public const string CoordinatesKey = "coordinates";

    /// <summary>Prefix of the per-axis coordinate arrays (<c>coordinates_0</c>, …) written for unequal axes.</summary>
    public const string AxisCoordinatesPrefix = "coordinates_";

    private const string NpyExtension = ".npy";

    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Reads every <c>.npy</c> entry of an archive file.</summary>
    /// <param name="path">Path of the <c>.npz</c> file.</param>
    /// <returns>Arrays keyed by entry name without the <c>.npy</c> extension, in archive order.</returns>
    /// <param name="limits">Memory ceiling per array (<see cref="NpyReadLimits.Default"/> when null).</param>
    /// <exception cref="NpyFormatException">The file is not a valid zip; an entry is not a valid supported array, its size
    /// differs from what its header declares, or its CRC-32 does not match (a corrupt file); or an array is above the
    /// memory ceiling.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path, NpyReadLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Read(fs, Path.GetFileName(path), limits ?? NpyReadLimits.Default);
    }

    /// <summary>Reads every <c>.npy</c> entry of an archive held in a stream (left open).</summary>
    /// <param name="stream">A readable stream positioned at the start of the archive; seekable streams avoid buffering.</param>
    /// <returns>Arrays keyed by entry name without the <c>.npy</c> extension, in archive order.</returns>
    /// <exception cref="NpyFormatException">The data is not a valid zip, or an entry is not a valid supported array.</exception>
    public static IReadOnlyDictionary<string, NpyArray> Read(Stream stream) => Read(stream, "npz stream", NpyReadLimits.Default);

    private static Dictionary<string, NpyArray> Read(Stream stream, string source, NpyReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var result = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        string current = source;
        if (!stream.CanSeek)
        {
            var buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
            stream = buffered;
        }
        try
        {
            ZipStructure.Validate(stream, source);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                string name = entry.FullName;
                if (name.EndsWith('/') || !name.EndsWith(NpyExtension, StringComparison.Ordinal)) continue;
                current = $"{source} › {name}";
                string key = name[..^NpyExtension.Length];
                if (result.ContainsKey(key))
                    throw new NpyFormatException(current, $"duplicate entry for array '{key}'", null);
                using var es = new CheckedEntryStream(entry.Open(), entry.Length);
                var array = Npy.Read(es, entry.Length, current, sizeVerified: false, limits, exact: true);
                if (es.ReadByte() != -1 || es.Overrun)
                    throw new NpyFormatException(current, "the entry decompresses to more bytes than it declares (a corrupt or malicious archive)", null);
                if (es.BytesRead != entry.Length)
                    throw new NpyFormatException(current, $"the entry declares {entry.Length} bytes but its array uses {es.BytesRead}", null);
                if (es.Crc != entry.Crc32)
                    throw new NpyFormatException(current,
                        $"CRC-32 mismatch (the archive says {entry.Crc32:X8}, the data gives {es.Crc:X8}): the file is corrupt; restore or recompute it", null);
                result.Add(key, array);
                current = source;
            }
        }
        catch (Exception e) when (IsArchiveDataError(e))
        {
            string what = ReferenceEquals(current, source) ? "not a valid zip archive" : "corrupt zip entry";
            throw new NpyFormatException(current, $"{what}: {e.Message}", e);
        }
        return result;
    }

    /// <summary>Errors the zip and decompression layers raise for corrupt data: bad headers, offsets, CRCs or deflate
    /// streams (<see cref="InvalidDataException"/>), an archive cut short, or an unsupported compression method.</summary>
    private static bool IsArchiveDataError(Exception e) =>
        e is InvalidDataException or EndOfStreamException or NotSupportedException;

    /// <summary>Writes arrays to an archive file atomically (<see cref="AtomicFile"/>).</summary>
    /// <param name="path">Destination path.</param>
    /// <param name="arrays">Arrays keyed by name; each is stored as <c>name.npy</c> in its dtype, C order.</param>
    /// <param name="compress">False (default) stores entries like <c>numpy.savez</c>; true deflates them like <c>numpy.savez_compressed</c>.</param>
    /// <param name="overwrite">Replace an existing file (default); false refuses with an <see cref="IOException"/>.</param>
    /// <exception cref="ArgumentException">An empty or null name, or a value its dtype cannot store.</exception>
    /// <exception cref="IOException">The file cannot be written (or exists and <paramref name="overwrite"/> is false).</exception>
    public static void Write(string path, IReadOnlyDictionary<string, NpyArray> arrays, bool compress = false, bool overwrite = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(arrays);
        ValidateNames(arrays);
        AtomicFile.Write(path, fs => Write(fs, arrays, compress), overwrite);
    }

    /// <summary>Writes arrays as an archive to a stream (left open).</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="arrays">Arrays keyed by name; each is stored as <c>name.npy</c> in its dtype, C order.</param>
    /// <param name="compress">False (default) stores entries; true deflates them.</param>
    /// <exception cref="ArgumentException">An empty or null name.</exception>
    public static void Write(Stream stream, IReadOnlyDictionary<string, NpyArray> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(arrays);
        ValidateNames(arrays);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, array) in arrays)
        {
            var entry = zip.CreateEntry(name + NpyExtension, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
            // A fixed time stamp (the zip epoch, as numpy.savez writes): equal arrays give byte-identical archives.
            entry.LastWriteTime = ZipEpoch;
            using var es = entry.Open();
            Npy.Write(es, array);
        }
    }

    private static void ValidateNames(IReadOnlyDictionary<string, NpyArray> arrays)
    {
        foreach (var (name, array) in arrays)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("Array names must be non-empty.", nameof(arrays));
            if (name.Contains('\0') || name.EndsWith('/'))
                throw new ArgumentException($"Array name '{name}' contains a NUL character or ends with '/'.", nameof(arrays));
            if (array is null)
                throw new ArgumentException($"Array '{name}' is null.", nameof(arrays));
        }
    }

    /// <summary>Reads a landscape file written by the Python package's <c>LossLandscape.save</c> or by <see cref="WriteLandscape(string, Landscape)"/>.</summary>
    /// <param name="path">Path of the <c>.npz</c> file.</param>
    /// <returns>The landscape (values as float64; metadata empty, as the file stores none).</returns>
    /// <exception cref="NpyFormatException">A corrupt archive, a missing <c>loss</c> or coordinate array, shapes that do not
    /// match, or coordinates that are not finite and strictly increasing.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Landscape ReadLandscape(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        string source = Path.GetFileName(path);
        return ToLandscape(Read(fs, source, NpyReadLimits.Default), source);
    }

    /// <summary>Reads a landscape archive from a stream (left open).</summary>
    /// <param name="stream">A readable stream positioned at the start of the archive.</param>
    /// <exception cref="NpyFormatException">See <see cref="ReadLandscape(string)"/>.</exception>
    public static Landscape ReadLandscape(Stream stream) => ToLandscape(Read(stream, "npz stream", NpyReadLimits.Default), "npz stream");

    /// <summary>Builds a landscape from the arrays of a landscape archive (<c>loss</c> plus <c>coordinates</c>, or
    /// <c>coordinates_0</c> … for unequal axes). Other keys are ignored.</summary>
    /// <param name="arrays">The archive's arrays.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <exception cref="NpyFormatException">Missing keys, mismatched shapes, or invalid coordinates.</exception>
    public static Landscape ToLandscape(IReadOnlyDictionary<string, NpyArray> arrays, string source = "npz")
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (!arrays.TryGetValue(LossKey, out var loss))
            throw Fail(source, $"missing the '{LossKey}' array (a landscape file holds '{LossKey}' and '{CoordinatesKey}')");
        int d = loss.Rank;
        if (d == 0)
            throw Fail(source, $"'{LossKey}' is 0-dimensional; a landscape needs at least one axis");
        for (int k = 0; k < d; k++)
            if (loss.Shape[k] == 0)
                throw Fail(source, $"'{LossKey}' has shape {NpyArray.FormatShape(loss.ShapeArray)}: axis {k} is empty");

        bool hasMatrix = arrays.TryGetValue(CoordinatesKey, out var matrix);
        bool hasAxes = arrays.ContainsKey(AxisCoordinatesPrefix + "0");
        if (hasMatrix && hasAxes)
            throw Fail(source, $"both '{CoordinatesKey}' and '{AxisCoordinatesPrefix}0' are present; the coordinates are ambiguous");
        var axes = new double[d][];
        if (hasMatrix)
        {
            var m = matrix!;
            var values = m.ValuesArray;
            if (m.Rank == 2)
            {
                if (m.Shape[0] != d)
                    throw Fail(source, $"'{CoordinatesKey}' has shape {NpyArray.FormatShape(m.ShapeArray)} ({m.Shape[0]} rows) but '{LossKey}' has {d} dimensions {NpyArray.FormatShape(loss.ShapeArray)}");
                int steps = (int)m.Shape[1];
                for (int k = 0; k < d; k++)
                {
                    if (loss.Shape[k] != steps)
                        throw Fail(source, $"'{LossKey}' axis {k} has {loss.Shape[k]} points but the rows of '{CoordinatesKey}' have {steps} (shapes {NpyArray.FormatShape(loss.ShapeArray)} and {NpyArray.FormatShape(m.ShapeArray)})");
                    axes[k] = values.AsSpan(k * steps, steps).ToArray();
                }
            }
            else if (m.Rank == 1 && d == 1)
            {
                if (m.Shape[0] != loss.Shape[0])
                    throw Fail(source, $"'{LossKey}' has {loss.Shape[0]} points but '{CoordinatesKey}' has {m.Shape[0]}");
                axes[0] = (double[])values.Clone();
            }
            else
            {
                throw Fail(source, $"'{CoordinatesKey}' must be a 2-D array (dimensions × steps) but has shape {NpyArray.FormatShape(m.ShapeArray)}");
            }
        }
        else if (hasAxes)
        {
            for (int k = 0; k < d; k++)
            {
                string key = AxisCoordinatesPrefix + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!arrays.TryGetValue(key, out var axis))
                    throw Fail(source, $"missing '{key}': '{LossKey}' has {d} dimensions, so '{AxisCoordinatesPrefix}0' … '{AxisCoordinatesPrefix}{d - 1}' are needed");
                if (axis.Rank != 1)
                    throw Fail(source, $"'{key}' must be 1-D but has shape {NpyArray.FormatShape(axis.ShapeArray)}");
                if (axis.Shape[0] != loss.Shape[k])
                    throw Fail(source, $"'{LossKey}' axis {k} has {loss.Shape[k]} points but '{key}' has {axis.Shape[0]}");
                axes[k] = (double[])axis.ValuesArray.Clone();
            }
            string extra = AxisCoordinatesPrefix + d.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (arrays.ContainsKey(extra))
                throw Fail(source, $"'{extra}' is present but '{LossKey}' has only {d} dimensions");
        }
        else
        {
            throw Fail(source, $"missing the '{CoordinatesKey}' array (or '{AxisCoordinatesPrefix}0' … for unequal axes)");
        }

        try
        {
            return new Landscape(loss.Values.Span, axes);
        }
        catch (ArgumentException e)
        {
            throw new NpyFormatException(source, $"invalid landscape: {e.Message}", e);
        }
    }

    /// <summary>Writes a landscape exactly as the Python package's <c>LossLandscape.save</c> does: float64 <c>loss</c>
    /// (the grid shape, C order) and <c>coordinates</c> (<c>dim × steps</c>), stored uncompressed. Landscapes with
    /// unequal axes get <c>coordinates_0</c> … instead (see the type remarks). Metadata is not stored. Atomic.</summary>
    /// <param name="path">Destination path (overwritten if it exists).</param>
    /// <param name="landscape">The landscape to write.</param>
    public static void WriteLandscape(string path, Landscape landscape) => Write(path, ToArrays(landscape));

    /// <summary>Writes a landscape archive to a stream (left open); see <see cref="WriteLandscape(string, Landscape)"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="landscape">The landscape to write.</param>
    public static void WriteLandscape(Stream stream, Landscape landscape) => Write(stream, ToArrays(landscape));

    /// <summary>The arrays a landscape file holds: <c>loss</c> and <c>coordinates</c> (equal axes) or
    /// <c>loss</c> and <c>coordinates_0</c> … (unequal axes).</summary>
    /// <param name="landscape">The landscape.</param>
    public static IReadOnlyDictionary<string, NpyArray> ToArrays(Landscape landscape)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        int d = landscape.Dimensions;
        var shape = new long[d];
        for (int k = 0; k < d; k++) shape[k] = landscape.Shape[k];
        var result = new Dictionary<string, NpyArray>(StringComparer.Ordinal)
        {
            [LossKey] = new NpyArray(NpyDtype.Float64, shape, landscape.ValuesArray.ToArray(), false, validate: false),
        };
        int steps = landscape.Shape[0];
        if (landscape.Shape.All(n => n == steps))
        {
            var coords = new double[d * steps];
            for (int k = 0; k < d; k++) landscape.Coordinates(k).CopyTo(coords.AsSpan(k * steps));
            result[CoordinatesKey] = new NpyArray(NpyDtype.Float64, [d, steps], coords, false, validate: false);
        }
        else
        {
            for (int k = 0; k < d; k++)
                result[AxisCoordinatesPrefix + k.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                    new NpyArray(NpyDtype.Float64, [landscape.Shape[k]], landscape.Coordinates(k).ToArray(), false, validate: false);
        }
        return result;
    }

    private static NpyFormatException Fail(string source, string problem) => new(source, problem, null);
}
