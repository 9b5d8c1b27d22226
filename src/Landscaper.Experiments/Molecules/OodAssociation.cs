using Landscaper.Statistics;

namespace Landscaper.Molecules;

/// <summary>How one metric relates to OOD error across one population of models (immutable; from
/// <see cref="MolecularOodAssociations"/>).</summary>
/// <param name="Label">Label of the population.</param>
/// <param name="Split">Split kind of the population.</param>
/// <param name="Subset">"all" (both architectures pooled), "gin" or "schnet".</param>
/// <param name="Metric">Metric name (a column of <see cref="MolecularOodResult.ToCsv"/>, or <c>idRmse</c>).</param>
/// <param name="Description">The metric in plain words.</param>
/// <param name="Spearman">Spearman ρ(metric, OOD RMSE) with a bootstrap 95 % percentile interval (resampling models).</param>
/// <param name="Partial">Partial Spearman ρ(metric, OOD RMSE | ID RMSE) with its interval; null for the ID RMSE itself.</param>
public sealed record OodAssociation(string Label, OodSplitKind Split, string Subset, string Metric, string Description,
    BootstrapInterval Spearman, BootstrapInterval? Partial)
{
    /// <summary>Models in the population.</summary>
    public int Count => Spearman.Count;

    /// <summary>Split name (<c>tail</c>, <c>scaffold</c>, <c>random</c>).</summary>
    public string SplitName => Split switch { OodSplitKind.PropertyTail => "tail", OodSplitKind.Scaffold => "scaffold", _ => "random" };
}
