namespace Landscaper.Notebooks;

/// <summary>
/// Backs a sentence of a notebook that states a result with a check of the numbers that sentence is about:
/// <c>Claim.That(minima == 4, "Himmelblau's function has four minima on this grid")</c>. A true claim prints
/// "✓ statement" (so the executed notebook shows what was checked); a false one throws <see cref="ClaimFailedException"/>,
/// which fails the cell, the notebook run (non-zero exit code) and the test that runs it.
/// </summary>
public static class Claim
{
    /// <summary>Checks <paramref name="condition"/>; prints the statement when it holds.</summary>
    /// <param name="condition">The check.</param>
    /// <param name="statement">The sentence, as the notebook's prose states it.</param>
    /// <exception cref="ClaimFailedException"><paramref name="condition"/> is false.</exception>
    public static void That(bool condition, string statement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        if (!condition) throw new ClaimFailedException(statement);
        Console.WriteLine($"✓ {statement}");
    }

    /// <summary>Checks that <paramref name="value"/> lies in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <exception cref="ClaimFailedException">It does not (the message shows the value).</exception>
    public static void InRange(double value, double low, double high, string statement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        if (!(value >= low && value <= high))
            throw new ClaimFailedException($"{statement} (value {value:G6}, expected in [{low:G6}, {high:G6}])");
        Console.WriteLine($"✓ {statement} ({value:G4})");
    }
}

/// <summary>A notebook's stated result does not hold for the numbers it computed.</summary>
public sealed class ClaimFailedException(string statement) : Exception($"Claim failed: {statement}")
{
    /// <summary>The sentence that did not hold.</summary>
    public string Statement { get; } = statement;
}
