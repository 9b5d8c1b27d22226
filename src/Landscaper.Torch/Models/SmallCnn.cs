using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Landscaper.Models;

/// <summary>A LeNet-style convolutional network for small images: two 3×3 convolutions with ReLU (the second
/// followed by 2×2 max pooling), then two fully connected layers.</summary>
/// <remarks>Input [batch, channels, height, width]; height and width must be even. Output logits [batch, classes].</remarks>
public sealed class SmallCnn : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1, conv2;
    private readonly Linear fc1, fc2;
    private readonly long _channels, _height, _width;

    /// <summary>Creates the network.</summary>
    /// <param name="channels">Input channels.</param>
    /// <param name="height">Input height (even).</param>
    /// <param name="width">Input width (even).</param>
    /// <param name="classes">Number of output classes.</param>
    /// <param name="filters">Filters in the first convolution (the second has twice as many).</param>
    /// <param name="hidden">Width of the hidden fully connected layer.</param>
    public SmallCnn(int channels = 1, int height = 8, int width = 8, int classes = 10, int filters = 4, int hidden = 32) : base("cnn")
    {
        if (channels < 1 || height < 2 || width < 2 || height % 2 != 0 || width % 2 != 0 || classes < 1 || filters < 1 || hidden < 1)
            throw new ArgumentException($"Invalid SmallCnn geometry: channels={channels}, {height}×{width} (even, ≥ 2), classes={classes}, filters={filters}, hidden={hidden}.");
        (_channels, _height, _width) = (channels, height, width);
        conv1 = Conv2d(channels, filters, 3, padding: 1);
        conv2 = Conv2d(filters, 2 * filters, 3, padding: 1);
        fc1 = Linear(2L * filters * (height / 2) * (width / 2), hidden);
        fc2 = Linear(hidden, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = input;
        if (x.dim() == 2 && x.shape[1] == _channels * _height * _width) x = x.view(-1, _channels, _height, _width);
        if (x.dim() != 4 || x.shape[1] != _channels || x.shape[2] != _height || x.shape[3] != _width)
            throw new ArgumentException($"Expected input [batch, {_channels}, {_height}, {_width}], got [{string.Join(", ", input.shape)}].", nameof(input));
        x = functional.relu(conv1.call(x));
        x = functional.max_pool2d(functional.relu(conv2.call(x)), 2);
        x = functional.relu(fc1.call(x.flatten(1)));
        return fc2.call(x);
    }
}
