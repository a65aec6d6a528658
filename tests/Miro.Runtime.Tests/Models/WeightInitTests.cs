using System;
using System.Collections.Generic;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Models;
using Miro.Runtime.Native;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Miro.Runtime.Tests.Models;

/// <summary><c>init: xavier | kaiming</c> give the reference code's weights (uniform in the stated
/// bound, zero biases) on every architecture, seeded; <c>default</c> keeps TorchSharp's layers.</summary>
public sealed class WeightInitTests
{
    private static readonly SampleShape Mnist = new(1, 28, 28);

    private static ContinualModel Create(ModelKind kind, WeightInit init, int seed = 1, SampleShape? shape = null)
    {
        TorchRuntime.Initialize(1);
        var spec = new ModelSpec(kind, kind == ModelKind.Mlp ? EquatableArray.Create(100, 100) : EquatableArray<int>.Empty, init, HeadKind.Fixed, 10);
        return ModelFactory.Create(spec, shape ?? Mnist, seed);
    }

    // Every fully connected and convolutional layer of the backbone with its fan-in and fan-out.
    private static List<(Tensor Weight, Tensor? Bias, long FanIn, long FanOut)> Layers(ContinualModel model)
    {
        var layers = new List<(Tensor, Tensor?, long, long)>();
        foreach (nn.Module module in model.Backbone.modules())
        {
            switch (module)
            {
                case Linear linear:
                    layers.Add((linear.weight!, linear.bias, linear.in_features, linear.out_features));
                    break;
                case Conv2d conv:
                    long field = conv.kernel_size[0] * conv.kernel_size[1];
                    layers.Add((conv.weight!, conv.bias, conv.in_channels * field, conv.out_channels * field));
                    break;
            }
        }

        return layers;
    }

    private static double MaxAbs(Tensor t) => t.abs().max().item<float>();

    // Bounds are computed in double; weights are float32, so a draw at the edge may round just past it.
    private static double Above(double bound) => bound * (1 + 1e-6);

    [Fact]
    public void Xavier_draws_every_mlp_weight_within_its_bound_and_uses_the_range_and_zeroes_biases()
    {
        using var model = Create(ModelKind.Mlp, WeightInit.Xavier);
        using var scope = NewDisposeScope();
        var layers = Layers(model);

        Assert.Equal(2, layers.Count);
        foreach ((Tensor weight, Tensor? bias, long fanIn, long fanOut) in layers)
        {
            double bound = Math.Sqrt(6.0 / (fanIn + fanOut));
            double max = MaxAbs(weight);
            Assert.True(max <= Above(bound), $"|w| {max} exceeds the Xavier bound {bound}");
            // With 10,000+ draws the largest lies within 1% of the bound; TorchSharp's default (1/√fan_in) is far below.
            Assert.True(max > 0.99 * bound, $"|w| {max} does not reach the Xavier bound {bound}");
            Assert.Equal(0, MaxAbs(bias!));
        }

        double headBound = Math.Sqrt(6.0 / (100 + 10));
        Assert.InRange(MaxAbs(model.Head.Weight), 0.9 * headBound, Above(headBound));
        Assert.Equal(0, MaxAbs(model.Head.Bias));
    }

    [Fact]
    public void Kaiming_uses_the_relu_fan_in_bound_and_zero_biases()
    {
        using var model = Create(ModelKind.Mlp, WeightInit.Kaiming);
        using var scope = NewDisposeScope();

        foreach ((Tensor weight, Tensor? bias, long fanIn, _) in Layers(model))
        {
            double bound = Math.Sqrt(6.0 / fanIn);
            Assert.InRange(MaxAbs(weight), 0.99 * bound, Above(bound));
            Assert.Equal(0, MaxAbs(bias!));
        }

        Assert.InRange(MaxAbs(model.Head.Weight), 0.9 * Math.Sqrt(6.0 / 100), Above(Math.Sqrt(6.0 / 100)));
        Assert.Equal(0, MaxAbs(model.Head.Bias));
    }

    [Fact]
    public void Default_keeps_torchsharp_layers_uniform_in_one_over_root_fan_in_with_nonzero_biases()
    {
        using var model = Create(ModelKind.Mlp, WeightInit.Default);
        using var scope = NewDisposeScope();

        foreach ((Tensor weight, Tensor? bias, long fanIn, _) in Layers(model))
        {
            double bound = 1 / Math.Sqrt(fanIn);
            Assert.InRange(MaxAbs(weight), 0.99 * bound, Above(bound));
            Assert.True(MaxAbs(bias!) > 0, "default biases are drawn, not zero");
        }

        Assert.True(MaxAbs(model.Head.Bias) > 0);
    }

    [Theory]
    [InlineData(ModelKind.Cnn, WeightInit.Xavier)]
    [InlineData(ModelKind.Cnn, WeightInit.Kaiming)]
    [InlineData(ModelKind.ReducedResNet18, WeightInit.Xavier)]
    [InlineData(ModelKind.ResNet18, WeightInit.Kaiming)]
    public void Convolutional_models_honour_init_on_every_convolution_and_linear_layer(ModelKind kind, WeightInit init)
    {
        using var model = Create(kind, init, shape: new SampleShape(3, 32, 32));
        using var scope = NewDisposeScope();
        var layers = Layers(model);

        Assert.NotEmpty(layers);
        foreach ((Tensor weight, Tensor? bias, long fanIn, long fanOut) in layers)
        {
            double bound = init == WeightInit.Xavier ? Math.Sqrt(6.0 / (fanIn + fanOut)) : Math.Sqrt(6.0 / fanIn);
            Assert.True(MaxAbs(weight) <= Above(bound), $"a {weight.shape.Length}-d weight exceeds {bound}");
            // The default conv bound is 1/√fan_in; every layer here has enough weights to come close to its own bound.
            Assert.True(MaxAbs(weight) > 0.9 * bound, $"a {weight.shape.Length}-d weight stays well inside {bound}: not re-initialised");
            if (bias is not null)
            {
                Assert.Equal(0, MaxAbs(bias));
            }
        }

        Assert.Equal(0, MaxAbs(model.Head.Bias));
    }

    [Theory]
    [InlineData(WeightInit.Xavier)]
    [InlineData(WeightInit.Kaiming)]
    public void The_same_seed_gives_the_same_weights_and_another_seed_different_ones(WeightInit init)
    {
        using var a = Create(ModelKind.Mlp, init, seed: 3);
        using var b = Create(ModelKind.Mlp, init, seed: 3);
        using var c = Create(ModelKind.Mlp, init, seed: 4);

        var pa = a.parameters().GetEnumerator();
        var pb = b.parameters().GetEnumerator();
        var pc = c.parameters().GetEnumerator();
        bool anyDifferent = false;
        while (pa.MoveNext() && pb.MoveNext() && pc.MoveNext())
        {
            Assert.True(pa.Current.eq(pb.Current).all().item<bool>(), "same seed, different weights");
            anyDifferent |= !pa.Current.eq(pc.Current).all().item<bool>();
        }

        Assert.True(anyDifferent, "another seed gave the same weights");
    }
}
