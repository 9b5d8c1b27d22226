namespace Landscaper.Experiments;

/// <summary>One landscape of a <see cref="MultiScaleAnalysis"/>: its grid dimension, half-width and topological summary. Immutable.</summary>
/// <param name="Dimensions">2 or 3 (top-2 or top-3 Hessian eigen-directions).</param>
/// <param name="Distance">Half-width of every axis, relative to ‖θ‖ (Python-compatible scaling).</param>
/// <param name="Summary">The landscape and its SMAD, minima and persistence.</param>
public sealed record ScaledLandscape(int Dimensions, double Distance, LandscapeSummary Summary);
