using System;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Models;
using Miro.Runtime.Native;
using Xunit;
using static TorchSharp.torch;

namespace Miro.Runtime.Tests.Models;

/// <summary><c>head fixed</c>: every class of the data set from task 1, on every architecture, and a
/// later task's arrival changes nothing in the head; <c>head incremental</c> grows instead.</summary>
public sealed class FixedHeadTests
{
    private static ContinualModel Create(ModelKind kind, HeadKind head, int classes = 10)
    {
        TorchRuntime.Initialize(1);
        var spec = new ModelSpec(kind, kind == ModelKind.Mlp ? EquatableArray.Create(32, 16) : EquatableArray<int>.Empty,
            WeightInit.Xavier, head, head == HeadKind.Fixed ? classes : 0);
        return ModelFactory.Create(spec, new SampleShape(1, 28, 28), seed: 2);
    }

    [Theory]
    [InlineData(ModelKind.Mlp)]
    [InlineData(ModelKind.Cnn)]
    [InlineData(ModelKind.ReducedResNet18)]
    [InlineData(ModelKind.ResNet18)]
    public void A_fixed_head_has_the_data_sets_classes_before_the_first_task(ModelKind kind)
    {
        using var model = Create(kind, HeadKind.Fixed);
        using var scope = NewDisposeScope();
        model.eval();

        Assert.True(model.IsHeadFixed);
        Assert.Equal(10, model.ClassCount);
        Assert.Equal(new long[] { 2, 10 }, model.forward(zeros(2, 1, 28, 28)).shape);
    }

    [Fact]
    public void Later_tasks_leave_a_fixed_head_and_its_outputs_exactly_as_they_were()
    {
        using var model = Create(ModelKind.Mlp, HeadKind.Fixed);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        Tensor x = rand(new long[] { 4, 1, 28, 28 }, generator: new Generator(9));
        model.GrowHead(2);
        TorchSharp.Modules.Parameter weight = model.Head.Weight;
        Tensor before = model.forward(x).clone();
        Tensor weightBefore = weight.detach().clone();

        model.GrowHead(4);
        model.GrowHead(10);

        // Same parameter objects (an optimizer built at task 1 still holds them) and same values.
        Assert.Same(weight, model.Head.Weight);
        Assert.True(model.Head.Weight.eq(weightBefore).all().item<bool>());
        Assert.True(model.forward(x).eq(before).all().item<bool>(), "outputs changed when later tasks arrived");
        Assert.Equal(10, model.ClassCount);
    }

    [Fact]
    public void An_incremental_head_starts_empty_and_grows_with_the_tasks()
    {
        using var model = Create(ModelKind.Mlp, HeadKind.Incremental);

        Assert.False(model.IsHeadFixed);
        Assert.Equal(0, model.ClassCount);
        model.GrowHead(2);
        Assert.Equal(2, model.ClassCount);
    }

    [Fact]
    public void A_class_beyond_a_fixed_head_is_an_error_naming_both_counts()
    {
        using var model = Create(ModelKind.Mlp, HeadKind.Fixed, classes: 4);

        var e = Assert.Throws<InvalidOperationException>(() => model.GrowHead(6));

        Assert.Contains("4 outputs", e.Message, StringComparison.Ordinal);
        Assert.Contains("needs 6", e.Message, StringComparison.Ordinal);
    }
}
