using Plotly.NET;

namespace Landscaper.Visualization;

/// <summary>A 2-D view of an N-dimensional landscape together with its chart.</summary>
/// <param name="Landscape">The 2-D landscape (see <see cref="LandscapeSlices"/>).</param>
/// <param name="Chart">Its contour chart.</param>
public sealed record SlicedLandscape(Landscape Landscape, GenericChart Chart);
