using Landscaper.Statistics;
namespace Landscaper.Experiments;

/// <summary>What the checkpoints of one architecture say about SMAD and curvature during training (immutable; from
/// <see cref="TrainingDynamicsFindings.For"/>). Spearman coefficients pool every checkpoint of every seed; NaN when a
/// series is constant (e.g. SMAD 0 everywhere).</summary>
/// <param name="Model">Model name.</param>
/// <param name="Seeds">Number of seeds.</param>
/// <param name="SmadFirst">SMAD at the first checkpoint (step 0), mean ± sd over seeds.</param>
/// <param name="SmadLast">SMAD at the last checkpoint, mean ± sd over seeds.</param>
/// <param name="LambdaMaxFirst">λ_max at the first checkpoint.</param>
/// <param name="LambdaMaxLast">λ_max at the last checkpoint.</param>
/// <param name="SeedsSmadDecreased">Seeds whose SMAD is lower at the last checkpoint than at the first.</param>
/// <param name="SeedsSmadIncreased">Seeds whose SMAD is higher at the last checkpoint than at the first.</param>
/// <param name="SpearmanSmadStep">Spearman ρ of SMAD with the training step.</param>
/// <param name="SpearmanSmadTestLoss">Spearman ρ of SMAD with the test loss.</param>
/// <param name="SpearmanSmadLambdaMax">Spearman ρ of SMAD with λ_max.</param>
/// <param name="SpearmanSmadTrace">Spearman ρ of SMAD with the Hessian trace.</param>
/// <param name="Intervals">Consecutive checkpoint pairs (over all seeds).</param>
/// <param name="Disagreements">Intervals in which SMAD and λ_max both change and move in opposite directions.</param>
/// <param name="SmadFlatCurvatureMoves">Intervals in which SMAD does not change while λ_max changes by more than 10 %.</param>
public sealed record ModelFindings(string Model, int Seeds, MeanSd SmadFirst, MeanSd SmadLast, MeanSd LambdaMaxFirst, MeanSd LambdaMaxLast,
    int SeedsSmadDecreased, int SeedsSmadIncreased, double SpearmanSmadStep, double SpearmanSmadTestLoss, double SpearmanSmadLambdaMax,
    double SpearmanSmadTrace, int Intervals, int Disagreements, int SmadFlatCurvatureMoves);
