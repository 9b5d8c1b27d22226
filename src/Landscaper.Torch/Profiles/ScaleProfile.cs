using System.Diagnostics;
using Landscaper.Data;
using Landscaper.Metrics;
using Landscaper.ParameterSpace;
using Landscaper.Sampling;
using Landscaper.Topology;
using TorchSharp;

namespace Landscaper.Profiles;

/// <summary>
/// How the topology of a loss landscape depends on the radius it is sampled at: SMAD (three variants), the number of
/// minima and the total persistence at every radius of a ladder, for the same directions (one sampling pass per radius).
/// A single radius is one arbitrary choice — the Python package's default moved from 1.0 to 0.01 of ‖θ0‖ — and at small
/// radii most trained networks are one bowl (SMAD 0); the profile shows where structure appears.
/// </summary>
public static class ScaleProfile
{
    /// <summary>Samples and analyses the landscape of <paramref name="directions"/> at every radius of <paramref name="options"/>.</summary>
    /// <param name="directions">Directions (at least <see cref="ScaleProfileOptions.Dimensions"/>); their selection's module is the model.</param>
    /// <param name="batches">The data the quantity is evaluated on.</param>
    /// <param name="options">Radii, convention, grid.</param>
    /// <param name="progress">Receives one line per radius (optional).</param>
    /// <param name="cancellationToken">Checked between points.</param>
    /// <returns>One point per radius, in order.</returns>
    /// <exception cref="ArgumentException">Bad options, too few directions, or ‖θ0‖ = 0.</exception>
    public static IReadOnlyList<ScalePoint> Compute(DirectionSet directions, IReadOnlyList<Batch> batches, ScaleProfileOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (directions.Count < options.Dimensions)
            throw new ArgumentException($"The profile is {options.Dimensions}-dimensional but only {directions.Count} direction(s) were given.", nameof(directions));
        double thetaNorm = ThetaNorm(directions.Selection);
        if (!(thetaNorm > 0)) throw new ArgumentException("‖θ0‖ is zero: radii relative to it, and the layer-normalised directions, are undefined.", nameof(directions));
        var set = directions.Take(options.Dimensions);
        var points = new List<ScalePoint>(options.Radii.Count);
        foreach (double radius in options.Radii)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            double distance = options.Convention == RadiusConvention.Relative ? radius : radius / thetaNorm;
            var sampling = new SamplingOptions(SamplingGrid.Symmetric(options.Dimensions, options.Steps, distance))
            {
                Scale = SamplingScale.PythonCompatible,
                Function = options.Function ?? ScalarFunction.Loss,
                NonFinite = NonFinitePolicy.Replace,
                EstimateEvaluations = 1,
                Name = $"r = {radius:G3} ({options.Convention.ToString().ToLowerInvariant()})",
            };
            var run = new LandscapeSampler(set, batches, sampling).Run(null, cancellationToken);
            var landscape = run.Landscape!;
            var analysis = LandscapeTopology.Analyze(landscape, new TopologyOptions(options.Connectivity, NonFinitePolicy.Replace));
            var point = new ScalePoint(options.Convention, radius, distance, distance * thetaNorm, thetaNorm, analysis.SublevelTree.LeafCount, analysis.Smad,
                analysis.MinimumDiagram.FinitePairs.Sum(p => p.Persistence), analysis.PersistenceRange, analysis.ValueRange, run.CentreValue,
                sw.Elapsed.TotalSeconds, options.KeepLandscapes ? landscape : null);
            points.Add(point);
            progress?.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"r = {radius:G3} ({options.Convention.ToString().ToLowerInvariant()}, half-width {point.HalfWidth:G3}): {point.Minima} minima, SMAD {point.Smad.Plain:G4}, {point.Seconds:F1} s"));
        }
        return points;
    }

    /// <summary>‖θ0‖: the L2 norm of the selected parameters (float64 accumulation).</summary>
    public static double ThetaNorm(ParameterSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        double sq = 0;
        foreach (var p in selection.Parameters)
        {
            using var s = p.detach().to_type(TorchSharp.torch.ScalarType.Float64).square().sum();
            sq += s.ToDouble();
        }
        return Math.Sqrt(sq);
    }
}
