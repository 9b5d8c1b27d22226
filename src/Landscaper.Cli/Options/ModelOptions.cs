using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Landscaper.Cli.Output;
using Landscaper.Data;
using Landscaper.Models;
using Landscaper.Native;
using Landscaper.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Cli.Options;

/// <summary>What a command analyses, as given on the command line: a model (built-in name, or a module type of the
/// user's assembly) with optional weights, the data, and the precision. Checked without loading anything.</summary>
/// <param name="Model">Built-in model name, or null when <paramref name="ModelType"/> is given.</param>
/// <param name="ModelType">"Namespace.Type, Assembly.dll", or null.</param>
/// <param name="Weights">Full path of the weights file, or null (built-in models are then trained).</param>
/// <param name="Data">"digits" or the full path of a data file.</param>
/// <param name="Samples">Samples the quantities are computed on.</param>
/// <param name="Seed">Seed of the data split and of training.</param>
/// <param name="Epochs">Training epochs (built-in model without weights).</param>
/// <param name="Dtype">Precision of the model and data.</param>
/// <param name="Threads">libtorch intra-op threads.</param>
public sealed record ModelSpec(string? Model, string? ModelType, string? Weights, string Data, int Samples, int Seed, int Epochs, ScalarType Dtype, int Threads)
{
    /// <summary>How the model is referenced in outputs.</summary>
    public string Reference => Model ?? ModelType!;

    /// <summary>Whether the model will be trained now (a built-in model without weights).</summary>
    public bool TrainsNow => Weights is null;

    /// <summary>The settings recorded in every output of the run (and compared when resuming or merging).</summary>
    public Dictionary<string, string> Info()
    {
        var info = new Dictionary<string, string>
        {
            ["model"] = Reference,
            ["data"] = Data == "digits" ? "digits" : System.IO.Path.GetFileName(Data),
            ["samples"] = Samples.ToString(CultureInfo.InvariantCulture),
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["dtype"] = Dtype == ScalarType.Float64 ? "float64" : "float32",
        };
        if (TrainsNow) info["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture);
        else info["weights"] = System.IO.Path.GetFileName(Weights!);
        return info;
    }
}

/// <summary>A model ready for analysis: the module (eval mode) and the batches the quantities are computed on.</summary>
/// <param name="Spec">What was asked for.</param>
/// <param name="Model">The module.</param>
/// <param name="Batches">The analysis batches (one batch of <see cref="ModelSpec.Samples"/> samples).</param>
/// <param name="Train">Training-set evaluation when the model was trained now, else null.</param>
/// <param name="Test">Test-set evaluation when the model was trained now, else null.</param>
/// <param name="TrainSeconds">Time spent building/training/loading.</param>
public sealed record LoadedModel(ModelSpec Spec, nn.Module<Tensor, Tensor> Model, IReadOnlyList<Batch> Batches, Evaluation? Train, Evaluation? Test, double TrainSeconds);

/// <summary>The options that say which model and data a command works on, shared by <c>train</c>, <c>hessian</c>,
/// <c>directions</c> and <c>sample</c>.</summary>
public sealed class ModelOptions
{
    private readonly Option<string?> _model = new("--model") { Description = $"Built-in model: {string.Join(", ", BuiltInModel.Names)} (default mlp-digits)." };
    private readonly Option<string?> _modelType = new("--model-type") { Description = "Your own module instead: \"Namespace.Type, path/to/Assembly.dll\" (a public parameterless constructor, or an IModelFactory); needs --weights." };
    private readonly Option<string?> _weights = new("--weights") { Description = "Weights file (.npz from `landscaper train` or ModelStateFile.Save). Without it a built-in model is trained first (--epochs, --seed)." };
    private readonly Option<string> _data = new("--data") { Description = "digits (embedded UCI digits) or a data file .npz with arrays 'inputs' and 'targets'.", DefaultValueFactory = _ => "digits" };
    private readonly Option<int> _samples = new("--samples") { Description = "Samples the loss is computed on (the first N of the training split, or of the data file).", DefaultValueFactory = _ => 256 };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed of the data split and of training.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _epochs = new("--epochs") { Description = "Training epochs of a built-in model without --weights.", DefaultValueFactory = _ => 10 };
    private readonly Option<string> _dtype = new("--dtype") { Description = "float32 or float64.", DefaultValueFactory = _ => "float32" };
    private readonly Option<int?> _threads = new("--threads") { Description = $"libtorch intra-op threads (default: {TorchRuntime.ThreadsVariable} or 1, the fast choice for small models)." };

    /// <summary>Creates the options; <paramref name="trainingOnly"/> leaves out <c>--weights</c> (for <c>train</c>, which writes weights).</summary>
    public ModelOptions(bool trainingOnly = false) => TrainingOnly = trainingOnly;

    private bool TrainingOnly { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        _dtype.AcceptOnlyFromAmong("float32", "float64");
        foreach (var o in new Option[] { _model, _modelType, _data, _samples, _seed, _epochs, _dtype, _threads }) command.Options.Add(o);
        if (!TrainingOnly) command.Options.Add(_weights);
    }

