namespace Landscaper.Experiments;

/// <summary>A sentence of generated findings and a check that re-derives what it states from the rows by a separate route (so a
/// notebook can back it with <c>Claim.That(finding.Check(), finding.Sentence)</c>).</summary>
/// <param name="Sentence">The statement, with its numbers.</param>
/// <param name="Check">True when the numbers, recomputed, still say what the sentence says.</param>
public sealed record Finding(string Sentence, Func<bool> Check);
