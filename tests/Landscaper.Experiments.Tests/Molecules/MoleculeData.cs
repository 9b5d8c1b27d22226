using Landscaper.Chemistry;

namespace Landscaper.Tests.Molecules;

/// <summary>The committed molecule data set, loaded once per test run.</summary>
internal static class MoleculeData
{
    private static readonly Lazy<MolecularDataset> Lazy = new(() => MolecularDataset.Load(Path.Combine(RepoPaths.Root, "data", "molecules")));

    public static MolecularDataset Dataset => Lazy.Value;
}
