using Landscaper.Experiments;

namespace Landscaper.Molecules;

/// <summary>One trained model of a <see cref="MolecularOodExperiment"/>: what it is, its errors in label units and the curvature
/// and landscape topology at its trained parameters. Immutable.</summary>
/// <param name="Label">Predicted label.</param>
/// <param name="Split">Split kind.</param>
/// <param name="Model">Architecture, size, regularisation, seed.</param>
/// <param name="Parameters">Trainable parameter count.</param>
/// <param name="TrainCount">Training molecules.</param>
/// <param name="IdCount">ID test molecules.</param>
/// <param name="OodCount">OOD test molecules.</param>
/// <param name="TrainRmse">RMSE on the training molecules, label units.</param>
/// <param name="IdRmse">RMSE on the ID test molecules, label units.</param>
/// <param name="OodRmse">RMSE on the OOD test molecules, label units.</param>
/// <param name="Analysis">λ, trace and the landscapes (loss = mean squared error of the standardised label on the analysis molecules).</param>
/// <param name="TrainSeconds">Wall time of training and evaluation.</param>
public sealed record MolecularOodRow(string Label, OodSplitKind Split, MolecularModelSpec Model, long Parameters, int TrainCount, int IdCount,
    int OodCount, double TrainRmse, double IdRmse, double OodRmse, MultiScaleAnalysisResult Analysis, double TrainSeconds)
{
    /// <summary>Split name (<c>tail</c>, <c>scaffold</c>, <c>random</c>).</summary>
    public string SplitName => Split switch { OodSplitKind.PropertyTail => "tail", OodSplitKind.Scaffold => "scaffold", _ => "random" };

    /// <summary>OOD RMSE / ID RMSE.</summary>
    public double OodIdRatio => OodRmse / IdRmse;

    /// <summary>The landscape summary of <paramref name="dimensions"/> axes at <paramref name="distance"/>, or null.</summary>
    public LandscapeSummary? Landscape(int dimensions, double distance) => Analysis.Landscape(dimensions, distance);
}
