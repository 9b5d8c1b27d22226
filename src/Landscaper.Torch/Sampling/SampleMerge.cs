using Landscaper.IO;

namespace Landscaper.Sampling;

/// <summary>Joins the shards of a run into the whole grid, and writes and reads landscape files that carry the run's
/// identity.</summary>
public static class SampleMerge
{
    /// <summary>Reads every shard file, checks that they are complete, belong to the same run (same model, data,
    /// directions, grid, settings) and cover the grid exactly once, and joins them.</summary>
    /// <param name="paths">One file per shard, any order.</param>
    /// <param name="policy">Non-finite policy applied to the landscape (the merged sample file keeps the raw values).</param>
    /// <param name="name">Landscape name.</param>
    /// <exception cref="ArgumentException">No paths.</exception>
    /// <exception cref="InvalidDataException">An incomplete shard, shards of different runs, a shard given twice, a
    /// missing shard (named), or an inconsistent placement.</exception>
    /// <exception cref="NpyFormatException">A file that is not a sample file, or is corrupt.</exception>
    public static (Landscape Landscape, SampleFile Merged) Merge(IReadOnlyList<string> paths, NonFinitePolicy policy = NonFinitePolicy.Replace, string name = "")
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("No shard files given.", nameof(paths));
        var files = paths.Select(p => (Path: p, File: SampleFile.Read(p))).ToList();
        var first = files[0];
        var byIndex = new Dictionary<int, string>();
        foreach (var (path, file) in files)
        {
            if (file.Header.FirstDifference(first.File.Header) is { } diff)
                throw new InvalidDataException($"'{path}' does not belong with '{first.Path}': {diff} differs.");
            if (!file.IsComplete)
                throw new InvalidDataException($"'{path}' is incomplete: {file.Done} of {file.Header.ShardPoints} points (shard {file.Header.ShardIndex}/{file.Header.ShardCount}). Resume it first (sample … --resume).");
            var expected = new ShardSpec(file.Header.ShardIndex, file.Header.ShardCount).Range(file.Header.GridCount);
            if (file.Header.ShardIndex < 0 || file.Header.ShardIndex >= file.Header.ShardCount || expected != (file.Header.Start, file.Header.End))
                throw new InvalidDataException($"'{path}' has an inconsistent shard placement ({file.Header.ShardIndex}/{file.Header.ShardCount}, range [{file.Header.Start}, {file.Header.End})).");
            if (!byIndex.TryAdd(file.Header.ShardIndex, path))
                throw new InvalidDataException($"'{path}' and '{byIndex[file.Header.ShardIndex]}' are both shard {file.Header.ShardIndex}/{file.Header.ShardCount} (overlap).");
        }
        int n = first.File.Header.ShardCount;
        if (byIndex.Count != n)
        {
            var missing = Enumerable.Range(0, n).Where(i => !byIndex.ContainsKey(i)).ToArray();
            throw new InvalidDataException($"Shard{(missing.Length > 1 ? "s" : "")} missing: {string.Join(", ", missing.Select(i => $"{i}/{n}"))} (got {byIndex.Count} of {n}).");
        }
        int total = first.File.Header.GridCount;
        var values = new double[total];
        foreach (var (_, file) in files) Array.Copy(file.Values, 0, values, file.Header.Start, file.Header.ShardPoints);
        var merged = new SampleFile(first.File.Header.Whole(), values, total);
        return (ToLandscape(merged, policy, name), merged);
    }

    /// <summary>The landscape of a complete whole-grid sample file, after the non-finite policy.</summary>
    /// <exception cref="InvalidDataException">Not the whole grid, or incomplete.</exception>
    public static Landscape ToLandscape(SampleFile file, NonFinitePolicy policy, string name = "")
    {
        ArgumentNullException.ThrowIfNull(file);
        var h = file.Header;
        if (h.ShardCount != 1 || h.Start != 0 || h.End != h.GridCount || !file.IsComplete)
            throw new InvalidDataException($"A landscape needs the complete grid; this file is shard {h.ShardIndex}/{h.ShardCount} with {file.Done} of {h.ShardPoints} points.");
        var meta = new LandscapeMetadata(name, h.Quantity, h.DirectionNames.ToArray());
        return new Landscape(file.Values, h.Coordinates, meta).WithNonFinitePolicy(policy);
    }

    /// <summary>Writes a landscape file (<c>loss</c> and coordinates as the Python package writes them, plus the run's
    /// <c>metadata</c>) atomically. Equal inputs give byte-identical files: nothing time- or machine-dependent is stored.</summary>
    /// <param name="path">Target <c>.npz</c>.</param>
    /// <param name="landscape">The values.</param>
    /// <param name="header">The run's identity (whole grid).</param>
    /// <param name="overwrite">Replace an existing file.</param>
    public static void WriteLandscape(string path, Landscape landscape, SampleFileHeader header, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(header);
        var arrays = new Dictionary<string, NpyArray>(Npz.ToArrays(landscape), StringComparer.Ordinal)
        {
            ["metadata"] = SampleFile.MetadataArray(header.Whole()),
        };
        Npz.Write(path, arrays, compress: false, overwrite);
    }

    /// <summary>The run identity recorded in a landscape or sample file, or null for a file without one (e.g. written
    /// by the Python package).</summary>
    /// <exception cref="NpyFormatException">Corrupt file or metadata.</exception>
    public static SampleFileHeader? ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return SampleFile.HeaderOf(Npz.Read(path), Path.GetFileName(path));
    }
}
