using System.Diagnostics;
using System.Text.Json;
using Landscaper.Data;
using Landscaper.IO;
using Landscaper.Native;
using Landscaper.ParameterSpace;
using Landscaper.Sampling;

namespace Landscaper.Tests.Cli;

/// <summary>
/// The artifact pipeline on a researcher's own model: a class library with a TorchSharp module is built in the test
/// (dotnet build, offline), then <c>train --model-type</c> → <c>directions --model-type --weights</c> →
/// <c>sample --directions FILE --shard i/n</c> → <c>merge</c>, compared byte for byte with a single-process run, and the
/// refusals of mismatched artifacts.
/// </summary>
[Collection(CliCollection.Name)]
[Trait("Category", "Process")]
public sealed class OwnModelPipelineTests
{
    private static readonly Lazy<string> UserAssembly = new(BuildUserAssembly);

    /// <summary>Writes and builds a class library with <c>UserModels.TinyNet</c> (parameterless constructor) and
    /// <c>UserModels.WideNetFactory</c> (an IModelFactory).</summary>
    private static string BuildUserAssembly()
    {
        string dir = TempFolders.Create("user-model");
        string torchDll = typeof(TorchSharp.torch).Assembly.Location;
        string landscaperDll = typeof(Landscaper.Models.IModelFactory).Assembly.Location;
        File.WriteAllText(Path.Combine(dir, "UserModels.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="TorchSharp"><HintPath>{torchDll}</HintPath><Private>false</Private></Reference>
                <Reference Include="Landscaper.Torch"><HintPath>{landscaperDll}</HintPath><Private>false</Private></Reference>
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "TinyNet.cs"), """
            using TorchSharp;
            using TorchSharp.Modules;
            using static TorchSharp.torch;

            namespace UserModels;

            /// A researcher's own classifier of 8×8 digits: [N, 1, 8, 8] → 10 logits.
            public sealed class TinyNet : nn.Module<Tensor, Tensor>
            {
                private readonly Linear hidden;
                private readonly Linear output;

                public TinyNet() : this(12) { }

                public TinyNet(int width) : base("tiny")
                {
                    hidden = nn.Linear(64, width);
                    output = nn.Linear(width, 10);
                    RegisterComponents();
                }

                public override Tensor forward(Tensor x) => output.call(nn.functional.tanh(hidden.call(x.flatten(1))));
            }

            public sealed class WideNetFactory : Landscaper.Models.IModelFactory
            {
                public nn.Module<Tensor, Tensor> Create() => new TinyNet(20);
            }
            """);
        var psi = new ProcessStartInfo("dotnet", ["build", dir, "-c", "Release", "-o", Path.Combine(dir, "out"), "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(240_000), "building the user assembly took more than 4 minutes");
        Assert.True(p.ExitCode == 0, $"dotnet build of the user model failed:\n{output}\n{err.GetAwaiter().GetResult()}");
        string dll = Path.Combine(dir, "out", "UserModels.dll");
        Assert.True(File.Exists(dll));
        return dll;
    }

    /// <summary>A data file with the first 300 digits as [N, 1, 8, 8] inputs and int64 labels.</summary>
    private static string DigitsFile(string dir)
    {
        TorchRuntime.Initialize(threads: 1);
        string path = Path.Combine(dir, "digits-300.npz");
        DataFile.Save(path, Digits.Load().Take(300).ToBatches(100, flatten: false));
        return path;
    }

    private static JsonElement Ok(params string[] args)
    {
        var (code, json) = CliTestHost.RunJson(args);
        Assert.True(code == 0, $"exit {code} for {string.Join(' ', args)}: {json}");
        return json;
    }

    [Fact]
    public void Own_model_from_a_user_assembly_goes_through_train_directions_shards_and_merge()
    {
        string dll = UserAssembly.Value;
        string dir = TempFolders.Create("own-model");
        string data = DigitsFile(dir);
        string type = $"UserModels.TinyNet, {dll}";
        string weights = Path.Combine(dir, "tiny.npz");
        var trained = Ok("train", "--model-type", type, "--data", data, "--epochs", "3", "--seed", "1", "--out", weights);
        Assert.Equal(12 * 64 + 12 + 10 * 12 + 10, trained.GetProperty("parameters").GetInt64());

        string[] model = ["--model-type", type, "--weights", weights, "--data", data, "--samples", "120", "--threads", "1"];
        string dirs = Path.Combine(dir, "dirs.npz");
        var made = Ok(["directions", .. model, "--kind", "hessian", "--top", "3", "--out", dirs]);
        Assert.True(made.GetProperty("converged").GetBoolean());
        Assert.Equal(3, made.GetProperty("eigenvalues").GetArrayLength());

        // The directions file is a plain .npz: one array per direction and parameter, eigenvalues, metadata.
        var arrays = Npz.Read(dirs);
        Assert.Contains("d2.hidden.weight", arrays.Keys);
        Assert.Equal(3, arrays["eigenvalues"].Count);
        Assert.Contains("\"kind\":\"hessian\"", arrays["metadata"].ToUtf8());

        string[] grid = ["--directions", dirs, "--dims", "3", "--steps", "9", "--distance", "0.2"];
        string single = Path.Combine(dir, "single.npz");
        Ok(["sample", .. model, .. grid, "--out", single, "--no-progress"]);
        var parts = Enumerable.Range(0, 3).Select(i => Path.Combine(dir, $"part-{i}.npz")).ToArray();
        for (int i = 0; i < 3; i++) Ok(["sample", .. model, .. grid, "--shard", $"{i}/3", "--out", parts[i], "--no-progress"]);
        string merged = Path.Combine(dir, "merged.npz");
        var m = Ok(["merge", .. parts, "--out", merged]);
        Assert.Equal(729, m.GetProperty("points").GetInt32());
        Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(merged));
        var header = SampleMerge.ReadHeader(merged)!;
        Assert.Equal(type, header.ModelName);
        Assert.Equal(made.GetProperty("modelFingerprint").GetString(), header.ModelFingerprint);

        // The factory convention builds another architecture; the same weights do not fit it (named parameter).
        var (code, _, err) = CliTestHost.Run(["hessian", "--model-type", $"UserModels.WideNetFactory, {dll}", "--weights", weights, "--data", data, "--top", "1"]);
        Assert.Equal(1, code);
        Assert.Contains("does not fit", err);
        Assert.Contains("hidden.weight", err);
    }

    [Fact]
    public void Artifacts_of_another_model_or_data_are_refused_with_the_mismatch_named()
    {
        string dir = TempFolders.Create("mismatch");
        string data = DigitsFile(dir);
        string w1 = Path.Combine(dir, "w1.npz"), w2 = Path.Combine(dir, "w2.npz");
        Ok("train", "--model", "mlp-digits", "--epochs", "1", "--seed", "1", "--out", w1);
        Ok("train", "--model", "mlp-digits", "--epochs", "1", "--seed", "2", "--out", w2);
        string dirs = Path.Combine(dir, "dirs.npz");
        Ok("directions", "--model", "mlp-digits", "--weights", w1, "--samples", "64", "--kind", "random", "--top", "2", "--out", dirs);

        // Directions of other weights: named by the settings, and — for a file of the same name — by the fingerprint.
        var (code, _, err) = CliTestHost.Run("sample", "--model", "mlp-digits", "--weights", w2, "--samples", "64", "--directions", dirs,
            "--steps", "5", "--out", Path.Combine(dir, "x.npz"));
        Assert.Equal(1, code);
        Assert.Contains("weights 'w1.npz', this run uses 'w2.npz'", err);
        string impostor = Path.Combine(TempFolders.Create("impostor"), "w1.npz");
        File.Copy(w2, impostor);
        (code, _, err) = CliTestHost.Run("sample", "--model", "mlp-digits", "--weights", impostor, "--samples", "64", "--directions", dirs,
            "--steps", "5", "--out", Path.Combine(dir, "x.npz"));
        Assert.Equal(1, code);
        Assert.Contains("other parameters (fingerprint", err);
        // Directions computed on other data (same weights).
        (code, _, err) = CliTestHost.Run("sample", "--model", "mlp-digits", "--weights", w1, "--samples", "32", "--directions", dirs,
            "--steps", "5", "--out", Path.Combine(dir, "y.npz"));
        Assert.Equal(1, code);
        Assert.Contains("samples '64'", err);
        // A shard of another grid does not merge, and the message names what differs.
        string[] run = ["sample", "--model", "mlp-digits", "--weights", w1, "--samples", "64", "--directions", dirs, "--no-progress"];
        Ok([.. run, "--steps", "5", "--shard", "0/2", "--out", Path.Combine(dir, "a0.npz")]);
        Ok([.. run, "--steps", "7", "--shard", "1/2", "--out", Path.Combine(dir, "b1.npz")]);
        (code, _, err) = CliTestHost.Run("merge", Path.Combine(dir, "a0.npz"), Path.Combine(dir, "b1.npz"), "--out", Path.Combine(dir, "m.npz"));
        Assert.Equal(1, code);
        Assert.Contains("the grid coordinates of axis 0", err);
        Assert.False(File.Exists(Path.Combine(dir, "m.npz")));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }
}
