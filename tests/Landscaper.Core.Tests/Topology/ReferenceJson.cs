using System.Text.Json;
using Landscaper.Metrics;

namespace Landscaper.Tests.Topology;

/// <summary>The Python package's measured reference for one landscape.</summary>
internal sealed record ReferencePair(int SaddleIdx, int MinIdx, double SaddleValue, double MinValue, int BasinSize);

internal sealed record Reference(
    int MtNodes, int MtEdges, int MtLeaves, int MtBranches, int MscNMinima, int MscNMaxima,
    double SmadPlain, double SmadNormalized, double SmadNormalizedWeighted, double PersistenceRange,
    ReferencePair[] PairsDetail, int[] UnstableManifoldsSizesSorted)
{
    public static Reference Load(string name)
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return JsonSerializer.Deserialize<Reference>(File.ReadAllText(RepoPaths.TestData(name)), options)!;
    }
}
