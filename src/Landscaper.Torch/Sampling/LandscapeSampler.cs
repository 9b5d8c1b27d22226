using System.Diagnostics;
using Landscaper.Data;
using Landscaper.IO;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Sampling;

/// <summary>
/// Evaluates a scalar function of a model on a grid in the span of a few directions around θ0 (the current parameters).
/// </summary>
/// <remarks>
/// <para><b>Parameters per point.</b> The parameters of grid point i are computed directly from θ0:
/// θ = (θ0 + Σ_{k&lt;d−1} m_k(i_k)·D_k) + m_{d−1}(i_{d−1})·D_{d−1}, where the bracket (one "row" of the last axis) is built once
/// per row into preallocated buffers (copy θ0, one in-place add per axis; zero multipliers are skipped), and each point costs
/// one copy and one in-place add per parameter tensor. No parameter copies are allocated per point and there is no drift: the
/// values at a point do not depend on where a run started, so resumed and sharded runs are bit-identical to a single run.</para>
/// <para><b>Safety.</b> Everything is validated before any evaluation. θ0 is restored (bit for bit, by copying a snapshot) in a
/// finally block — after success, an exception in the scalar function, or cancellation — and the module's training flag is
/// restored too (sampling runs in eval mode under <c>no_grad</c>).</para>
/// </remarks>
public sealed class LandscapeSampler
{
    private const double LayerEps = 1e-10;
    private readonly DirectionSet _directions;
    private readonly IReadOnlyList<Batch> _batches;
    private readonly ParameterSelection _selection;

    /// <summary>Creates a sampler and validates every input (nothing is evaluated yet).</summary>
    /// <param name="directions">The directions; the first <c>options.Grid.Dimensions</c> are used. Their selection's module is the model.</param>
    /// <param name="batches">The batches given to the scalar function (prepared once, reused for every point).</param>
    /// <param name="options">Grid, scaling, function, policy, shard and checkpoint settings.</param>
    /// <exception cref="ArgumentException">Fewer directions than grid dimensions, a direction with the wrong shapes, all zero or
    /// with non-finite entries (also after per-layer normalisation), no batches, an asymmetric grid with PythonCompatible scaling,
    /// ‖θ0‖ = 0 with PythonCompatible scaling, or invalid checkpoint settings.</exception>
    public LandscapeSampler(DirectionSet directions, IReadOnlyList<Batch> batches, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Grid, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Function, nameof(options));
        TorchNative.EnsureLoaded();
        var grid = options.Grid;
        if (directions.Count < grid.Dimensions)
            throw new ArgumentException($"The grid has {grid.Dimensions} dimensions but only {directions.Count} direction(s) were given.", nameof(directions));
        if (batches.Count == 0 || batches.Any(b => b is null))
            throw new ArgumentException("At least one batch is needed and none may be null.", nameof(batches));
        options.Shard.Validate(nameof(options));
        if (options.Shard.Count > grid.Count)
            throw new ArgumentOutOfRangeException(nameof(options), options.Shard.Count, $"More shards ({options.Shard.Count}) than grid points ({grid.Count}).");
        if (options.Scale == SamplingScale.PythonCompatible && !grid.IsSymmetric)
            throw new ArgumentException("PythonCompatible scaling needs a symmetric grid (SamplingGrid.Symmetric); use Plain scaling for custom coordinates.", nameof(options));
        if (!Enum.IsDefined(options.Scale)) throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Unknown scaling mode.");
        if (!Enum.IsDefined(options.NonFinite)) throw new ArgumentOutOfRangeException(nameof(options), options.NonFinite, "Unknown non-finite policy.");
        if (options.CheckpointEveryPoints < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointEveryPoints, "CheckpointEveryPoints must be ≥ 1.");
        if (!(options.CheckpointEverySeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.CheckpointEverySeconds, "CheckpointEverySeconds must be > 0.");
        if (options.EstimateEvaluations < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.EstimateEvaluations, "EstimateEvaluations must be ≥ 1.");
        if (options.Resume && options.CheckpointPath is null)
            throw new ArgumentException("Resume needs a CheckpointPath.", nameof(options));

        _selection = directions.Selection;
        for (int k = 0; k < grid.Dimensions; k++)
        {
            var d = directions.Directions[k];
            _selection.EnsureAligned(d, $"{nameof(directions)}[{k}]");
            for (int i = 0; i < d.Length; i++)
                if (d[i].device.type != _selection.Parameters[i].device.type)
                    throw new ArgumentException($"Direction {k}, tensor {i} is on {d[i].device} but parameter '{_selection.Names[i]}' is on {_selection.Parameters[i].device}.", nameof(directions));
        }
        _directions = directions;
        _batches = batches;
        Options = options;
        Scaled = BuildScaledDirections(); // validates zero / non-finite directions
        var (start, end) = options.Shard.Range(grid.Count);
        Header = new SampleFileHeader(options.ModelName, Fingerprints.Parameters(_selection),
            Fingerprints.Data(batches.SelectMany(b => new[] { b.Input, b.Target })), directions.Kind,
            Fingerprints.Directions(directions, grid.Dimensions), directions.Names.Take(grid.Dimensions).ToArray(), options.Function.Name,
            options.Scale, grid.CoordinateAxes.ToArray(), grid.Distances?.ToArray(), options.Shard.Index, options.Shard.Count, start, end, options.Info);
    }

