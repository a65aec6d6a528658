using System;
using Miro.Runtime.Data;
using Miro.Runtime.Native;
using Xunit;
using static TorchSharp.torch;

namespace Miro.Runtime.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void In_memory_tensors_become_a_dataset_with_their_shape()
    {
        TorchRuntime.Initialize(1);
        using var scope = NewDisposeScope();
        Tensor x = arange(0, 24, ScalarType.Float32).reshape(2, 3, 2, 2);
        Tensor y = tensor(new long[] { 4, 1 });

        Dataset data = Dataset.FromTensors(x, y, "mine");

        Assert.Equal(new SampleShape(3, 2, 2), data.Shape);
        Assert.Equal(new[] { 4, 1 }, data.Labels.ToArray());
        Assert.Equal(12f, data.Features(1)[0]);
        Assert.Equal(5, data.ClassCount);
    }

    [Fact]
    public void Mismatched_tensors_are_refused()
    {
        TorchRuntime.Initialize(1);
        using var scope = NewDisposeScope();

        var e = Assert.Throws<ArgumentException>(() => Dataset.FromTensors(zeros(3, 4), zeros(2, ScalarType.Int64), "mine"));

        Assert.Contains("mine: features [3, 4] and labels [2] must share their first dimension", e.Message);
    }

    [Fact]
    public void Feature_count_must_match_the_labels()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new float[7], new int[2], new SampleShape(1, 2, 2), "x"));

        Assert.Contains("7 feature values do not make 2 samples of shape 1x2x2", e.Message);
    }
}
