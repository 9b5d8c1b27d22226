using Landscaper.Hessian;
using static TorchSharp.torch;

namespace Landscaper.Experiments;

/// <summary>Settings of <see cref="TrainingDynamicsExperiment.Run"/>. Immutable; start from <see cref="Quick"/> or
/// <see cref="Full"/> and vary with <c>with</c>.</summary>
/// <param name="Epochs">Training epochs per run (≥ 1).</param>
/// <param name="Checkpoints">Checkpoints per run, log-spaced from step 0 to the last step (≥ 2; see
/// <see cref="Training.CheckpointSchedule.LogSpaced"/>).</param>
/// <param name="Analysis">The per-checkpoint analysis.</param>
/// <param name="Data">Data set spec for <see cref="Data.DataSets.Load"/> (the built-in models expect <c>digits</c>).</param>
/// <param name="BatchSize">Training mini-batch size (≥ 1).</param>
/// <param name="AnalysisSamples">Training samples (the first ones of the seeded split) on which the Hessian and the
/// landscapes are computed, as one batch (≥ 1).</param>
/// <param name="DType">Parameter and input dtype: float64 (default; Hessians of conv models are reliable) or float32.</param>
public sealed record ExperimentOptions(int Epochs, int Checkpoints, CheckpointAnalysisOptions Analysis, string Data = "digits",
    int BatchSize = 64, int AnalysisSamples = 256, ScalarType DType = ScalarType.Float64)
{
    /// <summary>Quick preset (tests, CI, notebook quick mode; about 10 s per architecture and seed on one core): 1 epoch,
    /// 4 checkpoints, float32, 64 analysis samples, top-2 eigenpairs, an 11² grid of half-width 0.5, no 3-D landscape,
    /// 9 trace products, a short Lanczos basis.</summary>
    public static ExperimentOptions Quick { get; } = new(1, 4,
        new CheckpointAnalysisOptions(TopK: 2, Steps2D: 11, Steps3D: 0, Distance: 0.5, TraceBudget: 9,
            Lanczos: new LanczosOptions(Tolerance: 1e-2, MaxBasis: 30, MaxRestarts: 1)),
        AnalysisSamples: 64, DType: ScalarType.Float32);

    /// <summary>Full preset (about 35 min for five architectures × three seeds on one core): 10 epochs, 5 checkpoints,
    /// float32, 128 analysis samples, top-3 eigenpairs, a 41² and a 21³ grid of half-width 0.5, 30 trace products.</summary>
    public static ExperimentOptions Full { get; } = new(10, 5,
        new CheckpointAnalysisOptions(TopK: 3, Steps2D: 41, Steps3D: 21, Distance: 0.5, TraceBudget: 30,
            Lanczos: new LanczosOptions(Tolerance: 1e-3, MaxBasis: 100, MaxRestarts: 3)),
        AnalysisSamples: 128, DType: ScalarType.Float32);

    /// <summary>Checks every field; throws naming the first bad one.</summary>
    /// <param name="paramName">Name reported in the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    /// <exception cref="ArgumentException">The data spec is empty or the dtype is not float32/float64.</exception>
    public void Validate(string paramName = "options")
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(paramName, Epochs, "Epochs must be ≥ 1.");
        if (Checkpoints < 2) throw new ArgumentOutOfRangeException(paramName, Checkpoints, "Checkpoints must be ≥ 2.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(paramName, BatchSize, "BatchSize must be ≥ 1.");
        if (AnalysisSamples < 1) throw new ArgumentOutOfRangeException(paramName, AnalysisSamples, "AnalysisSamples must be ≥ 1.");
        if (string.IsNullOrWhiteSpace(Data)) throw new ArgumentException("Data must name a data set (e.g. digits).", paramName);
        if (DType is not (ScalarType.Float32 or ScalarType.Float64)) throw new ArgumentException($"DType must be Float32 or Float64, got {DType}.", paramName);
        ArgumentNullException.ThrowIfNull(Analysis, paramName);
        Analysis.Validate(paramName);
    }
}