    /// <summary>The settings.</summary>
    public SamplingOptions Options { get; }

    /// <summary>The header sample files of this run carry (fingerprints of θ0 at construction, of the data and of the
    /// directions; grid; shard placement).</summary>
    public SampleFileHeader Header { get; }

    /// <summary>The model's module.</summary>
    internal torch.nn.Module Module => _selection.Module;

    /// <summary>The selected parameters.</summary>
    internal ParameterSelection Selection => _selection;

    /// <summary>The batches the scalar function is evaluated on.</summary>
    internal IReadOnlyList<Batch> Batches => _batches;

    /// <summary>Per axis: the multiplier of each grid index (PythonCompatible: i − steps div 2; Plain: the coordinate).</summary>
    internal double[][] Multipliers { get; private set; } = [];

    /// <summary>Per axis, the scaled direction tensors (offset of one unit of multiplier), in the parameters' dtype.</summary>
    internal Tensor[][] Scaled { get; }

    private Tensor[][] BuildScaledDirections()
    {
        var grid = Options.Grid;
        var result = new Tensor[grid.Dimensions][];
        Multipliers = new double[grid.Dimensions][];
        using var _ = no_grad();
        double thetaNormSq = 0;
        var layerNorms = new double[_selection.Parameters.Count];
        for (int i = 0; i < layerNorms.Length; i++)
        {
            using var s = _selection.Parameters[i].detach().to_type(ScalarType.Float64).square().sum();
            double sq = s.ToDouble();
            layerNorms[i] = Math.Sqrt(sq);
            thetaNormSq += sq;
        }
        double thetaNorm = Math.Sqrt(thetaNormSq);
        if (Options.Scale == SamplingScale.PythonCompatible && !(thetaNorm > 0) )
            throw new ArgumentException("‖θ0‖ is zero (or not finite): PythonCompatible scaling would not move the parameters; use Plain scaling.", nameof(_directions));
        for (int k = 0; k < grid.Dimensions; k++)
        {
            var src = _directions.Directions[k];
            var dtype = _selection.DType;
            using (var scope = NewDisposeScope())
            {
                var f64 = src.Select(t => t.detach().to_type(ScalarType.Float64)).ToArray();
                double sq = 0;
                foreach (var t in f64)
                {
                    if (!t.isfinite().all().ToBoolean())
                        throw new ArgumentException($"Direction {k} ('{_directions.Names[k]}') has non-finite entries.", "directions");
                    sq += t.square().sum().ToDouble();
                }
                if (sq == 0) throw new ArgumentException($"Direction {k} ('{_directions.Names[k]}') is zero everywhere.", "directions");
                Tensor[] scaled;
                if (Options.Scale == SamplingScale.PythonCompatible)
                {
                    // Per-parameter-tensor normalisation to θ0's norm of that tensor, then one grid step = ‖θ0‖·distance/(steps/2).
                    var layer = new Tensor[f64.Length];
                    double lsq = 0;
                    for (int i = 0; i < f64.Length; i++)
                    {
                        double dn = Math.Sqrt(f64[i].square().sum().ToDouble());
                        layer[i] = f64[i] * (layerNorms[i] / (dn + LayerEps));
                        lsq += layer[i].square().sum().ToDouble();
                    }
                    double ln = Math.Sqrt(lsq);
                    if (!(ln > 0) || !double.IsFinite(ln))
                        throw new ArgumentException($"Direction {k} ('{_directions.Names[k]}') is zero after per-layer normalisation (every parameter tensor it touches is zero in θ0).", "directions");
                    int steps = grid.Steps[k];
                    double stepLength = thetaNorm * grid.Distances![k] / (steps / 2.0);
                    scaled = layer.Select(t => (t * (stepLength / ln)).to_type(dtype)).ToArray();
                    int centre = steps / 2;
                    Multipliers[k] = Enumerable.Range(0, steps).Select(i => (double)(i - centre)).ToArray();
                }
                else
                {
                    scaled = src.Select(t => t.detach().to_type(dtype).clone()).ToArray();
                    Multipliers[k] = grid.CoordinateAxes[k];
                }
                foreach (var t in scaled)
                    if (!t.isfinite().all().ToBoolean())
                        throw new ArgumentException($"Direction {k} ('{_directions.Names[k]}') overflows {dtype} after scaling.", "directions");
                result[k] = scaled.Select(t => t.contiguous().MoveToOuterDisposeScope()).ToArray();
            }
        }
        return result;
    }

