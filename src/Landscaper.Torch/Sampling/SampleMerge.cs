namespace Landscaper.Sampling;

/// <summary>Joins shard files into one landscape, refusing incomplete, overlapping, missing or inconsistent sets.</summary>
public static class SampleMerge
{
    /// <summary>Reads and merges shard files.</summary>
    /// <param name="paths">One file per shard (any order).</param>
    /// <param name="policy">Non-finite policy applied to the merged values.</param>
    /// <param name="name">Landscape name.</param>
    /// <exception cref="InvalidDataException">Names the offending file: incomplete, from another run (model, directions, grid,
    /// scaling, quantity or shard count differ), a shard given twice, or shards missing.</exception>
    public static (Landscape Landscape, SampleFile Merged) Merge(IReadOnlyList<string> paths, NonFinitePolicy policy = NonFinitePolicy.Replace, string name = "")
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("No shard files given.", nameof(paths));
        var files = paths.Select(p => (Path: p, File: SampleFile.Read(p))).ToList();
        var first = files[0];
        var byIndex = new Dictionary<int, string>();
        foreach (var (path, file) in files)
        {
            if (!file.IsComplete)
                throw new InvalidDataException($"'{path}' is incomplete: {file.Done} of {file.Header.ShardPoints} points (shard {file.Header.ShardIndex}/{file.Header.ShardCount}). Resume it first.");
            if (file.Header.FirstDifference(first.File.Header) is { } diff)
                throw new InvalidDataException($"'{path}' does not belong with '{first.Path}': {diff} differs.");
            var expected = new ShardSpec(file.Header.ShardIndex, file.Header.ShardCount).Range(file.Header.GridCount);
            if (file.Header.ShardIndex < 0 || file.Header.ShardIndex >= file.Header.ShardCount || expected != (file.Header.Start, file.Header.End))
                throw new InvalidDataException($"'{path}' has an inconsistent shard placement ({file.Header.ShardIndex}/{file.Header.ShardCount}, range [{file.Header.Start}, {file.Header.End})).");
            if (!byIndex.TryAdd(file.Header.ShardIndex, path))
                throw new InvalidDataException($"'{path}' and '{byIndex[file.Header.ShardIndex]}' are both shard {file.Header.ShardIndex}/{file.Header.ShardCount} (overlap).");
        }
        int n = first.File.Header.ShardCount;
        if (byIndex.Count != n)
        {
            var missing = Enumerable.Range(0, n).Where(i => !byIndex.ContainsKey(i));
            throw new InvalidDataException($"Shards missing: {string.Join(", ", missing.Select(i => $"{i}/{n}"))} (got {byIndex.Count} of {n}).");
        }
        int total = first.File.Header.GridCount;
        var values = new double[total];
        foreach (var (_, file) in files) Array.Copy(file.Values, 0, values, file.Header.Start, file.Header.ShardPoints);
        var header = first.File.Header with { ShardIndex = 0, ShardCount = 1, Start = 0, End = total };
        var merged = new SampleFile(header, values, total);
        return (ToLandscape(merged, policy, name), merged);
    }

    /// <summary>The landscape of a complete whole-grid sample file (shard 0/1), with <paramref name="policy"/> applied.</summary>
    /// <exception cref="InvalidDataException">The file is incomplete or only a shard.</exception>
    public static Landscape ToLandscape(SampleFile file, NonFinitePolicy policy, string name = "")
    {
        ArgumentNullException.ThrowIfNull(file);
        var h = file.Header;
        if (h.ShardCount != 1 || h.Start != 0 || h.End != h.GridCount || !file.IsComplete)
            throw new InvalidDataException($"A landscape needs the complete grid; this file is shard {h.ShardIndex}/{h.ShardCount} with {file.Done} of {h.ShardPoints} points.");
        var meta = new LandscapeMetadata(name, h.Quantity, h.DirectionNames.ToArray());
        return new Landscape(file.Values, h.Coordinates, meta).WithNonFinitePolicy(policy);
    }
}
