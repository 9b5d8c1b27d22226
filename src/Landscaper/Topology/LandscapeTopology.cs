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

        // One flat-order pass per filtration finds each point's earlier neighbours (a bit mask, reused by the sweep) and its
        // steepest earlier neighbour (the basin pointer). It is timed as part of the basins.
        var earlier = neighbourhood.DirectionCount <= EarlierNeighbourPass.MaxMaskDirections ? new uint[values.Length] : null;

        basinTime.Start();
        var descentPointers = new int[values.Length];
        EarlierNeighbourPass.Run(values, neighbourhood, +1, earlier, descentPointers);
        var descending = Basins.FromSteepest(values, descentPointers, Filtration.Sublevel);
        basinTime.Stop();

        mergeTreeTime.Start();
        var order = FiltrationOrder.Sublevel(values);
        var sublevel = MergeTreeSweep.Run(values, order, neighbourhood, Filtration.Sublevel, earlier);
        mergeTreeTime.Stop();

        basinTime.Start();
        var ascentPointers = new int[values.Length];
        EarlierNeighbourPass.Run(values, neighbourhood, -1, earlier, ascentPointers);
        var ascending = Basins.FromSteepest(values, ascentPointers, Filtration.Superlevel);
        basinTime.Stop();

        mergeTreeTime.Start();
        order = FiltrationOrder.ReverseKeepingTies(order, values);
        var superlevel = MergeTreeSweep.Run(values, order, neighbourhood, Filtration.Superlevel, earlier);
        mergeTreeTime.Stop();

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
