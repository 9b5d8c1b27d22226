namespace Landscaper.Molecules;

/// <summary>The two graph architectures of the molecular experiments.</summary>
public enum GraphArchitecture
{
    /// <summary>2-D message passing on the bond graph: <see cref="Models.Graphs.GinModel"/> (GINE).</summary>
    Gin,

    /// <summary>3-D continuous filters on interatomic distances: <see cref="Models.Graphs.SchNetModel"/>.</summary>
    SchNet,
}
