using Landscaper.Models;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Tests.Native;

public class TorchNativeTests
{
    [Fact]
    public void TorchSharp_loads_and_reports_the_workaround()
    {
        var s = TorchNative.EnsureLoaded();
        Assert.Equal("0.107.0", s.TorchSharpVersion);
        Assert.True(File.Exists(s.NativeLibraryPath) || s.NativeLibraryPath.StartsWith('('));
        if (s.GlibcxxWorkaround)
        {
            Assert.Contains("GLIBCXX_3.4.32", s.MissingVersions);
            Assert.StartsWith(TorchNative.CacheRoot(), s.NativeLibraryPath);
        }
        Assert.Same(s, TorchNative.EnsureLoaded());
    }

    [Fact]
    public void Hvp_self_check_agrees_with_finite_differences()
    {
        var (err, n) = Landscaper.Diagnostics.HvpSelfCheck.Run(seed: 3);
        Assert.True(err < 1e-6, $"relative error {err}");
        Assert.Equal(16 * 8 + 16 + 3 * 16 + 3, n);
    }

    [Fact]
    public void Mismatched_input_gives_an_exception_not_a_dead_test_host()
    {
        TorchNative.EnsureLoaded();
        var mlp = Seeded.Create(0, () => new Mlp([64, 8, 10]));
        var ex = Assert.Throws<ArgumentException>(() => mlp.call(zeros(4, 63)));
        Assert.Contains("[batch, 64]", ex.Message);
        Assert.Contains("63", ex.Message);
        var cnn = Seeded.Create(0, () => new SmallCnn());
        Assert.Throws<ArgumentException>(() => cnn.call(zeros(2, 3, 8, 8)));
        Assert.Equal(new long[] { 4, 10 }, mlp.call(zeros(4, 64)).shape);
    }
}
