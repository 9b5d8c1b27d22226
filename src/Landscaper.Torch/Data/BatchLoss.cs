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
}
