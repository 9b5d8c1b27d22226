using System.Text.Json;
using Landscaper.IO;
using Landscaper.Metrics;

// Usage: Landscaper.Core.Probe FILE.npz
// Prints one JSON object: the topology summary of the landscape, the assemblies loaded in this process and the native
// libraries mapped into it (from /proc/self/maps), so a test can check that the core layer works on its own.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Landscaper.Core.Probe FILE.npz");
    return 2;
}
var landscape = Npz.ReadLandscape(args[0]);
var analysis = LandscapeTopology.Analyze(landscape);
var assemblies = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").Order(StringComparer.Ordinal).ToArray();
var natives = File.Exists("/proc/self/maps")
    ? File.ReadLines("/proc/self/maps").Select(l => l.IndexOf('/') is int i and >= 0 ? l[i..].Trim() : "")
        .Where(p => p.EndsWith(".so", StringComparison.Ordinal) || p.Contains(".so.", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToArray()
    : [];
Console.WriteLine(JsonSerializer.Serialize(new
{
    points = landscape.Count,
    minima = analysis.SublevelTree.LeafCount,
    smad = analysis.Smad.Plain,
    persistenceRange = analysis.PersistenceRange,
    assemblies,
    natives,
}));
return 0;