    /// <summary>Reads and checks the options (files exist, names known, numbers in range) without loading anything.</summary>
    /// <exception cref="CliException">A bad combination or value, named by its option.</exception>
    public ModelSpec Parse(ParseResult result)
    {
        string? model = result.GetValue(_model), type = result.GetValue(_modelType), weights = TrainingOnly ? null : result.GetValue(_weights);
        if (model is not null && type is not null) throw new CliException("Give either --model or --model-type, not both.");
        if (type is null) model ??= "mlp-digits";
        if (model is not null && !BuiltInModel.Names.Contains(model))
            throw new CliException($"--model '{model}' is not a built-in model; use one of {string.Join(", ", BuiltInModel.Names)}, or --model-type for your own.");
        if (type is not null)
        {
            if (weights is null && !TrainingOnly) throw new CliException("--model-type needs --weights (the trained parameters of your module).");
            try { ModelTypes.Resolve(type); }
            catch (ArgumentException ex) { throw new CliException(CliErrors.Message(ex), inner: ex); }
        }
        if (weights is not null)
        {
            weights = System.IO.Path.GetFullPath(weights);
            if (!File.Exists(weights)) throw new CliException($"--weights '{weights}' does not exist.");
        }
        string data = result.GetValue(_data)!;
        if (data != "digits")
        {
            data = System.IO.Path.GetFullPath(data);
            if (!File.Exists(data)) throw new CliException($"--data '{data}' is neither 'digits' nor an existing data file (.npz with 'inputs' and 'targets').");
        }
        int samples = result.GetValue(_samples), epochs = result.GetValue(_epochs);
        if (samples < 1) throw new CliException($"--samples must be at least 1 (got {samples}).");
        if (epochs < 0) throw new CliException($"--epochs must be 0 or more (got {epochs}).");
        int threads;
        try { threads = result.GetValue(_threads) ?? TorchRuntime.DefaultThreads(); }
        catch (FormatException ex) { throw new CliException(ex.Message, inner: ex); }
        if (threads < 1) throw new CliException($"--threads must be at least 1 (got {threads}).");
        var dtype = result.GetValue(_dtype) == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        return new ModelSpec(model, type, weights, data, samples, result.GetValue(_seed), epochs, dtype, threads);
    }

    /// <summary>Builds (and trains, or loads the weights of) the model and prepares the analysis batches.</summary>
    /// <exception cref="CliException">Weights that do not fit the model, or a data file that does not fit it.</exception>
    public static LoadedModel Load(ModelSpec spec, Action<string>? log = null)
    {
        TorchRuntime.Initialize(spec.Threads);
        var sw = Stopwatch.StartNew();
        nn.Module<Tensor, Tensor> model;
        bool flatten = false;
        double learningRate = 1e-2;
        if (spec.Model is not null)
        {
            var built = BuiltInModel.Build(spec.Model, spec.Seed);
            model = built.Model;
            flatten = built.FlattenInputs;
            learningRate = built.LearningRate;
        }
        else model = ModelTypes.Create(spec.ModelType!);

        Evaluation? train = null, test = null;
        IReadOnlyList<Batch> analysis;
        if (spec.Data == "digits")
        {
            var (trainSet, testSet) = Digits.Load().Split(0.2, spec.Seed);
            if (spec.TrainsNow)
            {
                model = spec.Dtype == ScalarType.Float64 ? model.to(ScalarType.Float64) : model;
                var trainBatches = trainSet.ToBatches(64, flatten, dtype: spec.Dtype);
                var testBatches = testSet.ToBatches(512, flatten, dtype: spec.Dtype);
                log?.Invoke($"training {spec.Reference} for {spec.Epochs} epochs (seed {spec.Seed})");
                Trainer.Train(model, trainBatches, new TrainingOptions(spec.Epochs, learningRate, "adam", spec.Seed));
                train = Trainer.Evaluate(model, trainBatches);
                test = Trainer.Evaluate(model, testBatches);
            }
            analysis = trainSet.Take(spec.Samples).ToBatches(spec.Samples, flatten, dtype: spec.Dtype);
        }
        else
        {
            analysis = DataFile.Load(spec.Data, spec.Samples, dtype: spec.Dtype);
            if (spec.TrainsNow)
            {
                model = spec.Dtype == ScalarType.Float64 ? model.to(ScalarType.Float64) : model;
                var all = DataFile.Load(spec.Data, batchSize: 64, dtype: spec.Dtype);
                log?.Invoke($"training {spec.Reference} for {spec.Epochs} epochs on {System.IO.Path.GetFileName(spec.Data)} (seed {spec.Seed})");
                Trainer.Train(model, all, new TrainingOptions(spec.Epochs, learningRate, "adam", spec.Seed));
                train = Trainer.Evaluate(model, all);
            }
        }
        if (!spec.TrainsNow) model = LoadWeights(model, spec);
        model.eval();
        CheckFits(model, analysis, spec);
        return new LoadedModel(spec, model, analysis, train, test, sw.Elapsed.TotalSeconds);
    }

    private static nn.Module<Tensor, Tensor> LoadWeights(nn.Module<Tensor, Tensor> model, ModelSpec spec)
    {
        var (state, _) = ModelStateFile.Load(spec.Weights!);
        var floating = state.Entries.Where(e => e.DType is ScalarType.Float32 or ScalarType.Float64).Select(e => e.DType).Distinct().ToArray();
        if (floating.Length == 1 && floating[0] == ScalarType.Float64) model = model.to(ScalarType.Float64);
        try { state.RestoreInto(model); }
        catch (ArgumentException ex)
        {
            throw new CliException($"--weights '{System.IO.Path.GetFileName(spec.Weights)}' does not fit {spec.Reference}: {CliErrors.Message(ex)}", inner: ex);
        }
        return model.to(spec.Dtype);
    }

    /// <summary>Runs the model once on a few samples so that a data file of the wrong shape fails here, with a clear
    /// message, and not as a native error inside the Hessian or the sampler.</summary>
    private static void CheckFits(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches, ModelSpec spec)
    {
        try { BatchLoss.Probe(model, batches); }
        catch (ArgumentException ex)
        {
            throw new CliException($"--data '{System.IO.Path.GetFileName(spec.Data)}' does not fit {spec.Reference}: {CliErrors.Message(ex)}", inner: ex);
        }
    }
}
