using System.Globalization;

namespace Landscaper.Sampling;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> of a grid: shard i evaluates the contiguous flat range
/// [⌊i·N/n⌋, ⌊(i+1)·N/n⌋) of the C-order grid of N points. The n ranges are disjoint and cover the grid.
/// </summary>
/// <param name="Index">Shard number, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">Number of shards (≥ 1).</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole grid (shard 0 of 1).</summary>
    public static ShardSpec Whole => new(0, 1);

    /// <summary>Parses "i/n" (e.g. "3/8").</summary>
    /// <exception cref="FormatException">Not of the form i/n with 0 ≤ i &lt; n.</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && i < n)
            return new ShardSpec(i, n);
        throw new FormatException($"Shard '{text}' is not of the form i/n with 0 ≤ i < n (e.g. 0/4).");
    }

    /// <summary>Throws unless 0 ≤ Index &lt; Count.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid index or count.</exception>
    public void Validate(string paramName)
    {
        if (Count < 1 || Index < 0 || Index >= Count)
            throw new ArgumentOutOfRangeException(paramName, this, $"Shard {Index}/{Count} is invalid: need 0 ≤ i < n and n ≥ 1.");
    }

    /// <summary>Flat range [Start, End) of this shard in a grid of <paramref name="total"/> points.</summary>
    public (int Start, int End) Range(int total) =>
        ((int)((long)Index * total / Count), (int)((long)(Index + 1) * total / Count));

    /// <summary>"i/n".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
