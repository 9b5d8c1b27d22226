using System.Diagnostics;
using System.Globalization;
using Landscaper.Data;
using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Metrics;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using Landscaper.Profiles;
using Landscaper.Sampling;
using Landscaper.Topology;
using static TorchSharp.torch;

namespace Landscaper.LossLandscapes;

/// <summary>
/// The whole analysis of one model at its current parameters θ0, in one call: top Hessian eigenvalues (Lanczos) and
/// the trace (Hutch++), directions, loss landscapes of several dimensions with their topology (merge trees, persistence,
/// basins, SMAD), and the 2-D SMAD scale profile. Works for any <c>nn.Module&lt;Tensor, Tensor&gt;</c> and data given
/// as <see cref="Batch"/>es (class labels → cross-entropy, real targets → MSE; see <see cref="BatchLoss"/>).
/// </summary>
public static class LossLandscape
{
    /// <summary>Analyses <paramref name="model"/> at its current parameters, which are left bit-for-bit unchanged.</summary>
    /// <param name="model">The model; evaluated in eval mode during the analysis (its mode is restored).</param>
    /// <param name="batches">The data the loss, the Hessian and the landscapes are computed on (usually a few hundred to a
    /// few thousand training samples).</param>
    /// <param name="options">What to compute; <see cref="LossLandscapeOptions"/> defaults when null.</param>
    /// <param name="progress">One line per stage, and sampling progress about every 10 % of each landscape (optional).</param>
    /// <param name="cancellationToken">Checked between stages and between grid points.</param>
    /// <exception cref="ArgumentException">Bad options, or data that does not fit the model (checked with
    /// <see cref="BatchLoss.Probe"/> before any long computation).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="HessianException">A Hessian-vector product was not finite.</exception>
    public static LossLandscapeResult Analyze(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches, LossLandscapeOptions? options = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        options ??= new LossLandscapeOptions();
        options.Validate();
        TorchNative.EnsureLoaded();
        BatchLoss.Probe(model, batches);
        var total = Stopwatch.StartNew();
        var selection = ParameterSelection.All(model);
        if (selection.Count < options.TopK)
            throw new ArgumentException($"The model has {selection.Count} parameters, fewer than TopK = {options.TopK}.", nameof(options));
        double thetaNorm = ScaleProfile.ThetaNorm(selection);
        int maxDims = options.Grids.Keys.Max();

        var sw = Stopwatch.StartNew();
        EigenResult eigen;
        double loss, trace = double.NaN, traceError = double.NaN;
        DirectionSet? hessianDirections;
        using (var op = new HessianOperator(selection, batches))
        {
            loss = op.Loss();
            progress?.Report(Invariant($"model: {selection.Count:N0} parameters, ‖θ0‖ = {thetaNorm:G4}, loss {loss:G6} on {batches.Sum(b => b.Size):N0} samples"));
            eigen = Lanczos.TopEigenpairs(op, options.TopK, options.Lanczos with { Seed = options.Seed, Which = SpectrumEnd.Largest });
            progress?.Report(Invariant($"hessian: top {options.TopK} eigenvalues [{string.Join(", ", eigen.Eigenvalues.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))}], {eigen.Hvps} HVPs, converged {eigen.Converged} ({sw.Elapsed.TotalSeconds:F1} s)"));
            cancellationToken.ThrowIfCancellationRequested();
            if (options.TraceBudget > 0)
            {
                var t = TraceEstimator.HutchPlusPlus(op, options.TraceBudget, options.Seed);
                (trace, traceError) = (t.Value, t.StandardError);
                progress?.Report(Invariant($"hessian: trace ≈ {trace:G4} ± {traceError:G2} (Hutch++, {options.TraceBudget} HVPs)"));
            }
            hessianDirections = eigen.ToDirectionSet(selection);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var directions = options.Directions == DirectionKind.Hessian
            ? hessianDirections.Take(maxDims)
            : DirectionFactory.Make(options.Directions, selection, batches, maxDims, options.Seed, options.Lanczos).Directions;

        var landscapes = new List<AnalyzedLandscape>();
        foreach (var (dims, steps) in options.Grids.OrderBy(g => g.Key))
        {
            cancellationToken.ThrowIfCancellationRequested();
            sw.Restart();
            var sampling = new SamplingOptions(SamplingGrid.Symmetric(dims, steps, options.Radius))
            {
                Scale = SamplingScale.PythonCompatible,
                NonFinite = NonFinitePolicy.Replace,
                EstimateEvaluations = 1,
                Name = $"{dims}-D, {DirectionFactory.Name(options.Directions)} directions, radius {options.Radius.ToString("G3", CultureInfo.InvariantCulture)} ‖θ0‖",
            };
            string tag = $"{dims}-D {steps}^{dims}";
            var run = new LandscapeSampler(directions.Take(dims), batches, sampling).Run(Tenths(tag, progress), cancellationToken);
            var landscape = run.Landscape ?? throw new InvalidOperationException("The sampler returned no landscape for a whole-grid run.");
            var topology = LandscapeTopology.Analyze(landscape, new TopologyOptions(NonFinitePolicy: NonFinitePolicy.Replace));
            landscapes.Add(new AnalyzedLandscape(dims, steps, options.Radius, landscape, topology, sw.Elapsed.TotalSeconds));
            progress?.Report(Invariant($"{tag}: {topology.SublevelTree.LeafCount} minima, SMAD {topology.Smad.Plain:G4} (normalized {topology.Smad.Normalized:G3}), loss range [{topology.MinValue:G4}, {topology.MaxValue:G4}] ({sw.Elapsed.TotalSeconds:F1} s)"));
        }

        IReadOnlyList<ScalePoint> profile = [];
        if (options.ProfileRadii.Count > 0)
        {
            sw.Restart();
            profile = ScaleProfile.Compute(directions, batches, new ScaleProfileOptions(options.ProfileRadii, RadiusConvention.Relative, 2, options.ProfileSteps),
                progress is null ? null : new SynchronousProgress<string>(line => progress.Report("profile: " + line)), cancellationToken);
        }
        total.Stop();
        return new LossLandscapeResult(selection.Count, loss, thetaNorm, eigen.Eigenvalues.ToArray(), eigen.Residuals.ToArray(), eigen.Converged,
            eigen.Hvps, trace, traceError, directions, landscapes, profile, total.Elapsed.TotalSeconds);
    }

    /// <summary>Forwards sampling progress as a line at every further tenth of the grid.</summary>
    private static IProgress<SamplingProgress>? Tenths(string tag, IProgress<string>? progress)
    {
        if (progress is null) return null;
        int reported = 0;
        return new SynchronousProgress<SamplingProgress>(p =>
        {
            int tenth = (int)Math.Floor(p.Fraction * 10);
            if (tenth <= reported || tenth >= 10) return;
            reported = tenth;
            progress.Report(Invariant($"{tag}: {p.Done:N0}/{p.Total:N0} points, {p.PointsPerSecond:F0} points/s{(p.Eta is { } eta ? $", {eta.TotalSeconds:F0} s left" : "")}"));
        });
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
