using Landscaper.Directions;
using Landscaper.Hessian;
using Landscaper.Models;
using Landscaper.Native;
using TorchSharp;
using static TorchSharp.torch;
using Landscaper.ParameterSpace;

namespace Landscaper.Tests.Directions;

public class DirectionSetFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lsdirs").FullName;

    public DirectionSetFileTests() { TorchNative.EnsureLoaded(); torch.set_num_threads(1); }

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Round_trip_preserves_values_names_and_kind()
    {
        var sel = ParameterSelection.All(Seeded.Create(2, () => new SmallCnn(filters: 2, hidden: 4)));
        var set = FilterNormalization.Apply(RandomDirections.Orthonormal(sel, 3, seed: 1), OneDimensionalPolicy.Keep);
        string path = Path.Combine(_dir, "d.npz");
        DirectionSetFile.Save(set, path);
        DirectionSetFile.Save(set, path); // overwrite atomically
        Assert.Single(Directory.GetFiles(_dir));
        var back = DirectionSetFile.Load(path, sel);
        Assert.Equal(set.Names, back.Names);
        Assert.Equal(set.Kind, back.Kind);
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < sel.Parameters.Count; i++)
                Assert.True(set.Directions[k][i].equal(back.Directions[k][i]).all().item<bool>());
        var header = DirectionSetFile.ReadHeader(path);
        Assert.Equal(sel.Names, header.Parameters);
    }

    [Fact]
    public void Mismatched_model_and_corrupt_files_are_rejected()
    {
        var sel = ParameterSelection.All(Seeded.Create(2, () => new Mlp([4, 3, 2])));
        string path = Path.Combine(_dir, "d.npz");
        DirectionSetFile.Save(RandomDirections.Orthonormal(sel, 1, seed: 1), path);
        var other = ParameterSelection.All(Seeded.Create(2, () => new Mlp([4, 5, 2])));
        Assert.Equal("selection", Assert.Throws<ArgumentException>(() => DirectionSetFile.Load(path, other)).ParamName);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^8]);
        Assert.Throws<Landscaper.IO.NpyFormatException>(() => DirectionSetFile.Load(path, sel));
        bytes[0] = (byte)'X';
        File.WriteAllBytes(path, bytes);
        Assert.Throws<Landscaper.IO.NpyFormatException>(() => DirectionSetFile.Load(path, sel));
    }
}
