using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>
/// A tiny vision transformer (Dosovitskiy et al. 2021) for small images: non-overlapping patches embedded by a
/// convolution with kernel = stride = patch size, a learned class token and learned positional embedding,
/// <c>depth</c> pre-norm <see cref="TransformerBlock"/>s, a final LayerNorm and a linear head on the class token.
/// </summary>
/// <remarks>
/// <para>Input [batch, channels, imageSize, imageSize] (a flattened [batch, channels·imageSize²] input is reshaped);
/// output logits [batch, classes]. The class token and positional embedding start as N(0, 0.02²) draws from the global
/// generator, so <see cref="Seeded.Create{T}"/> makes them deterministic.</para>
/// <para>Parameter names: <c>patch_embed</c>, <c>cls_token</c>, <c>pos_embed</c>, <c>blocks.{i}.…</c>, <c>norm</c>, <c>head</c>.</para>
/// </remarks>
public sealed class TinyVit : Module<Tensor, Tensor>
{
    private readonly Conv2d patch_embed;
    private readonly Parameter cls_token, pos_embed;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    /// <summary>Creates the network (call under <see cref="Seeded.Create{T}"/> for a deterministic initialisation).</summary>
    /// <param name="imageSize">Side of the square input images (≥ 1, divisible by <paramref name="patchSize"/>).</param>
    /// <param name="patchSize">Side of a square patch (≥ 1).</param>
    /// <param name="channels">Input channels (≥ 1).</param>
    /// <param name="classes">Output classes (≥ 2).</param>
    /// <param name="dim">Token width (≥ 1, divisible by <paramref name="heads"/>).</param>
    /// <param name="depth">Number of transformer blocks (≥ 1).</param>
    /// <param name="heads">Attention heads (≥ 1).</param>
    /// <param name="mlpDim">Hidden width of each block's MLP (≥ 1).</param>
    /// <exception cref="ArgumentException">Invalid sizes (names the argument).</exception>
    public TinyVit(int imageSize, int patchSize, int channels, int classes, int dim = 32, int depth = 2, int heads = 4, int mlpDim = 64)
        : base("tiny_vit")
    {
        if (imageSize < 1) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "Must be ≥ 1.");
        if (patchSize < 1 || patchSize > imageSize) throw new ArgumentOutOfRangeException(nameof(patchSize), patchSize, $"Must be in 1..{imageSize}.");
        if (imageSize % patchSize != 0) throw new ArgumentException($"imageSize {imageSize} is not divisible by patchSize {patchSize}.", nameof(patchSize));
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Must be ≥ 1.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Must be ≥ 2.");
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "Must be ≥ 1.");
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "Must be ≥ 1.");
        if (heads < 1) throw new ArgumentOutOfRangeException(nameof(heads), heads, "Must be ≥ 1.");
        if (dim % heads != 0) throw new ArgumentException($"dim {dim} is not divisible by heads {heads}.", nameof(heads));
        (ImageSize, PatchSize, Channels, Classes, Dim, Depth, Heads, MlpDim) = (imageSize, patchSize, channels, classes, dim, depth, heads, mlpDim);
        patch_embed = Conv2d(channels, dim, patchSize, stride: patchSize);
        cls_token = new Parameter(randn(1, 1, dim) * 0.02);
        pos_embed = new Parameter(randn(1, Tokens, dim) * 0.02);
        blocks = new ModuleList<TransformerBlock>();
        for (int i = 0; i < depth; i++) blocks.Add(new TransformerBlock(dim, heads, mlpDim));
        norm = LayerNorm(dim);
        head = Linear(dim, classes);
        RegisterComponents();
    }

    /// <summary>Side of the input images.</summary>
    public int ImageSize { get; }
    /// <summary>Side of a patch.</summary>
    public int PatchSize { get; }
    /// <summary>Input channels.</summary>
    public int Channels { get; }
    /// <summary>Output classes.</summary>
    public int Classes { get; }
    /// <summary>Token width.</summary>
    public int Dim { get; }
    /// <summary>Number of transformer blocks.</summary>
    public int Depth { get; }
    /// <summary>Attention heads.</summary>
    public int Heads { get; }
    /// <summary>Hidden width of the MLPs.</summary>
    public int MlpDim { get; }
    /// <summary>Number of patches ((imageSize / patchSize)²).</summary>
    public int Patches => (ImageSize / PatchSize) * (ImageSize / PatchSize);
    /// <summary>Sequence length: the patches plus the class token.</summary>
    public int Tokens => Patches + 1;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is neither [batch, Channels, ImageSize, ImageSize] nor its flattened
    /// form, or its dtype differs from the parameters'.</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input;
        if (!x.IsInvalid && x.dim() == 2 && x.shape[1] == (long)Channels * ImageSize * ImageSize)
            x = x.view(-1, Channels, ImageSize, ImageSize);
        ModelInput.EnsureImages(x, Channels, ImageSize, ImageSize, head.weight!.dtype, nameof(input));
        long b = x.shape[0];
        var tokens = patch_embed.call(x).flatten(2).transpose(1, 2);      // [b, patches, dim]
        x = cat([cls_token.expand(b, 1, Dim), tokens], 1) + pos_embed;     // [b, tokens, dim]
        foreach (var block in blocks) x = block.call(x);
        return head.call(norm.call(x.select(1, 0)));
    }
}
