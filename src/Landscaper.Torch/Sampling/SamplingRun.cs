using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Sampling;

/// <summary>
/// One execution of a <see cref="LandscapeSampler"/> (internal), in named steps: the constructor prepares the parameter
/// buffers, <see cref="Preflight"/> evaluates θ0 and times a few points, <see cref="Loop"/> evaluates the shard's points
/// with checkpoints, and <see cref="Dispose"/> restores θ0 bit for bit and the training flag, whatever happened.
/// </summary>
/// <remarks>Parameters of a point are set from θ0 directly (<see cref="SetPoint"/>): θ = rowBase + m_last·D_last with
/// rowBase = θ0 + Σ_{k&lt;last} m_k·D_k rebuilt once per row; no drift, so resumed and sharded runs are bit-identical to a
/// single run. Fast path: when every parameter is a contiguous CPU tensor of one dtype, the parameters become views of
/// one flat buffer (Tensor.set_) and a point costs two native calls.</remarks>
internal sealed class SamplingRun : IDisposable
{
    private readonly LandscapeSampler _sampler;
    private readonly SamplingGrid _grid;
    private readonly int _dims, _last, _start, _total;
    private readonly double[] _values;
    private readonly nn.Module _module;
    private readonly bool _wasTraining;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly Tensor[] _theta0;
    private readonly Tensor[]? _rowBase;
    private readonly Scalar[][] _alphas;
    private readonly Tensor? _flat, _flatTheta0, _flatRowBase;
    private readonly Tensor[]? _flatDirs;
    private readonly Tensor[]? _aliases;
    private readonly int[] _gridIndex;
    private readonly IDisposable _noGrad;
    private int _currentRow = -1;
    private bool _looping;

