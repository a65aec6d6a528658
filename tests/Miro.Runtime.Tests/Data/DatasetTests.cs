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
    public void A_byte_dataset_keeps_its_bytes_for_the_store_and_scales_its_floats_to_the_unit_interval()
    {
        byte[] raw = [0, 51, 255, 128, 7, 9];
        var data = new Dataset(raw, SampleEncoding.PixelBytes, [1, 0], new SampleShape(1, 1, 3), "bytes");

        Assert.Equal(3, data.RawSampleBytes);
        Assert.Equal(new byte[] { 128, 7, 9 }, data.RawFeatures(1).ToArray());
        Assert.Equal(new[] { 0f, 0.2f, 1f }, data.Features(0).ToArray());
        Assert.Equal(128 / 255f, data.Features(1)[0]);
        var relabelled = data.WithLabels([0, 1]);
        Assert.Equal(SampleEncoding.PixelBytes, relabelled.Encoding);
        Assert.Equal(data.RawFeatures(1).ToArray(), relabelled.RawFeatures(1).ToArray());
    }

    [Fact]
    public void A_float_dataset_is_its_own_raw_form()
    {
        var data = new Dataset([1.5f, -2f], [0, 1], new SampleShape(1, 1, 1), "floats");

        Assert.Equal(SampleEncoding.Float32, data.Encoding);
        Assert.Equal(BitConverter.GetBytes(-2f), data.RawFeatures(1).ToArray());
    }

    [Fact]
    public void Raw_bytes_that_do_not_make_whole_samples_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(new byte[5], SampleEncoding.PixelBytes, [0, 1], new SampleShape(1, 1, 3), "short"));
        Assert.Contains("short: 5 bytes of u8/255 do not make 2 samples of shape 1x1x3", e.Message);
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
