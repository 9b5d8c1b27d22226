namespace Landscaper.FineTuning;

/// <summary>A per-checkpoint quantity of the language-model experiment: column name, words for sentences and charts, and how to read it
/// from a row (NaN when absent). Immutable.</summary>
/// <param name="Name">Column name, e.g. <c>smad_2d_0.05</c>.</param>
/// <param name="Description">Words, e.g. "SMAD (plain), 2-D landscape, distance 0.05".</param>
/// <param name="Value">The value of a row.</param>
/// <param name="IsCurvature">λ_max or trace (the curvature metrics SMAD is compared with).</param>
public sealed record LanguageModelMetric(string Name, string Description, Func<LanguageModelRow, double> Value, bool IsCurvature = false);
