namespace Landscaper.Models.Graphs;

/// <summary>How a graph model turns node vectors into one vector per graph.</summary>
public enum GraphReadout
{
    /// <summary>Sum over the graph's nodes (extensive: grows with the number of nodes).</summary>
    Sum,

    /// <summary>Mean over the graph's nodes (intensive).</summary>
    Mean,
}
