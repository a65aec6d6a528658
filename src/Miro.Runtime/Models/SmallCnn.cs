using System;
using Miro.Runtime.Data;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// A small CNN (<c>cnn</c>): two 3×3 convolutions (32 and 64 channels) each followed by ReLU and
/// 2×2 max-pooling, then a 256-unit fully connected layer with ReLU.
/// </summary>
public sealed class SmallCnn : Backbone
{
    private const int Features = 256;
    private readonly nn.Module<Tensor, Tensor> conv1;
    private readonly nn.Module<Tensor, Tensor> pool1;
    private readonly nn.Module<Tensor, Tensor> conv2;
    private readonly nn.Module<Tensor, Tensor> pool2;
    private readonly nn.Module<Tensor, Tensor> fc;

    /// <summary>Creates the CNN for inputs of <paramref name="input"/> shape (at least 4×4).</summary>
    /// <param name="input">The sample shape.</param>
    public SmallCnn(SampleShape input)
        : base(nameof(SmallCnn), Features)
    {
        if (input.Height < 4 || input.Width < 4)
        {
            throw new ArgumentException($"The small CNN needs samples of at least 4x4 pixels, not {input}.", nameof(input));
        }

        conv1 = nn.Conv2d(input.Channels, 32, kernel_size: 3, padding: 1);
        pool1 = nn.MaxPool2d(kernel_size: 2);
        conv2 = nn.Conv2d(32, 64, kernel_size: 3, padding: 1);
        pool2 = nn.MaxPool2d(kernel_size: 2);
        fc = nn.Linear(64 * (input.Height / 4) * (input.Width / 4), Features);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        Tensor x = pool1.forward(nn.functional.relu(conv1.forward(input)));
        x = pool2.forward(nn.functional.relu(conv2.forward(x)));
        return nn.functional.relu(fc.forward(x.flatten(1)));
    }
}
