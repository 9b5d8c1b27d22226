using Landscaper.Metrics;
namespace Landscaper.Experiments;

/// <summary>One model × seed × checkpoint of a <see cref="TrainingDynamicsExperiment"/> (immutable).</summary>
/// <param name="Model">Built-in model name (e.g. <c>resnet-digits</c>).</param>
/// <param name="Seed">Seed of initialisation, split, batch order and analysis.</param>
/// <param name="Step">Optimiser updates before the checkpoint (0 = initialisation).</param>
/// <param name="Epoch">Fractional epoch.</param>
/// <param name="TrainLoss">Cross-entropy on the training split.</param>
/// <param name="TrainAcc">Accuracy on the training split.</param>
/// <param name="TestLoss">Cross-entropy on the test split.</param>
/// <param name="TestAcc">Accuracy on the test split.</param>
/// <param name="Analysis">Curvature and landscape topology at the checkpoint.</param>
public sealed record TrainingDynamicsRow(string Model, int Seed, int Step, double Epoch, double TrainLoss, double TrainAcc,
    double TestLoss, double TestAcc, CheckpointAnalysisResult Analysis)
{
    /// <summary>λ_max, the largest Hessian eigenvalue.</summary>
    public double LambdaMax => Analysis.LambdaMax;

    /// <summary>Hutch++ trace of the Hessian.</summary>
    public double Trace => Analysis.Trace;

    /// <summary>Plain SMAD of the 2-D landscape.</summary>
    public double Smad => Analysis.Landscape2D.Smad.Plain;

    /// <summary>Normalised SMAD of the 2-D landscape.</summary>
    public double SmadNormalized => Analysis.Landscape2D.Smad.Normalized;

    /// <summary>Weighted SMAD of the 2-D landscape.</summary>
    public double SmadWeighted => Analysis.Landscape2D.Smad.Weighted;
}
