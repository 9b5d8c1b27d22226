using BenchmarkDotNet.Attributes;
using Landscaper;
using Landscaper.Topology;
using Landscaper.Metrics;
using Landscaper.Synthetic;

/// <summary>Full topology analysis (both merge trees, basins, pairs, SMAD) on seeded smooth random fields.</summary>
[MemoryDiagnoser]
public class TopologyBenchmarks
{
    private Landscape _landscape = null!;

    /// <summary>Grid as "steps^dims".</summary>
    [Params("41^2", "21^3", "11^4", "101^3", "41^4")]
    public string Grid { get; set; } = "41^2";

    /// <summary>Builds the field (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parts = Grid.Split('^');
        _landscape = SyntheticLandscapes.GaussianBumps(int.Parse(parts[1]), int.Parse(parts[0]), seed: 7);
    }

    /// <summary>The whole analysis.</summary>
    [Benchmark]
    public TopologyAnalysis Analyze() => LandscapeTopology.Analyze(_landscape);

    /// <summary>Sublevel merge tree alone (includes its basins).</summary>
    [Benchmark]
    public MergeTree SublevelMergeTree() => MergeTree.Build(_landscape);

    /// <summary>Descending basins alone.</summary>
    [Benchmark]
    public Basins DescendingBasins() => Basins.Descending(_landscape);
}
