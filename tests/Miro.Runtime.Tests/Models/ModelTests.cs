using System.Collections.Generic;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Models;
using Miro.Runtime.Native;
using Xunit;
using static TorchSharp.torch;

namespace Miro.Runtime.Tests.Models;

public sealed class ModelTests
{
    public static IEnumerable<object[]> Architectures()
    {
        foreach (ModelKind kind in new[] { ModelKind.Mlp, ModelKind.Cnn, ModelKind.ReducedResNet18, ModelKind.ResNet18 })
        {
            yield return new object[] { kind, 1, 28 };
            yield return new object[] { kind, 3, 32 };
        }
    }

    private static ContinualModel Create(ModelKind kind, SampleShape shape, int seed = 1)
    {
        TorchRuntime.Initialize(1);
        return ModelFactory.Create(new ModelSpec(kind, new EquatableArray<int>(new[] { 32, 16 })), shape, seed);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Head_growth_keeps_old_outputs_unchanged(ModelKind kind, int channels, int size)
    {
        var shape = new SampleShape(channels, size, size);
        using var model = Create(kind, shape);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = rand(new long[] { 3, channels, size, size }, generator: new Generator(7));
        model.GrowHead(2);
        Tensor before = model.forward(x).clone();
        // The head is compared on one fixed feature batch: two forward passes of a convolutional
        // backbone need not agree bit for bit (libtorch may pick another kernel), and that is not
        // what head growth is about.
        Tensor features = model.Backbone.forward(x).clone();
        Tensor featuresCopy = features.clone();
        Tensor oldLogits = model.Head.forward(features).clone();
        Tensor oldWeight = model.Head.Weight.detach().clone();
        Tensor oldBias = model.Head.Bias.detach().clone();

        model.GrowHead(5);
        Tensor after = model.forward(x);
        Tensor newLogits = model.Head.forward(features);

        Assert.Equal(new long[] { 3, 2 }, before.shape);
        Assert.Equal(new long[] { 3, 5 }, after.shape);
        // What growth guarantees: the old units are copied bit for bit.
        Assert.True(model.Head.Weight.narrow(0, 0, 2).eq(oldWeight).all().item<bool>(), "old head weights changed");
        Assert.True(model.Head.Bias.narrow(0, 0, 2).eq(oldBias).all().item<bool>(), "old head biases changed");
        // The old logits then differ only by float rounding: a wider product may take another BLAS
        // kernel (and order of summation), which for a K-term dot product in float32 moves the result
        // by at most about K * 2^-24 * sum |f_i w_i|. A fixed tolerance would depend on the kernel
        // and the thread count; this bound does not (measured: at most 0.11 of it).
        long k = features.shape[1];
        Tensor bound = features.abs().matmul(oldWeight.abs().t()).mul(k * System.Math.Pow(2, -24)).add(1e-7);
        Tensor diff = newLogits.narrow(1, 0, 2).sub(oldLogits).abs();
        if (!diff.le(bound).all().item<bool>())
        {
            Assert.Fail(
                $"old logits changed after growth beyond float rounding: max |diff| {diff.max().item<float>():G9}, "
                + $"max diff/bound {diff.div(bound).max().item<float>():G9}, non-finite features {features.isfinite().logical_not().sum().item<long>()}, "
                + $"features changed meanwhile {!features.eq(featuresCopy).all().item<bool>()}, old logits {string.Join(" ", oldLogits.data<float>().ToArray())}, new {string.Join(" ", newLogits.narrow(1, 0, 2).contiguous().data<float>().ToArray())}");
        }

        Assert.Equal(5, model.ClassCount);
    }

    [Fact]
    public void Reduced_resnet18_features_are_finite_on_every_fresh_model()
    {
        // oneDNN's AVX-512 convolutions read unwritten memory for channel counts that are not a
        // multiple of 16 (20, 40, 80, 160 here): about 1 forward pass in 4 returned NaN features from
        // finite weights and inputs until TorchRuntime turned oneDNN off (ConvolutionBackends). Fresh
        // models reuse freed memory, which is what exposed it.
        for (int i = 0; i < 60; i++)
        {
            var shape = i % 2 == 0 ? new SampleShape(3, 32, 32) : new SampleShape(1, 28, 28);
            using var model = Create(ModelKind.ReducedResNet18, shape);
            model.eval();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor features = model.Backbone.forward(rand(new long[] { 3, shape.Channels, shape.Height, shape.Width }, generator: new Generator(7)));
            Assert.True(features.isfinite().all().item<bool>(), $"pass {i + 1} ({shape}): {features.isfinite().logical_not().sum().item<long>()} non-finite features");
        }
    }

    [Fact]
    public void Growth_replaces_the_head_parameters_with_larger_ones_the_model_reports()
    {
        using var model = Create(ModelKind.Mlp, new SampleShape(1, 4, 4));
        model.GrowHead(2);
        model.GrowHead(4);

        var shapes = new List<long[]>();
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.StartsWith("head.", System.StringComparison.Ordinal))
            {
                shapes.Add(p.shape);
            }
        }

        Assert.Equal(new[] { new long[] { 4, 16 }, new long[] { 4 } }, shapes);
    }

    [Fact]
    public void Same_seed_gives_identical_initial_weights()
    {
        var shape = new SampleShape(1, 8, 8);
        using var a = Create(ModelKind.Cnn, shape, seed: 5);
        using var b = Create(ModelKind.Cnn, shape, seed: 5);
        using var c = Create(ModelKind.Cnn, shape, seed: 6);
        a.GrowHead(3);
        b.GrowHead(3);
        c.GrowHead(3);

        using var scope = NewDisposeScope();
        Tensor x = ones(2, 1, 8, 8);
        Assert.True(a.forward(x).eq(b.forward(x)).all().item<bool>());
        Assert.False(a.forward(x).eq(c.forward(x)).all().item<bool>());
    }

    [Fact]
    public void Mlp_feature_width_is_the_last_hidden_layer()
    {
        using var mlp = new Mlp(new SampleShape(1, 28, 28), new[] { 100, 100 });
        using var scope = NewDisposeScope();

        Tensor features = mlp.forward(zeros(4, 1, 28, 28));

        Assert.Equal(100, mlp.FeatureDim);
        Assert.Equal(new long[] { 4, 100 }, features.shape);
    }

    [Fact]
    public void Too_small_inputs_are_refused_with_the_needed_size()
    {
        var e = Assert.Throws<System.ArgumentException>(() => ResNet.ReducedResNet18(new SampleShape(1, 4, 4)));
        Assert.Contains("at least 8x8", e.Message);
    }
}
