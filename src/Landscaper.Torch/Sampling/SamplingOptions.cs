namespace Landscaper.Sampling;

/// <summary>Settings of a <see cref="LandscapeSampler"/> run. Immutable; use <c>with</c> to vary.</summary>
/// <param name="Grid">The grid; its dimension is the number of directions used (the first Grid.Dimensions of the set).</param>
public sealed record SamplingOptions(SamplingGrid Grid)
{
    /// <summary>How coordinates become parameter offsets (default: the Python package's formula).</summary>
    public SamplingScale Scale { get; init; } = SamplingScale.PythonCompatible;

    /// <summary>The scalar function (default: mean cross-entropy loss).</summary>
    public ScalarFunction Function { get; init; } = ScalarFunction.Loss;

    /// <summary>What to do with NaN/±∞ values (default <see cref="NonFinitePolicy.Replace"/>, the Python behaviour; the count
    /// replaced is recorded in <see cref="LandscapeMetadata.NonFiniteReplaced"/>). With <see cref="NonFinitePolicy.Error"/> the
    /// run stops at the first non-finite value.</summary>
    public NonFinitePolicy NonFinite { get; init; } = NonFinitePolicy.Replace;

    /// <summary>The part of the grid to evaluate (default: all of it).</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.Whole;

    /// <summary>Checkpoint file (sample-file format, written atomically), or null for none. When the run completes the file
    /// holds the complete shard.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Write the checkpoint after this many new points (≥ 1).</summary>
    public int CheckpointEveryPoints { get; init; } = 1000;

    /// <summary>… or after this many seconds since the last write (&gt; 0), whichever comes first.</summary>
    public double CheckpointEverySeconds { get; init; } = 30;

    /// <summary>Continue from <see cref="CheckpointPath"/> when it exists (it must describe the same run); otherwise an
    /// existing checkpoint is an error.</summary>
    public bool Resume { get; init; }

    /// <summary>Only validate and estimate the cost: no point of the grid is stored.</summary>
    public bool DryRun { get; init; }

    /// <summary>Number of evaluations timed for the cost estimate (≥ 1).</summary>
    public int EstimateEvaluations { get; init; } = 5;

    /// <summary>Model name, part of the model hash.</summary>
    public string ModelName { get; init; } = "model";

    /// <summary>Landscape name recorded in the metadata.</summary>
    public string Name { get; init; } = "";

    /// <summary>Informational settings stored in sample files (seed, threads, …).</summary>
    public IReadOnlyDictionary<string, string>? Info { get; init; }
}
