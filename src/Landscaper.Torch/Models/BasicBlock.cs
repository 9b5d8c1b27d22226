using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>
/// The basic residual block of He et al. (2016): conv3×3 → GroupNorm → ReLU → conv3×3 → GroupNorm (<see cref="ChannelGroupNorm"/>), plus a shortcut,
/// then ReLU. With <c>skip</c> the shortcut is the identity, or a 1×1 convolution + GroupNorm ("projection") when the
/// stride or the channel count changes; without <c>skip</c> there is no shortcut (a plain block, as in the no-skip
/// networks of Li et al. 2018).
/// </summary>
/// <remarks>Parameter names: <c>conv1</c>, <c>norm1</c>, <c>conv2</c>, <c>norm2</c>, and <c>proj</c>/<c>proj_norm</c>
/// when a projection shortcut exists. Convolutions have no bias (the normalisation that follows has one).</remarks>
public sealed class BasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1, conv2;
    private readonly ChannelGroupNorm norm1, norm2;
    private readonly Conv2d? proj;
    private readonly ChannelGroupNorm? proj_norm;

    /// <summary>Creates the block.</summary>
    /// <param name="inChannels">Input channels (≥ 1).</param>
    /// <param name="outChannels">Output channels (≥ 1).</param>
    /// <param name="stride">Stride of the first convolution (1 or 2).</param>
    /// <param name="skip">True: residual block; false: plain block without shortcut.</param>
    /// <exception cref="ArgumentException">Invalid channel counts or stride.</exception>
    public BasicBlock(int inChannels, int outChannels, int stride = 1, bool skip = true) : base("basic_block")
    {
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "Must be ≥ 1.");
        if (outChannels < 1) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "Must be ≥ 1.");
        if (stride is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(stride), stride, "Must be 1 or 2.");
        (InChannels, OutChannels, Stride, Skip) = (inChannels, outChannels, stride, skip);
        conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        norm1 = Norm(outChannels);
        conv2 = Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        norm2 = Norm(outChannels);
        if (skip && (stride != 1 || inChannels != outChannels))
        {
            proj = Conv2d(inChannels, outChannels, 1, stride: stride, bias: false);
            proj_norm = Norm(outChannels);
        }
        RegisterComponents();
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }
    /// <summary>Output channels.</summary>
    public int OutChannels { get; }
    /// <summary>Stride of the first convolution (and of the projection).</summary>
    public int Stride { get; }
    /// <summary>Whether the block has a shortcut.</summary>
    public bool Skip { get; }
    /// <summary>Whether the shortcut is a 1×1 projection (rather than the identity).</summary>
    public bool HasProjection => proj is not null;

    /// <summary>A <see cref="ChannelGroupNorm"/> with groups of (up to) 4 channels: <c>max(1, channels / 4)</c> groups
    /// when that divides <paramref name="channels"/>, otherwise one group (normalising over channels and space).</summary>
    public static ChannelGroupNorm Norm(int channels)
    {
        int groups = Math.Max(1, channels / 4);
        if (channels % groups != 0) groups = 1;
        return new ChannelGroupNorm(groups, channels);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not [batch, InChannels, height, width].</exception>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != InChannels)
            throw new ArgumentException($"Expected input [batch, {InChannels}, height, width], got [{string.Join(", ", input.shape)}].", nameof(input));
        var y = functional.relu(norm1.call(conv1.call(input)));
        y = norm2.call(conv2.call(y));
        if (Skip) y = y + (proj is null ? input : proj_norm!.call(proj.call(input)));
        return functional.relu(y);
    }
}
