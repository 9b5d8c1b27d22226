namespace Landscaper.Chemistry;

/// <summary>
/// Invalid SMILES. The message names the 0-based character <see cref="Position"/> and what was expected, e.g.
/// "unclosed ring 1 opened at position 3" or "unexpected ')' at position 7".
/// </summary>
public sealed class SmilesException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Human-readable reason, including the position.</param>
    /// <param name="position">0-based character position in the SMILES the problem is attributed to.</param>
    /// <param name="smiles">The SMILES being parsed.</param>
    public SmilesException(string message, int position, string smiles)
        : base($"{message} (SMILES \"{smiles}\")")
    {
        Reason = message;
        Position = position;
        Smiles = smiles;
    }

    /// <summary>The reason without the SMILES appended.</summary>
    public string Reason { get; }

    /// <summary>0-based character position the error is attributed to.</summary>
    public int Position { get; }

    /// <summary>The SMILES that failed to parse.</summary>
    public string Smiles { get; }
}
