using Landscaper.Models.Graphs;

namespace Landscaper.Tests.Models.Graphs;

/// <summary>Small random molecule-like graphs for the graph-model tests: a ring or chain backbone with a few branches, random
/// one-hot-ish features and random positions about 1.5 Å apart along the backbone.</summary>
internal static class TestGraphs
{
    public const int NodeFeatures = 7;
    public const int EdgeFeatures = 3;

    public static GraphData Random(int seed, int nodes, bool ring = false, int edgeFeatures = EdgeFeatures)
    {
        var rng = new Random(seed);
        var features = Enumerable.Range(0, nodes).Select(_ =>
        {
            var f = new float[NodeFeatures];
            f[rng.Next(4)] = 1;
            for (int k = 4; k < NodeFeatures; k++) f[k] = (float)rng.NextDouble();
            return f;
        }).ToArray();
        var positions = Enumerable.Range(0, nodes).Select(i => (1.5 * i + rng.NextDouble() * 0.3, rng.NextDouble() * 1.5, rng.NextDouble() * 1.5)).ToArray();
        var bonds = new List<(int, int)>();
        for (int i = 1; i < nodes; i++) bonds.Add((rng.Next(2) == 0 || i < 2 ? i - 1 : rng.Next(i - 1), i));
        if (ring && nodes > 2) bonds.Add((nodes - 1, 0));
        var edges = new List<(int, int)>();
        var ef = new List<float[]>();
        foreach (var (a, b) in bonds)
        {
            var f = Enumerable.Range(0, edgeFeatures).Select(_ => (float)rng.Next(2)).ToArray();
            edges.Add((a, b)); ef.Add(f);
            edges.Add((b, a)); ef.Add(f);
        }
        return new GraphData(features, positions, edges, edgeFeatures == 0 ? null : ef, edgeFeatures);
    }

    public static GraphData[] Several(int count, int seed = 0) =>
        Enumerable.Range(0, count).Select(i => Random(seed * 1000 + i, 3 + (i * 5 + seed) % 9, ring: i % 3 == 0)).ToArray();
}
