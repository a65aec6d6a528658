using System;
using System.Collections.Generic;
using Miro.Runtime.Data;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// ResNet-18 for small images (CIFAR-style stem: one 3×3 convolution, no max-pool), four stages of
/// two basic blocks, global average pooling. <see cref="ResNet18"/> has width 64;
/// <see cref="ReducedResNet18"/> width 20 as in the GEM / ER papers. 1- or 3-channel input; any
/// size from 8×8 (28×28 and 32×32 are the usual ones).
/// </summary>
public sealed class ResNet : Backbone
{
    private readonly nn.Module<Tensor, Tensor> stem;
    private readonly nn.Module<Tensor, Tensor> stemNorm;
    private readonly nn.Module<Tensor, Tensor> stages;
    private readonly nn.Module<Tensor, Tensor> pool;

    private ResNet(SampleShape input, int width, string name)
        : base(name, 8 * width)
    {
        if (input.Height < 8 || input.Width < 8)
        {
            throw new ArgumentException($"ResNet-18 needs samples of at least 8x8 pixels, not {input}.", nameof(input));
        }

        stem = nn.Conv2d(input.Channels, width, kernel_size: 3, stride: 1, padding: 1, bias: false);
        stemNorm = nn.BatchNorm2d(width);
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        int inWidth = width;
        int[] widths = { width, 2 * width, 4 * width, 8 * width };
        for (int stage = 0; stage < widths.Length; stage++)
        {
            for (int block = 0; block < 2; block++)
            {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                blocks.Add(($"layer{stage + 1}_{block}", new BasicBlock(inWidth, widths[stage], stride)));
                inWidth = widths[stage];
            }
        }

        stages = nn.Sequential(blocks);
        pool = nn.AdaptiveAvgPool2d(1);
        RegisterComponents();
    }

    /// <summary>ResNet-18 (width 64, 512 features).</summary>
    public static ResNet ResNet18(SampleShape input) => new(input, 64, nameof(ResNet18));

    /// <summary>Reduced ResNet-18 (width 20, 160 features).</summary>
    public static ResNet ReducedResNet18(SampleShape input) => new(input, 20, nameof(ReducedResNet18));

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        Tensor x = nn.functional.relu(stemNorm.forward(stem.forward(input)));
        x = stages.forward(x);
        return pool.forward(x).flatten(1);
    }

    /// <summary>Two 3×3 convolutions with batch norm and an identity (or 1×1 projection) shortcut.</summary>
    private sealed class BasicBlock : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> conv1;
        private readonly nn.Module<Tensor, Tensor> bn1;
        private readonly nn.Module<Tensor, Tensor> conv2;
        private readonly nn.Module<Tensor, Tensor> bn2;
        private readonly nn.Module<Tensor, Tensor> shortcut;

        public BasicBlock(int inWidth, int outWidth, int stride)
            : base(nameof(BasicBlock))
        {
            conv1 = nn.Conv2d(inWidth, outWidth, kernel_size: 3, stride: stride, padding: 1, bias: false);
            bn1 = nn.BatchNorm2d(outWidth);
            conv2 = nn.Conv2d(outWidth, outWidth, kernel_size: 3, stride: 1, padding: 1, bias: false);
            bn2 = nn.BatchNorm2d(outWidth);
            shortcut = stride != 1 || inWidth != outWidth
                ? nn.Sequential(
                    ("conv", nn.Conv2d(inWidth, outWidth, kernel_size: 1, stride: stride, bias: false)),
                    ("bn", nn.BatchNorm2d(outWidth)))
                : nn.Identity();
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            Tensor x = nn.functional.relu(bn1.forward(conv1.forward(input)));
            x = bn2.forward(conv2.forward(x));
            return nn.functional.relu(x + shortcut.forward(input));
        }
    }
}
