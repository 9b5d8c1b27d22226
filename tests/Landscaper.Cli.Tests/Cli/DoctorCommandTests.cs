namespace Landscaper.Tests.Cli;

public class DoctorCommandTests
{
    [Fact]
    public void Doctor_json_reports_ok_and_the_contract_fields()
    {
        var (exit, json) = CliTestHost.RunJson("doctor");
        Assert.Equal(0, exit);
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("0.107.0", json.GetProperty("torchsharp").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("libtorch").GetString()));
        Assert.Contains(json.GetProperty("glibcxxWorkaround").ValueKind, new[] { System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False });
        Assert.InRange(json.GetProperty("hvpRelativeError").GetDouble(), 0, 1e-5);
    }

    [Fact]
    public void Unknown_command_fails_with_nonzero_exit()
    {
        var (exit, _, err) = CliTestHost.Run("no-such-command");
        Assert.NotEqual(0, exit);
        Assert.Contains("no-such-command", err);
    }
}
