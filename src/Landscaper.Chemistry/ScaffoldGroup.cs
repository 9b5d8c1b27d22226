namespace Landscaper.Chemistry;

/// <summary>Molecules sharing one Murcko scaffold.</summary>
/// <param name="Key">Canonical SMILES of the scaffold (<see cref="MurckoScaffold.Key"/>); "" for acyclic molecules.</param>
/// <param name="Members">Indices of the member molecules, ascending.</param>
public sealed record ScaffoldGroup(string Key, IReadOnlyList<int> Members);
