using Landscaper.Experiments;

namespace Landscaper.FineTuning;

/// <summary>One checkpoint of one fine-tuning run: accuracies, curvature over all parameters and over the subset (last layers + head),
/// and the subset's landscapes. Immutable.</summary>
/// <param name="Variant">Full fine-tuning or head-only.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Step">Optimiser steps taken (0: the pre-trained encoder with a fresh head — the same model for both variants of a seed).</param>
/// <param name="Epoch">Training e-mails seen / training e-mails.</param>
/// <param name="LearningRate">Rate of the last step taken (0 at step 0).</param>
/// <param name="TrainLoss">Mean minibatch cross-entropy (training mode, dropout on) over the steps since the previous checkpoint; NaN at step 0.</param>
/// <param name="IdLoss">Cross-entropy on the in-distribution test e-mails (eval mode).</param>
/// <param name="IdAccuracy">Accuracy on the in-distribution test e-mails.</param>
/// <param name="ShiftedLoss">Cross-entropy on the shifted test e-mails.</param>
/// <param name="ShiftedAccuracy">Accuracy on the shifted test e-mails.</param>
/// <param name="AllParameters">Number of parameters (all of the classifier).</param>
/// <param name="AllLambdaMax">Largest Hessian eigenvalue over all parameters (Lanczos), NaN when not computed.</param>
/// <param name="AllLambdaResidual">‖Hv − λv‖/|λ| of that pair, NaN when not computed.</param>
/// <param name="AllTrace">Hutch++ trace over all parameters, NaN when not computed.</param>
/// <param name="AllTraceStderr">Standard error of <paramref name="AllTrace"/>.</param>
/// <param name="AllHvps">Hessian-vector products spent over all parameters.</param>
/// <param name="SubsetParameters">Number of parameters in the subset.</param>
/// <param name="Subset">Curvature and landscapes of the subset (<see cref="MultiScaleAnalysis"/> on the classifier's tail).</param>
/// <param name="TrainSeconds">Wall time of the training steps since the previous checkpoint.</param>
/// <param name="AnalysisSeconds">Wall time of evaluation and analysis at this checkpoint.</param>
public sealed record LanguageModelRow(FineTuningVariant Variant, int Seed, int Step, double Epoch, double LearningRate, double TrainLoss,
    double IdLoss, double IdAccuracy, double ShiftedLoss, double ShiftedAccuracy,
    long AllParameters, double AllLambdaMax, double AllLambdaResidual, double AllTrace, double AllTraceStderr, long AllHvps,
    long SubsetParameters, MultiScaleAnalysisResult Subset, double TrainSeconds, double AnalysisSeconds)
{
    /// <summary>1 − ID accuracy.</summary>
    public double IdError => 1 - IdAccuracy;

    /// <summary>1 − shifted accuracy.</summary>
    public double ShiftedError => 1 - ShiftedAccuracy;

    /// <summary>The subset landscape of <paramref name="dimensions"/> axes at <paramref name="distance"/>, or null when not sampled.</summary>
    public LandscapeSummary? Landscape(int dimensions, double distance) => Subset.Landscape(dimensions, distance);
}
