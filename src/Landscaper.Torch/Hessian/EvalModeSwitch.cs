using TorchSharp;

namespace Landscaper.Hessian;

/// <summary>Runs computations on a module in eval mode (dropout off, batch-norm running statistics) and restores every
/// submodule's training flag afterwards, also on exceptions. Reports the first switch once (shared by the operators).</summary>
internal sealed class EvalModeSwitch(torch.nn.Module module, IProgress<string>? progress, string who)
{
    /// <summary>True once the module was found in training mode and switched.</summary>
    public bool Switched { get; private set; }

    public T Run<T>(Func<T> body)
    {
        var modules = new List<torch.nn.Module> { module };
        modules.AddRange(module.modules());
        var states = modules.Select(m => m.training).ToArray();
        bool anyTraining = states.Any(s => s);
        if (anyTraining)
        {
            if (!Switched)
            {
                Switched = true;
                progress?.Report($"{who}: the model was in training mode; it is switched to eval mode for each product and restored afterwards.");
            }
            module.eval();
        }
        try { return body(); }
        finally
        {
            if (anyTraining)
                for (int i = 0; i < modules.Count; i++)
                    if (modules[i].training != states[i]) modules[i].train(states[i]);
        }
    }
}
