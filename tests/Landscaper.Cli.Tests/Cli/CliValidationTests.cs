using System.Diagnostics;
using Landscaper.Cli.Options;

namespace Landscaper.Tests.Cli;

/// <summary>Bad input is refused before any work, in the CLI's words, in one line, with exit code 1 (3 for a solver that
/// did not converge); stack traces only with --verbose; outputs are never clobbered.</summary>
[Collection(CliCollection.Name)]
public sealed class CliValidationTests
{
    /// <summary>Runs the CLI in-process, asserts a failure with one <c>error:</c> line that contains every fragment, and
    /// that it came quickly (before any training).</summary>
    private static string Refused(string[] args, params string[] fragments)
    {
        var sw = Stopwatch.StartNew();
        var (code, _, err) = CliTestHost.Run(args);
        sw.Stop();
        Assert.True(code == 1, $"exit {code} for {string.Join(' ', args)}: {err}");
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", err);                 // no stack trace without --verbose
        Assert.DoesNotContain("(Parameter '", err);           // no API words
        foreach (var f in fragments) Assert.Contains(f, err);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"refused after {sw.Elapsed.TotalSeconds:F1} s: validation must come before training");
        return err;
    }

    [Fact]
    public void Output_names_are_checked_before_any_work()
    {
        string dir = TempFolders.Create("cli-out");
        string json = Path.Combine(dir, "X.json");
        Refused(["sample", "--out", json], "--out", "must end in .npz");
        Assert.False(File.Exists(json));
        Refused(["sample", "--out", dir], "is a directory");
        Refused(["merge", "a.npz", "--out", Path.Combine(dir, "m.npz")], "shard file 'a.npz' does not exist");
        Refused(["train", "--out", "/proc/landscaper-test/w.npz"], "cannot write in '/proc/landscaper-test'");
        Refused(["sample"], "--out is required");
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Options_are_checked_before_any_training_in_the_clis_words()
    {
        string dir = TempFolders.Create("cli-opt");
        string o = Path.Combine(dir, "o.npz");
        Refused(["hessian", "--top", "0"], "--top must be at least 1");
        Refused(["hessian", "--tolerance", "-1"], "--tolerance must be a positive number");
        Refused(["sample", "--directions", "sideways", "--out", o], "--directions 'sideways' is neither a kind");
        Refused(["sample", "--distance", "0", "--out", o], "--distance must be a positive number");
        Refused(["sample", "--steps", "41,41,41", "--dims", "2", "--out", o], "--steps lists 3 values but --dims is 2");
        Refused(["sample", "--steps", "99999", "--dims", "3", "--out", o], "more than one run can hold");
        Refused(["sample", "--shard", "3/2", "--out", o], "--shard");
        Refused(["sample", "--model", "gpt-9", "--out", o], "--model 'gpt-9' is not a built-in model", "mlp-digits");
        Refused(["sample", "--model-type", "Foo.Bar, missing.dll", "--weights", "w.npz", "--out", o], "missing.dll");
        Refused(["sample", "--weights", Path.Combine(dir, "none.npz"), "--out", o], "--weights", "does not exist");
        Refused(["sample", "--data", Path.Combine(dir, "none.npz"), "--out", o], "--data");
        Refused(["sample", "--non-finite", "Replace", "--out", o], "--non-finite");
        Refused(["sample", "--threads", "0", "--out", o], "--threads must be at least 1");
        Refused(["hessian", "--epochs", "-1"], "--epochs must be 0 or more");
    }

    [Fact]
    public void A_missing_required_option_is_one_line_and_a_pointer_to_help()
    {
        var (code, stdout, err) = CliTestHost.Run(["merge"]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 3, err);
        Assert.Contains("--help", lines[^1]);
    }

    [Fact]
    public void Stack_traces_only_with_verbose()
    {
        var (code, _, err) = CliTestHost.Run(["analyze", "/nonexistent/x.npz", "--verbose"]);
        Assert.Equal(1, code);
        Assert.Contains("error:", err);
        Assert.Contains("   at ", err);
    }

    [Fact]
    public void A_run_that_does_not_converge_exits_3_unless_allowed()
    {
        string[] common = ["hessian", "--model", "mlp-digits", "--epochs", "1", "--samples", "64", "--top", "2", "--tolerance", "1e-300", "--threads", "1"];
        var (code, _, err) = CliTestHost.Run(common);
        Assert.Equal(3, code);
        Assert.Contains("did not converge", err);
        (code, _, err) = CliTestHost.Run([.. common, "--allow-unconverged"]);
        Assert.True(code == 0, err);
    }

    [Fact]
    public void An_output_held_by_another_writer_is_refused_naming_the_holder()
    {
        string dir = TempFolders.Create("cli-lock");
        string o = Path.Combine(dir, "held.npz");
        using (OutputTarget.Check(o).Acquire("test-holder"))
            Refused(["sample", "--out", o], "is being written by landscaper test-holder (pid");
        Assert.False(File.Exists(o));
    }

    [Fact]
    public void An_output_of_another_run_is_not_replaced_without_force()
    {
        string dir = TempFolders.Create("cli-force");
        string o = Path.Combine(dir, "r.npz");
        string[] run = ["sample", "--epochs", "1", "--samples", "32", "--steps", "5", "--directions", "random", "--no-progress", "--out", o];
        var (code, _, err) = CliTestHost.Run([.. run, "--seed", "1"]);
        Assert.True(code == 0, err);
        byte[] before = File.ReadAllBytes(o);
        Refused([.. run, "--seed", "7", "--resume"], "written by another run", "seed", "--force");
        Assert.Equal(before, File.ReadAllBytes(o));
        (code, _, err) = CliTestHost.Run([.. run, "--seed", "1", "--resume"]);
        Assert.True(code == 0, err);
        Assert.Contains("already holds this run", CliTestHost.Run([.. run, "--seed", "1", "--resume"]).Out);
        (code, _, err) = CliTestHost.Run([.. run, "--seed", "7", "--force"]);
        Assert.True(code == 0, err);
        Assert.NotEqual(before, File.ReadAllBytes(o));
    }
}