    /// <summary>Prepares the run: values (from the checkpoint when resuming), θ0 snapshot, row and flat buffers, eval mode,
    /// no_grad, and the flat-buffer aliasing of the parameters.</summary>
    public SamplingRun(LandscapeSampler sampler, SampleFile? resumed)
    {
        _sampler = sampler;
        var options = sampler.Options;
        _grid = options.Grid;
        _dims = _grid.Dimensions;
        _last = _dims - 1;
        _start = sampler.Header.Start;
        _total = sampler.Header.End - _start;
        _values = new double[_total];
        Array.Fill(_values, double.NaN);
        if (resumed is not null)
        {
            Done = resumed.Done;
            Array.Copy(resumed.Values, _values, Done);
        }
        _module = sampler.Module;
        _wasTraining = _module.training;
        _parameters = sampler.Selection.Parameters;
        _theta0 = sampler.Selection.Snapshot();
        _alphas = sampler.Multipliers.Select(m => m.Select(v => v.ToScalar()).ToArray()).ToArray();
        _gridIndex = new int[_dims];
        _noGrad = no_grad();
        try { Prepare(sampler, out _flat, out _flatTheta0, out _flatRowBase, out _flatDirs, out _rowBase, out _aliases); }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Prepare(LandscapeSampler sampler, out Tensor? flat, out Tensor? flatTheta0, out Tensor? flatRowBase, out Tensor[]? flatDirs,
        out Tensor[]? rowBase, out Tensor[]? aliases)
    {
        flat = flatTheta0 = flatRowBase = null;
        flatDirs = rowBase = aliases = null;
        bool flatMode = _parameters.All(q => q.dtype == _parameters[0].dtype && q.device_type == DeviceType.CPU && q.is_contiguous());
        if (flatMode)
        {
            flatTheta0 = cat(_theta0.Select(t => t.reshape(-1)).ToArray());
            flat = flatTheta0.clone();
            flatRowBase = _dims > 1 ? flatTheta0.clone() : null;
            flatDirs = sampler.Scaled.Select(d => cat(d.Select(t => t.reshape(-1)).ToArray())).ToArray();
        }
        else if (_dims > 1) rowBase = _theta0.Select(t => t.clone()).ToArray();
        _module.eval();
        if (flat is not null)
        {
            aliases = _parameters.Select(q => q.detach()).ToArray();
            long offset = 0;
            for (int i = 0; i < _parameters.Count; i++)
            {
                long n = _parameters[i].numel();
                _parameters[i].set_(flat.narrow(0, offset, n).view(sampler.Selection.Shapes[i]));
                offset += n;
            }
        }
    }

    /// <summary>Number of valid leading values (resumed plus evaluated).</summary>
    public int Done { get; private set; }

    /// <summary>Step 1: the value at θ0 (checks the function before any work) and a few timed points → the estimate.</summary>
    public (double CentreValue, SamplingEstimate Estimate) Preflight()
    {
        RestoreTheta0Values();
        double centre = Evaluate(-1, centre: true);
        int timed = Math.Min(_sampler.Options.EstimateEvaluations, Math.Max(_total - Done, 0));
        var times = new List<double>();
        for (int j = 0; j < timed; j++)
        {
            long t0 = Stopwatch.GetTimestamp();
            SetPoint(_start + Done + j);
            Evaluate(_start + Done + j, centre: false);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        if (times.Count == 0)
        {
            long t0 = Stopwatch.GetTimestamp();
            Evaluate(-1, centre: true);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        times.Sort();
        double spp = times[times.Count / 2];
        long elem = _theta0.Length == 0 ? 4 : _theta0[0].ElementSize;
        long bytes = _sampler.Selection.Count * elem * (2 * _dims + 3 + (_dims > 1 ? 2 : 0)) + 16L * _total;
        _currentRow = -1;
        return (centre, new SamplingEstimate(_total - Done, times.Count, spp, spp * (_total - Done), _sampler.Selection.Count, bytes));
    }

    /// <summary>Step 2: evaluates the remaining points, writing the checkpoint every N points or T seconds and when
    /// cancelled; reports progress about every 0.1 s.</summary>
    /// <returns>Points evaluated now and the loop's wall time.</returns>
    public (int Evaluated, double Seconds) Loop(IProgress<SamplingProgress>? progress, CancellationToken ct)
    {
        var options = _sampler.Options;
        var sw = Stopwatch.StartNew();
        double lastReport = -1, lastCheckpoint = 0;
        int sinceCheckpoint = 0, evaluated = 0;
        void Report()
        {
            double el = sw.Elapsed.TotalSeconds;
            double rate = el > 0 ? evaluated / el : 0;
            progress!.Report(new SamplingProgress(Done, _total, rate, sw.Elapsed, rate > 0 ? TimeSpan.FromSeconds((_total - Done) / rate) : null));
        }
        progress?.Report(new SamplingProgress(Done, _total, 0, TimeSpan.Zero, null));
        _looping = true;
        while (Done < _total)
        {
            if (ct.IsCancellationRequested)
            {
                SaveCheckpoint();
                ct.ThrowIfCancellationRequested();
            }
            int point = _start + Done;
            SetPoint(point);
            _values[Done] = Evaluate(point, centre: false);
            Done++;
            evaluated++;
            sinceCheckpoint++;
            double now = sw.Elapsed.TotalSeconds;
            if (options.CheckpointPath is not null && Done < _total
                && (sinceCheckpoint >= options.CheckpointEveryPoints || now - lastCheckpoint >= options.CheckpointEverySeconds))
            {
                SaveCheckpoint();
                sinceCheckpoint = 0;
                lastCheckpoint = sw.Elapsed.TotalSeconds;
            }
            if (progress is not null && now - lastReport >= 0.1) { Report(); lastReport = now; }
        }
        _looping = false;
        if (progress is not null) Report();
        return (evaluated, sw.Elapsed.TotalSeconds);
    }

    /// <summary>The shard's sample file as it stands.</summary>
    public SampleFile ToFile() => new(_sampler.Header, _values, Done);

    /// <summary>Writes the checkpoint (when the options name one).</summary>
    private void SaveCheckpoint()
    {
        if (_sampler.Options.CheckpointPath is { } path) SampleFile.Write(path, ToFile());
    }

    /// <summary>Sets the parameters to grid point <paramref name="flatIndex"/>.</summary>
    private void SetPoint(int flatIndex)
    {
        var multipliers = _sampler.Multipliers;
        _grid.GridIndex(flatIndex, _gridIndex);
        bool move = multipliers[_last][_gridIndex[_last]] != 0;
        var alpha = _alphas[_last][_gridIndex[_last]];
        int row = flatIndex / _grid.Steps[_last];
        bool newRow = _dims > 1 && row != _currentRow;
        _currentRow = row;
        if (_flat is not null)
        {
            if (newRow)
            {
                _flatRowBase!.copy_(_flatTheta0!);
                for (int k = 0; k < _last; k++)
                    if (multipliers[k][_gridIndex[k]] != 0) _flatRowBase.add_(_flatDirs![k], _alphas[k][_gridIndex[k]]);
            }
            _flat.copy_(_dims > 1 ? _flatRowBase! : _flatTheta0!);
            if (move) _flat.add_(_flatDirs![_last], alpha);
            return;
        }
        var scaled = _sampler.Scaled;
        int np = _parameters.Count;
        if (newRow)
            for (int i = 0; i < np; i++)
            {
                _rowBase![i].copy_(_theta0[i]);
                for (int k = 0; k < _last; k++)
                    if (multipliers[k][_gridIndex[k]] != 0) _rowBase[i].add_(scaled[k][i], _alphas[k][_gridIndex[k]]);
            }
        var baseTensors = _dims > 1 ? _rowBase! : _theta0;
        for (int i = 0; i < np; i++)
        {
            _parameters[i].copy_(baseTensors[i]);
            if (move) _parameters[i].add_(scaled[_last][i], alpha);
        }
    }

    /// <summary>Evaluates the scalar function at the current parameters and applies the Error policy.</summary>
    private double Evaluate(int flat, bool centre)
    {
        var options = _sampler.Options;
        double v;
        try
        {
            using var scope = NewDisposeScope();
            v = options.Function.Evaluate(_module, _sampler.Batches);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Fail(flat, centre, $"the scalar function '{options.Function.Name}' threw {ex.GetType().Name}: {ex.Message}", ex);
        }
        if (!double.IsFinite(v) && options.NonFinite == NonFinitePolicy.Error)
            throw Fail(flat, centre, $"the scalar function returned {v} and the non-finite policy is Error.", null);
        return v;
    }

    private SamplingPointException Fail(int flat, bool centre, string reason, Exception? inner)
    {
        if (centre) return new SamplingPointException(-1, [], new double[_dims], "(θ0, before sampling) " + reason, null, inner);
        string? checkpoint = null;
        if (_looping && _sampler.Options.CheckpointPath is { } path)
        {
            SampleFile.Write(path, ToFile());
            checkpoint = path;
        }
        return new SamplingPointException(flat, _grid.GridIndex(flat), _grid.PointCoordinates(flat), reason, checkpoint, inner);
    }

    private void RestoreTheta0Values()
    {
        if (_flat is not null) _flat.copy_(_flatTheta0!);
        else for (int i = 0; i < _parameters.Count; i++) _parameters[i].copy_(_theta0[i]);
    }

    /// <summary>Step 3 (always): θ0 back bit for bit, original parameter storage, training flag; buffers freed.</summary>
    public void Dispose()
    {
        if (_aliases is not null)
            for (int i = 0; i < _parameters.Count; i++) _parameters[i].set_(_aliases[i]); // back to the original storage (never written)
        for (int i = 0; i < _parameters.Count; i++) _parameters[i].copy_(_theta0[i]);
        _noGrad.Dispose();
        if (_aliases is not null) foreach (var t in _aliases) t.Dispose();
        foreach (var t in new[] { _flat, _flatTheta0, _flatRowBase }.Concat(_flatDirs ?? [])) t?.Dispose();
        _module.train(_wasTraining);
        foreach (var t in _theta0) t.Dispose();
        if (_rowBase is not null) foreach (var t in _rowBase) t.Dispose();
        foreach (var a in _alphas) foreach (var s in a) s.Dispose();
    }
}
