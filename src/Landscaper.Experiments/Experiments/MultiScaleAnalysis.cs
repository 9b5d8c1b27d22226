using System.Diagnostics;
using System.Globalization;
using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Metrics;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using Landscaper.Sampling;
using Landscaper.Topology;
using static TorchSharp.torch;

namespace Landscaper.Experiments;

/// <summary>
/// <see cref="CheckpointAnalysis"/> at several grid half-widths from one eigen-decomposition: the top-k Hessian eigenpairs
/// (Lanczos) and the trace (Hutch++) once, then the loss landscape in the top-2 (and top-3) eigen-directions at every distance of
/// <see cref="MultiScaleAnalysisOptions.Distances"/> with the Python package's scaling, and the topology of each (SMAD plain,
/// normalised and weighted; minima; persistence).
/// </summary>
public static class MultiScaleAnalysis
{
    /// <summary>Analyses <paramref name="model"/> at its current parameters (left unchanged; evaluated in eval mode).</summary>
    /// <param name="model">Any <c>nn.Module&lt;Tensor, Tensor&gt;</c> whose batches imply a loss (<see cref="BatchLoss"/>).</param>
    /// <param name="batches">Batches the loss, Hessian and landscapes are computed on (not empty).</param>
    /// <param name="options">Settings (validated).</param>
    /// <param name="progress">One line per stage (optional).</param>
    /// <param name="cancellationToken">Checked between stages and grid points.</param>
    /// <exception cref="ArgumentException">No batches, invalid options, or fewer parameters than TopK.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="HessianException">A Hessian-vector product failed (non-finite loss or product).</exception>
    public static MultiScaleAnalysisResult Run(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches, MultiScaleAnalysisOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        if (batches.Count == 0) throw new ArgumentException("At least one analysis batch is needed.", nameof(batches));
        options.Validate(nameof(options));
        TorchNative.EnsureLoaded();
        var total = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        cancellationToken.ThrowIfCancellationRequested();

        using var op = HessianOperator.ForModel(model, batches);
        if (op.Dimension < options.TopK)
            throw new ArgumentException($"The model has {op.Dimension} parameters, fewer than TopK = {options.TopK}.", nameof(model));
        var lanczosOptions = (options.Lanczos ?? new LanczosOptions()) with { Seed = options.Seed, Which = SpectrumEnd.Largest };
        var eigen = Lanczos.TopEigenpairs(op, options.TopK, lanczosOptions);
        progress?.Report($"lanczos: λ = [{string.Join(", ", eigen.Eigenvalues.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))}], {eigen.Hvps} HVPs, converged {eigen.Converged}");
        cancellationToken.ThrowIfCancellationRequested();
        var trace = TraceEstimator.HutchPlusPlus(op, options.TraceBudget, options.Seed);
        progress?.Report($"hutch++: trace = {trace.Value:G4} ± {trace.StandardError:G2}");

        var directions = eigen.ToDirectionSet(op.Selection);
        var landscapes = new List<ScaledLandscape>();
        foreach (var (dims, steps) in new[] { (2, options.Steps2D), (3, options.Steps3D) })
        {
            if (steps == 0) continue;
            foreach (double distance in options.DistancesFor(dims))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var summary = Sample(directions, batches, dims, steps, distance, options.PersistenceFraction, cancellationToken);
                landscapes.Add(new ScaledLandscape(dims, distance, summary));
                progress?.Report($"{dims}-D {steps}^{dims} at distance {distance:G3}: SMAD {summary.Smad.Plain:G4}, {summary.Minima} minima, {summary.Seconds:F1} s");
            }
        }
        total.Stop();
        return new MultiScaleAnalysisResult(eigen.Eigenvalues.ToArray(), eigen.Residuals.ToArray(), eigen.Converged, eigen.Hvps,
            trace.Value, trace.StandardError, trace.Hvps, landscapes, total.Elapsed.TotalSeconds);
    }

    private static LandscapeSummary Sample(DirectionSet directions, IReadOnlyList<Batch> batches, int dimensions, int steps, double distance,
        double persistenceFraction, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var sampling = new SamplingOptions(SamplingGrid.Symmetric(dimensions, steps, distance))
        {
            Scale = SamplingScale.PythonCompatible,
            Name = $"top-{dimensions} Hessian directions, distance {distance.ToString("G3", CultureInfo.InvariantCulture)}",
            EstimateEvaluations = 1,
        };
        var result = new LandscapeSampler(directions.Take(dimensions), batches, sampling).Run(null, cancellationToken);
        var landscape = result.Landscape ?? throw new InvalidOperationException("The sampler returned no landscape for a whole-grid run.");
        var topology = LandscapeTopology.Analyze(landscape, new TopologyOptions(NonFinitePolicy: NonFinitePolicy.Replace));
        sw.Stop();
        return LandscapeSummary.From(topology, persistenceFraction, result.CentreValue, sw.Elapsed.TotalSeconds);
    }
}
