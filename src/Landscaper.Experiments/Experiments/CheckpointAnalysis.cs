using System.Diagnostics;
using Landscaper.Data;
using Landscaper.Hessian;
using Landscaper.Native;
using Landscaper.Sampling;
using Landscaper.Topology;
using static TorchSharp.torch;
using Landscaper.Metrics;

namespace Landscaper.Experiments;

/// <summary>
/// The per-checkpoint analysis reused by the training-dynamics experiments: top-k Hessian eigenpairs (Lanczos), the
/// Hessian trace (Hutch++), the loss landscape in the top-2 (and optionally top-3) eigen-directions with the Python
/// package's scaling, and the topology of each landscape (SMAD, minima, persistence).
/// </summary>
public static class CheckpointAnalysis
{
    /// <summary>Analyses <paramref name="model"/> at its current parameters. The parameters are left unchanged (the
    /// sampler restores them bit for bit); the model is evaluated in eval mode.</summary>
    /// <param name="model">The model (e.g. with a checkpoint restored into it).</param>
    /// <param name="analysisBatches">The batches the loss, Hessian and landscape are computed on (not empty).</param>
    /// <param name="options">Eigenpair count, grids, trace budget, seed; defaults when null.</param>
    /// <param name="progress">Receives a line per stage (optional).</param>
    /// <param name="cancellationToken">Checked between stages and between grid points.</param>
    /// <returns>The immutable result.</returns>
    /// <exception cref="ArgumentException">No batches, or the model has fewer parameters than <see cref="CheckpointAnalysisOptions.TopK"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="CheckpointAnalysisOptions.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="HessianException">A Hessian-vector product failed (non-finite loss or product).</exception>
    public static CheckpointAnalysisResult Run(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> analysisBatches,
        CheckpointAnalysisOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(analysisBatches);
        if (analysisBatches.Count == 0) throw new ArgumentException("At least one analysis batch is needed.", nameof(analysisBatches));
        options ??= new CheckpointAnalysisOptions();
        options.Validate(nameof(options));
        TorchNative.EnsureLoaded();
        var total = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        cancellationToken.ThrowIfCancellationRequested();

        using var op = HessianOperator.ForModel(model, analysisBatches);
        if (op.Dimension < options.TopK)
            throw new ArgumentException($"The model has {op.Dimension} parameters, fewer than TopK = {options.TopK}.", nameof(model));
        var lanczosOptions = (options.Lanczos ?? new LanczosOptions()) with { Seed = options.Seed, Which = SpectrumEnd.Largest };
        var eigen = Lanczos.TopEigenpairs(op, options.TopK, lanczosOptions);
        progress?.Report($"lanczos: λ = [{string.Join(", ", eigen.Eigenvalues.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}], {eigen.Hvps} HVPs, converged {eigen.Converged}");
        cancellationToken.ThrowIfCancellationRequested();

        var trace = TraceEstimator.HutchPlusPlus(op, options.TraceBudget, options.Seed);
        progress?.Report($"hutch++: trace = {trace.Value:G4} ± {trace.StandardError:G2}");
        cancellationToken.ThrowIfCancellationRequested();

        var directions = eigen.ToDirectionSet(op.Selection);
        var landscape2 = Sample(directions, analysisBatches, 2, options.Steps2D, options, cancellationToken);
        progress?.Report($"2-D {options.Steps2D}²: SMAD {landscape2.Smad.Plain:G4}, {landscape2.Minima} minima, {landscape2.Seconds:F1} s");
        LandscapeSummary? landscape3 = null;
        if (options.Steps3D > 0)
        {
            landscape3 = Sample(directions, analysisBatches, 3, options.Steps3D, options, cancellationToken);
            progress?.Report($"3-D {options.Steps3D}³: SMAD {landscape3.Smad.Plain:G4}, {landscape3.Minima} minima, {landscape3.Seconds:F1} s");
        }
        total.Stop();
        return new CheckpointAnalysisResult(eigen.Eigenvalues.ToArray(), eigen.Residuals.ToArray(), eigen.Converged, eigen.Hvps,
            trace.Value, trace.StandardError, trace.Hvps, landscape2, landscape3, total.Elapsed.TotalSeconds);
    }

    private static LandscapeSummary Sample(ParameterSpace.DirectionSet directions, IReadOnlyList<Batch> batches, int dimensions, int steps,
        CheckpointAnalysisOptions options, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var grid = SamplingGrid.Symmetric(dimensions, steps, options.Distance);
        var sampling = new SamplingOptions(grid)
        {
            Scale = SamplingScale.PythonCompatible,
            Name = $"top-{dimensions} Hessian directions",
            EstimateEvaluations = 1,
        };
        var result = new LandscapeSampler(directions.Take(dimensions), batches, sampling).Run(null, cancellationToken);
        var landscape = result.Landscape ?? throw new InvalidOperationException("The sampler returned no landscape for a whole-grid run.");
        var topology = LandscapeTopology.Analyze(landscape, new TopologyOptions(NonFinitePolicy: NonFinitePolicy.Replace));
        sw.Stop();
        return LandscapeSummary.From(topology, options.PersistenceFraction, result.CentreValue, sw.Elapsed.TotalSeconds);
    }
}
