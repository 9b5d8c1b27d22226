using Landscaper.Topology;
using System.Diagnostics;

namespace Landscaper.Metrics;

/// <summary>The topology engine's single entry point.</summary>
public static class LandscapeTopology
{
    /// <summary>Computes both merge trees, both basin labellings, both persistence diagrams, the SMAD pairs and
    /// variants and <c>persistence_range</c>, with timings. No full sort: basins come from one pass in memory order,
    /// and each merge tree from a union-find over basins swept at the few points where basins meet.</summary>
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

        // Basins first (one flat pass + pointer compression each), then each merge tree from its basins (no full sort).
        basinTime.Start();
        var descentPointers = new int[values.Length];   // become the sublevel tree's arc labels
        var ascentPointers = new int[values.Length];    // become the superlevel tree's arc labels
        var descending = Basins.Compute(values, neighbourhood, Filtration.Sublevel, descentPointers);
        var ascending = Basins.Compute(values, neighbourhood, Filtration.Superlevel, ascentPointers);
        basinTime.Stop();

        mergeTreeTime.Start();
        var sublevel = MergeTreeFromBasins.Build(values, neighbourhood, descending, descentPointers);
        var superlevel = MergeTreeFromBasins.Build(values, neighbourhood, ascending, ascentPointers);
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
