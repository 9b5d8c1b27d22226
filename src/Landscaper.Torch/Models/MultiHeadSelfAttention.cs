using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>
/// Multi-head self-attention written out with explicit matrix products:
/// <c>softmax(Q Kᵀ / √d_head) V</c> per head, with Q, K, V from one linear map and an output projection.
/// Every matrix product is preceded by a shape check, because a mismatched <c>matmul</c> aborts the process.
/// </summary>
/// <remarks>Input and output [batch, tokens, dim]. Parameter names: <c>qkv</c> (dim → 3·dim), <c>proj</c> (dim → dim).</remarks>
public sealed class MultiHeadSelfAttention : Module<Tensor, Tensor>
{
    private readonly Linear qkv, proj;
    private readonly double _scale;

    /// <summary>Creates the layer.</summary>
    /// <param name="dim">Token width (≥ 1, divisible by <paramref name="heads"/>).</param>
    /// <param name="heads">Number of heads (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="dim"/> is not divisible by <paramref name="heads"/>.</exception>
    public MultiHeadSelfAttention(int dim, int heads) : base("mhsa")
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "Must be ≥ 1.");
        if (heads < 1) throw new ArgumentOutOfRangeException(nameof(heads), heads, "Must be ≥ 1.");
        if (dim % heads != 0) throw new ArgumentException($"dim {dim} is not divisible by heads {heads}.", nameof(heads));
        (Dim, Heads) = (dim, heads);
        _scale = 1.0 / Math.Sqrt(dim / heads);
        qkv = Linear(dim, 3L * dim);
        proj = Linear(dim, dim);
        RegisterComponents();
    }

    /// <summary>Token width.</summary>
    public int Dim { get; }
    /// <summary>Number of heads.</summary>
    public int Heads { get; }
    /// <summary>Width of one head (Dim / Heads).</summary>
    public int HeadDim => Dim / Heads;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not [batch, tokens, Dim].</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.shape;
        if (s.Length != 3 || s[0] < 1 || s[1] < 1 || s[2] != Dim)
            throw new ArgumentException($"Expected input [batch, tokens, {Dim}], got [{string.Join(", ", s)}].", nameof(input));
        long b = s[0], t = s[1];
        // [b, t, 3·dim] → [3, b, heads, t, headDim]
        var parts = qkv.call(input).view(b, t, 3, Heads, HeadDim).permute(2, 0, 3, 1, 4);
        var q = parts[0];
        var k = parts[1];
        var v = parts[2];
        var kT = k.transpose(-2, -1);
        EnsureMatmul(q, kT, "Q·Kᵀ");
        var attention = functional.softmax(q.matmul(kT) * _scale, -1);   // [b, heads, t, t]
        EnsureMatmul(attention, v, "softmax(Q·Kᵀ)·V");
        var mixed = attention.matmul(v);                                   // [b, heads, t, headDim]
        return proj.call(mixed.transpose(1, 2).reshape(b, t, Dim));
    }

    /// <summary>Throws unless <paramref name="a"/> and <paramref name="b"/> are batched matrices that can be multiplied
    /// (same leading dimensions, inner sizes equal) — checked here because libtorch would abort the process.</summary>
    /// <exception cref="InvalidOperationException">Shapes that cannot be multiplied (names the product).</exception>
    internal static void EnsureMatmul(Tensor a, Tensor b, string what)
    {
        var sa = a.shape;
        var sb = b.shape;
        bool ok = sa.Length == sb.Length && sa.Length >= 2 && sa[^1] == sb[^2]
                  && sa.AsSpan(0, sa.Length - 2).SequenceEqual(sb.AsSpan(0, sb.Length - 2));
        if (!ok)
            throw new InvalidOperationException($"Cannot form {what}: shapes [{string.Join(", ", sa)}] and [{string.Join(", ", sb)}] do not match for a batched matrix product.");
    }
}
