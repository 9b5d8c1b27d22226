using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>A pre-norm transformer encoder block: <c>x + Attention(LayerNorm(x))</c>, then
/// <c>x + MLP(LayerNorm(x))</c> with a GELU MLP of one hidden layer.</summary>
/// <remarks>Input and output [batch, tokens, dim]. Parameter names: <c>norm1</c>, <c>attn.qkv</c>, <c>attn.proj</c>,
/// <c>norm2</c>, <c>fc1</c>, <c>fc2</c>.</remarks>
public sealed class TransformerBlock : Module<Tensor, Tensor>
{
    private readonly LayerNorm norm1, norm2;
    private readonly MultiHeadSelfAttention attn;
    private readonly Linear fc1, fc2;

    /// <summary>Creates the block.</summary>
    /// <param name="dim">Token width (divisible by <paramref name="heads"/>).</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="mlpDim">Hidden width of the MLP (≥ 1).</param>
    /// <exception cref="ArgumentException">Invalid sizes (names the argument).</exception>
    public TransformerBlock(int dim, int heads, int mlpDim) : base("transformer_block")
    {
        if (mlpDim < 1) throw new ArgumentOutOfRangeException(nameof(mlpDim), mlpDim, "Must be ≥ 1.");
        attn = new MultiHeadSelfAttention(dim, heads);
        norm1 = LayerNorm(dim);
        norm2 = LayerNorm(dim);
        fc1 = Linear(dim, mlpDim);
        fc2 = Linear(mlpDim, dim);
        Dim = dim;
        RegisterComponents();
    }

    /// <summary>Token width.</summary>
    public int Dim { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not [batch, tokens, Dim].</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 3 || input.shape[2] != Dim)
            throw new ArgumentException($"Expected input [batch, tokens, {Dim}], got [{string.Join(", ", input.shape)}].", nameof(input));
        var x = input + attn.call(norm1.call(input));
        return x + fc2.call(functional.gelu(fc1.call(norm2.call(x))));
    }
}
