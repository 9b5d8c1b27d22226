using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>
/// A small ResNet for small images, with or without skip connections — the comparison of Li et al. (2018,
/// "Visualizing the Loss Landscape of Neural Nets"), where removing the shortcuts makes deep landscapes chaotic.
/// </summary>
/// <remarks>
/// <para>Architecture: stem (conv3×3 → GroupNorm → ReLU, <c>width</c> channels); <c>blocks</c>
/// <see cref="BasicBlock"/>s in two stages — the first ⌈blocks/2⌉ at <c>width</c> channels and full resolution, the
/// rest at 2·<c>width</c> channels, the first of them with stride 2 (and, with skips, a 1×1 projection shortcut);
/// global average pooling; a linear head producing logits.</para>
/// <para>Normalisation is GroupNorm (<see cref="ChannelGroupNorm"/>, groups of 4 channels), not BatchNorm: it has no running statistics, so the
/// network is the same pure function of its parameters in training and evaluation mode and on any batch. A loss
/// landscape, a Hessian or a checkpoint is then fully described by the parameter vector. GroupNorm keeps the scale
/// invariance of the preceding convolution's filters that motivates filter-normalised directions.</para>
/// <para>Input [batch, channels, height, width] (any size ≥ 1); output [batch, classes]. The no-skip variant has the
/// same parameters minus the projection shortcut.</para>
/// </remarks>
public sealed class SmallResNet : Module<Tensor, Tensor>
{
    private readonly Conv2d stem;
    private readonly ChannelGroupNorm stem_norm;
    private readonly ModuleList<BasicBlock> blocks;
    private readonly Linear head;

    /// <summary>Creates the network (call under <see cref="Seeded.Create{T}"/> for a deterministic initialisation).</summary>
    /// <param name="channels">Input channels (≥ 1).</param>
    /// <param name="classes">Output classes (≥ 2).</param>
    /// <param name="width">Channels of the first stage (≥ 1; the second stage has twice as many).</param>
    /// <param name="blocks">Number of basic blocks (≥ 1).</param>
    /// <param name="skip">True: residual blocks; false: the same network without shortcuts.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size out of range (names the argument).</exception>
    public SmallResNet(int channels, int classes, int width = 8, int blocks = 4, bool skip = true) : base("small_resnet")
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Must be ≥ 1.");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Must be ≥ 2.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Must be ≥ 1.");
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "Must be ≥ 1.");
        (Channels, Classes, Width, BlockCount, Skip) = (channels, classes, width, blocks, skip);
        stem = Conv2d(channels, width, 3, padding: 1, bias: false);
        stem_norm = BasicBlock.Norm(width);
        this.blocks = new ModuleList<BasicBlock>();
        int firstStage = (blocks + 1) / 2;
        int c = width;
        for (int b = 0; b < blocks; b++)
        {
            bool down = b == firstStage;
            int outC = b < firstStage ? width : 2 * width;
            this.blocks.Add(new BasicBlock(c, outC, down ? 2 : 1, skip));
            c = outC;
        }
        head = Linear(c, classes);
        RegisterComponents();
    }

    /// <summary>Input channels.</summary>
    public int Channels { get; }
    /// <summary>Output classes.</summary>
    public int Classes { get; }
    /// <summary>Channels of the first stage.</summary>
    public int Width { get; }
    /// <summary>Number of basic blocks.</summary>
    public int BlockCount { get; }
    /// <summary>Whether the blocks have shortcuts.</summary>
    public bool Skip { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not a [batch, Channels, height, width] tensor of the parameters' dtype.</exception>
    public override Tensor forward(Tensor input)
    {
        ModelInput.EnsureImages(input, Channels, null, null, head.weight!.dtype, nameof(input));
        var x = functional.relu(stem_norm.call(stem.call(input)));
        foreach (var block in blocks) x = block.call(x);
        return head.call(x.mean([2L, 3L]));
    }
}