    /// <summary>The parameter offset vectors per axis (aligned tensors): θ(point) = θ0 + Σ_k Multiplier_k(i_k)·Offset_k.
    /// Exposed for tests and diagnostics; copies.</summary>
    public IReadOnlyList<Tensor[]> OffsetDirections() => Scaled.Select(d => d.Select(t => t.clone()).ToArray()).ToArray();

    /// <summary>The multiplier of grid index <paramref name="index"/> on axis <paramref name="axis"/>
    /// (PythonCompatible: index − steps div 2; Plain: the coordinate).</summary>
    public double Multiplier(int axis, int index) => Multipliers[axis][index];

    /// <summary>Times a few evaluations (at the first points still to do) and estimates the run's cost; θ0 is restored.</summary>
    /// <exception cref="SamplingPointException">The scalar function throws, or returns a non-finite value under policy Error.</exception>
    public SamplingEstimate Estimate() => Execute(null, default, estimateOnly: true).Estimate;

    /// <summary>Validates, estimates the cost, then evaluates this shard's points (continuing from the checkpoint when resuming),
    /// writing the checkpoint every <see cref="SamplingOptions.CheckpointEveryPoints"/> points or
    /// <see cref="SamplingOptions.CheckpointEverySeconds"/> seconds.</summary>
    /// <param name="progress">Receives progress about every 0.1 s and at the end (called on the sampling thread).</param>
    /// <param name="cancellationToken">Stops between points; the checkpoint is written and θ0 restored before
    /// <see cref="OperationCanceledException"/> propagates.</param>
    /// <exception cref="SamplingPointException">The scalar function threw, or returned a non-finite value under policy Error
    /// (checked on the centre point and the timed points before the run, then at every point).</exception>
    /// <exception cref="InvalidDataException">The checkpoint belongs to a different run, or exists while not resuming.</exception>
    public SamplingResult Run(IProgress<SamplingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Execute(progress, cancellationToken, estimateOnly: Options.DryRun);

    private SampleFile? LoadCheckpoint(bool estimateOnly)
    {
        var path = Options.CheckpointPath;
        if (path is null || !File.Exists(path)) return null;
        if (!Options.Resume)
        {
            if (estimateOnly) return null;
            throw new InvalidDataException($"A checkpoint already exists at '{path}'. Resume it (Resume = true / --resume) or delete it.");
        }
        var file = SampleFile.Read(path);
        var diff = Header.FirstDifference(file.Header);
        if (diff is null && (file.Header.ShardIndex != Header.ShardIndex || file.Header.Start != Header.Start || file.Header.End != Header.End))
            diff = $"the shard ({file.Header.ShardIndex}/{file.Header.ShardCount} vs {Header.ShardIndex}/{Header.ShardCount})";
        if (diff is not null)
            throw new InvalidDataException($"The checkpoint '{path}' belongs to a different run: {diff} differs. Delete it or use the original settings.");
        return file;
    }

    /// <summary>The run in named steps: load the checkpoint, prepare the parameter buffers, a preflight (θ0's value and a
    /// few timed points → the estimate), the evaluation loop with checkpoints, and the restore of θ0 (always).</summary>
    private SamplingResult Execute(IProgress<SamplingProgress>? progress, CancellationToken ct, bool estimateOnly)
    {
        if (!estimateOnly && Options.CheckpointPath is { } checkpoint) AtomicFile.DeleteOrphanedTemporaries(checkpoint);
        var resumed = LoadCheckpoint(estimateOnly);
        using var run = new SamplingRun(this, resumed);
        var (centreValue, estimate) = run.Preflight();
        if (estimateOnly)
            return new SamplingResult(null, null, estimate, centreValue, 0, run.Done, 0, Header);
        int resumedCount = run.Done;
        var (evaluated, seconds) = run.Loop(progress, ct);
        var shard = run.ToFile();
        if (Options.CheckpointPath is { } final) SampleFile.Write(final, shard);
        Landscape? landscape = Options.Shard.Count == 1 ? SampleMerge.ToLandscape(shard, Options.NonFinite, Options.Name) : null;
        return new SamplingResult(landscape, shard, estimate, centreValue, evaluated, resumedCount, seconds, Header);
    }

    /// <summary>Median wall time, in seconds, of one bare forward pass of <paramref name="model"/> over <paramref name="batches"/>
    /// (no_grad, eval mode, no loss) — the reference cost a sampled point is compared with.</summary>
    /// <param name="model">The model.</param>
    /// <param name="batches">The batches.</param>
    /// <param name="repeats">Timed repetitions (after 3 warm-up passes).</param>
    public static double ForwardSeconds(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches, int repeats = 50)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "Must be ≥ 1.");
        TorchNative.EnsureLoaded();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            var times = new double[repeats];
            for (int r = -3; r < repeats; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                using (NewDisposeScope())
                    foreach (var b in batches) model.call(b.Input);
                if (r >= 0) times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
            Array.Sort(times);
            return times[repeats / 2];
        }
        finally { model.train(wasTraining); }
    }
}
