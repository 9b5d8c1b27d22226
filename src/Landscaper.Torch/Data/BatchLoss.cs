using TorchSharp;
using static TorchSharp.torch;

namespace Landscaper.Data;

/// <summary>The loss a batch implies, the workbench's one rule for "the" loss of a model on data: integer targets are
/// class labels → mean softmax cross-entropy of the logits; floating-point targets are regression targets → mean
/// squared error over all elements (the prediction must have the target's shape).</summary>
public static class BatchLoss
{
    /// <summary>Whether the batch's targets are class labels (integer dtype).</summary>
    public static bool IsClassification(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return !batch.Target.is_floating_point();
    }

    /// <summary>The mean loss of <paramref name="model"/> on <paramref name="batch"/> (a scalar tensor with the graph).</summary>
    /// <exception cref="ArgumentException">The model is not an <c>nn.Module&lt;Tensor, Tensor&gt;</c>, or its output does not
    /// fit the targets (shape).</exception>
    public static Tensor Compute(nn.Module model, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        if (model is not nn.Module<Tensor, Tensor> m)
            throw new ArgumentException($"{model.GetType().Name} is not an nn.Module<Tensor, Tensor>; pass a loss closure.", nameof(model));
        var output = m.call(batch.Input);
        return Of(output, batch.Target);
    }

    /// <summary>The mean loss of <paramref name="output"/> against <paramref name="target"/> by the rule above.</summary>
    /// <exception cref="ArgumentException">Shapes that do not fit (checked before any native call).</exception>
    public static Tensor Of(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (!target.is_floating_point())
        {
            if (output.dim() != 2 || target.dim() != 1 || output.shape[0] != target.shape[0])
                throw new ArgumentException($"Cross-entropy needs [batch, classes] logits and [batch] labels; got [{string.Join(", ", output.shape)}] and [{string.Join(", ", target.shape)}].");
            return nn.functional.cross_entropy(output, target);
        }
        if (!output.shape.SequenceEqual(target.shape))
            throw new ArgumentException($"Mean squared error needs predictions of the target's shape [{string.Join(", ", target.shape)}]; the model gave [{string.Join(", ", output.shape)}].");
        return nn.functional.mse_loss(output, target.to_type(output.dtype));
    }

    /// <summary>Runs <paramref name="model"/> once on the first batch, without gradients, so that data that does not fit the
    /// model fails here with a clear message rather than as a native error (or NaNs) deep inside the Hessian or a sampler.
    /// Checks the input dtype against the parameters', the output against the targets (shape; class labels in
    /// [0, classes)), and that the loss is finite.</summary>
    /// <returns>The loss on the first batch.</returns>
    /// <exception cref="ArgumentException">What does not fit, and what was expected.</exception>
    public static double Probe(nn.Module<Tensor, Tensor> model, IReadOnlyList<Batch> batches)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count == 0) throw new ArgumentException("No batches: give at least one.", nameof(batches));
        var parameter = model.parameters().FirstOrDefault()
            ?? throw new ArgumentException($"{model.GetType().Name} has no parameters: there is no parameter space to analyse.", nameof(model));
        var batch = batches[0];
        if (batch.Input.is_floating_point() && batch.Input.dtype != parameter.dtype)
            throw new ArgumentException($"The inputs are {batch.Input.dtype} but the model's parameters are {parameter.dtype}: convert one of them (e.g. inputs.to_type(ScalarType.{parameter.dtype})).", nameof(batches));
        if (batch.Input.device_type != parameter.device_type)
            throw new ArgumentException($"The inputs are on {batch.Input.device} but the model is on {parameter.device}: move one of them.", nameof(batches));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor output;
        try { output = model.call(batch.Input); }
        catch (System.Runtime.InteropServices.ExternalException ex)
        {
            throw new ArgumentException($"The model cannot run on the first batch (input [{string.Join(", ", batch.Input.shape)}]): {ex.Message.Split('\n')[0]}", nameof(batches), ex);
        }
        if (!batch.Target.is_floating_point() && output.dim() == 2)
        {
            long classes = output.shape[1];
            long low = batch.Target.min().ToInt64(), high = batch.Target.max().ToInt64();
            if (low < 0 || high >= classes)
                throw new ArgumentException($"Class labels must lie in [0, {classes}) for a model with {classes} outputs; the first batch has labels in [{low}, {high}].", nameof(batches));
        }
        double loss = Of(output, batch.Target).ToDouble();
        if (!double.IsFinite(loss))
            throw new ArgumentException($"The loss on the first batch is {loss}: check the inputs for NaN/∞ and the model's initialisation.", nameof(batches));
        return loss;
    }
}
