using Landscaper.Language.Bert;
using Landscaper.Language.Onnx;
using Landscaper.Language.Resources;
using Xunit.Abstractions;

namespace Landscaper.Language.Tests;

public class MappingProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var model = OnnxModel.Parse(MiniLmResources.ReadOnnx());
        var map = BertOnnxMapper.Map(model.Graph);
        output.WriteLine(map.Config.ToString());
        foreach (var b in map.Bindings) output.WriteLine($"{b.Parameter} <- {b.Initializer} {string.Join("x", b.OnnxShape)} T={b.Transpose}");
        foreach (var kv in map.Ignored) output.WriteLine($"ignored {kv.Key}: {kv.Value}");
        output.WriteLine("structural: " + string.Join(", ", map.Structural));
    }
}
