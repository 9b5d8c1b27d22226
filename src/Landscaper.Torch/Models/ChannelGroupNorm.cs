using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>
/// Group normalisation (Wu &amp; He 2018) for [batch, channels, height, width] tensors, written with elementary
/// tensor operations: the channels are split into groups, each group of each sample is normalised to zero mean and
/// unit variance (two-pass variance, biased), then a per-channel affine map (weight 1, bias 0 at initialisation) is applied.
/// </summary>
/// <remarks>Used instead of TorchSharp 0.107's <c>GroupNorm</c>, which leaves its affine parameters uninitialised
/// and whose native CPU backward produced NaN gradients during training of <see cref="SmallResNet"/> (finite loss,
/// non-finite gradients once a group became nearly constant). The composite form has well-defined first and second
/// derivatives everywhere (needed for Hessian-vector products). Parameter names: <c>weight</c>, <c>bias</c>.</remarks>
public sealed class ChannelGroupNorm : Module<Tensor, Tensor>
{
    private readonly Parameter weight, bias;

    /// <summary>Creates the layer.</summary>
    /// <param name="groups">Number of groups (≥ 1, divides <paramref name="channels"/>).</param>
    /// <param name="channels">Number of channels (≥ 1).</param>
    /// <param name="eps">Added to the variance (&gt; 0).</param>
    /// <exception cref="ArgumentException">Invalid sizes (names the argument).</exception>
    public ChannelGroupNorm(int groups, int channels, double eps = 1e-5) : base("channel_group_norm")
    {
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Must be ≥ 1.");
        if (groups < 1 || channels % groups != 0)
            throw new ArgumentException($"groups must be ≥ 1 and divide channels {channels}, got {groups}.", nameof(groups));
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "Must be > 0.");
        (Groups, Channels, Eps) = (groups, channels, eps);
        weight = new Parameter(ones(channels));
        bias = new Parameter(zeros(channels));
        RegisterComponents();
    }

    /// <summary>Number of groups.</summary>
    public int Groups { get; }
    /// <summary>Number of channels.</summary>
    public int Channels { get; }
    /// <summary>Variance epsilon.</summary>
    public double Eps { get; }
    /// <summary>Per-channel scale.</summary>
    public Parameter Weight => weight;
    /// <summary>Per-channel shift.</summary>
    public Parameter Bias => bias;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input is not [batch, Channels, height, width].</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.shape;
        if (s.Length != 4 || s[1] != Channels)
            throw new ArgumentException($"Expected input [batch, {Channels}, height, width], got [{string.Join(", ", s)}].", nameof(input));
        var x = input.reshape(s[0], Groups, -1);
        var centred = x - x.mean([-1L], keepdim: true);
        var variance = centred.square().mean([-1L], keepdim: true);
        var normalised = (centred * (variance + Eps).rsqrt()).view(s);
        return normalised * weight.view(1, Channels, 1, 1) + bias.view(1, Channels, 1, 1);
    }
}
