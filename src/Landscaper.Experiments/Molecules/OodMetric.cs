namespace Landscaper.Molecules;

/// <summary>A per-model quantity of a <see cref="MolecularOodResult"/> that is tested as a predictor of OOD error. Immutable.</summary>
/// <param name="Name">Column name, e.g. <c>smad_2d_0.5</c>.</param>
/// <param name="Description">Plain words, e.g. "SMAD (plain), 2-D landscape, distance 0.5".</param>
/// <param name="Value">The value of a row (NaN when it does not apply).</param>
public sealed record OodMetric(string Name, string Description, Func<MolecularOodRow, double> Value);
