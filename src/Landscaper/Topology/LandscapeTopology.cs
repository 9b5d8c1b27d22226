using System.Diagnostics;

namespace Landscaper.Topology;

/// <summary>The topology engine's single entry point.</summary>
public static class LandscapeTopology
{
    /// <summary>Computes both merge trees, both basin labellings, both persistence diagrams, the SMAD pairs and
    /// variants and <c>persistence_range</c>, with timings. One sort serves everything: the superlevel order is the
    /// sublevel order reversed (ties re-ordered by index).</summary>
    /// <exception cref="ArgumentException">Non-finite values and a policy other than <see cref="NonFinitePolicy.Replace"/>:
    /// the message names how many values and the first flat index.</exception>
    public static TopologyAnalysis Analyze(Landscape landscape, TopologyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        options ??= TopologyOptions.Default;
        var total = Stopwatch.StartNew();
        if (options.NonFinitePolicy == NonFinitePolicy.Replace) landscape = landscape.WithNonFinitePolicy(NonFinitePolicy.Replace);
        landscape.EnsureFinite(nameof(landscape));

        var values = landscape.ValuesArray;
        var neighbourhood = GridNeighbourhood.For(landscape, options.Connectivity);
        var mergeTreeTime = new Stopwatch();
        var basinTime = new Stopwatch();

        mergeTreeTime.Start();
        var order = FiltrationOrder.Sublevel(values);
        var sublevel = MergeTreeSweep.Run(values, order, neighbourhood, Filtration.Sublevel);
        mergeTreeTime.Stop();

        basinTime.Start();
        var descending = Basins.Compute(values, order, neighbourhood, Filtration.Sublevel);
        basinTime.Stop();

        mergeTreeTime.Start();
        order = FiltrationOrder.ReverseKeepingTies(order, values);
        var superlevel = MergeTreeSweep.Run(values, order, neighbourhood, Filtration.Superlevel);
        mergeTreeTime.Stop();

        basinTime.Start();
        var ascending = Basins.Compute(values, order, neighbourhood, Filtration.Superlevel);
        basinTime.Stop();

        var minima = PersistenceDiagram.FromMergeTree(sublevel);
        var maxima = PersistenceDiagram.FromMergeTree(superlevel);
        var pairs = Smad.Pairs(sublevel, descending);
        double range = sublevel.Root.Value - sublevel.Nodes[0].Value;
        var smad = Smad.Compute(pairs, range, values.Length);
        double persistenceRange = PersistenceRange.Of(minima, maxima);
        total.Stop();

        var timings = new TopologyTimings(mergeTreeTime.Elapsed.TotalSeconds, basinTime.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds);
        return new TopologyAnalysis(landscape, options, sublevel, superlevel, descending, ascending, minima, maxima, pairs, smad, persistenceRange, timings);
    }
}
