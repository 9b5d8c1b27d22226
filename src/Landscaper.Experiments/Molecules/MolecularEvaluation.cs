using Landscaper.Models.Graphs;
using Landscaper.Native;
using static TorchSharp.torch;

namespace Landscaper.Molecules;

/// <summary>Predictions of a graph model in label units, and their root-mean-square error.</summary>
public static class MolecularEvaluation
{
    /// <summary>Predictions for the molecules <paramref name="indices"/>, in label units (the model predicts standardised values;
    /// <see cref="LabelScaler.Inverse"/> maps them back). Eval mode and no gradients during the call; the training flag is restored.</summary>
    /// <param name="model">A model with one output per graph.</param>
    /// <param name="graphs">Graph of every molecule.</param>
    /// <param name="indices">Molecules to predict (at least one).</param>
    /// <param name="scaler">The training split's standardisation.</param>
    /// <param name="batchSize">Graphs per forward pass.</param>
    /// <param name="dtype">Dtype of the packed batches.</param>
    /// <exception cref="ArgumentException">No indices, or an index out of range.</exception>
    public static double[] Predict(nn.Module<Tensor, Tensor> model, IReadOnlyList<GraphData> graphs, IReadOnlyList<int> indices, LabelScaler scaler,
        int batchSize = 256, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(graphs);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(scaler);
        if (indices.Count == 0) throw new ArgumentException("No molecules to predict.", nameof(indices));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Must be ≥ 1.");
        foreach (int i in indices)
            if (i < 0 || i >= graphs.Count) throw new ArgumentException($"Index {i} is outside 0..{graphs.Count - 1}.", nameof(indices));
        TorchNative.EnsureLoaded();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            var result = new List<double>(indices.Count);
            for (int start = 0; start < indices.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var chunk = indices.Skip(start).Take(batchSize).Select(i => graphs[i]).ToArray();
                var output = model.call(GraphBatch.Pack(chunk, dtype));
                if (output.dim() != 1 || output.shape[0] != chunk.Length)
                    throw new InvalidOperationException($"The model returned shape [{string.Join(", ", output.shape)}] for {chunk.Length} graphs; expected [{chunk.Length}].");
                result.AddRange(output.to_type(ScalarType.Float64).data<double>().ToArray().Select(scaler.Inverse));
            }
            return result.ToArray();
        }
        finally { if (wasTraining) model.train(); }
    }

    /// <summary>√(mean((prediction − truth)²)).</summary>
    /// <exception cref="ArgumentException">Different lengths or no values.</exception>
    public static double Rmse(IReadOnlyList<double> predictions, IReadOnlyList<double> truth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(truth);
        if (predictions.Count != truth.Count || predictions.Count == 0)
            throw new ArgumentException($"{predictions.Count} predictions for {truth.Count} values; need equal, non-zero counts.", nameof(truth));
        double s = 0;
        for (int i = 0; i < truth.Count; i++) s += (predictions[i] - truth[i]) * (predictions[i] - truth[i]);
        return Math.Sqrt(s / truth.Count);
    }
}
