namespace Landscaper.Tests.Topology;

/// <summary>Locates the reference .npz files copied into the test output and reads them with the library's reader.</summary>
internal static class TestNpz
{
    public static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static Landscape ReadLandscape(string npzPath) => Landscaper.IO.Npz.ReadLandscape(npzPath);
}
