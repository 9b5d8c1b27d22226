using System.Text.Json;
using Landscaper.Cli;

namespace Landscaper.Tests.Hessian;

[Collection(Landscaper.Tests.Cli.CliCollection.Name)]
public class HessianCommandTests
{
    public HessianCommandTests() => Landscaper.Native.TorchRuntime.Initialize(threads: 1);

    [Theory]
    [InlineData("lanczos")]
    [InlineData("power")]
    public void Json_output_has_the_contract_fields(string method)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(["hessian", "--model", "mlp-digits", "--top", "2", "--method", method, "--epochs", "2", "--samples", "64", "--json"], o, e);
        Assert.True(code == 0, e.ToString());
        using var doc = JsonDocument.Parse(o.ToString());
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("eigenvalues").GetArrayLength());
        Assert.Equal(2, root.GetProperty("residuals").GetArrayLength());
        Assert.True(root.GetProperty("hvps").GetInt64() > 0);
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.True(double.IsFinite(root.GetProperty("trace").GetProperty("value").GetDouble()));
        Assert.True(root.GetProperty("trace").GetProperty("stderr").GetDouble() >= 0);
    }

    [Fact]
    public void Unknown_method_is_rejected()
    {
        var e = new StringWriter();
        Assert.NotEqual(0, CliApp.Run(["hessian", "--method", "qr"], new StringWriter(), e));
    }
}
