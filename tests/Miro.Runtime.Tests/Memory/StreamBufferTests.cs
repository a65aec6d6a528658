using System;
using System.Linq;
using Miro.Runtime.Memory;
using Miro.Runtime.Tests.Data;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class StreamBufferTests
{
    [Fact]
    public void A_task_larger_than_the_capacity_loses_the_same_fraction_of_every_class()
    {
        var data = SyntheticData.Make(classes: 2, perClass: 100);
        int[] indices = Enumerable.Range(0, data.Count).Where(i => data.Label(i) == 0).Take(80)
            .Concat(Enumerable.Range(0, data.Count).Where(i => data.Label(i) == 1).Take(20)).ToArray();
        var buffer = new StreamBuffer(capacity: 50, sampleSize: data.SampleSize);

        buffer.Load(data, indices, new Random(1));

        Assert.Equal(50, buffer.Count);
        Assert.Equal(50, buffer.Dropped);
        Assert.Equal(40, buffer.Labels.ToArray().Count(l => l == 0));
        Assert.Equal(10, buffer.Labels.ToArray().Count(l => l == 1));
        Assert.All(Enumerable.Range(0, buffer.Count), i => Assert.Equal(data.Features((int)buffer.SampleId(i)).ToArray(), buffer.Features(i).ToArray()));
    }

    [Fact]
    public void Resize_refills_from_the_current_task()
    {
        var data = SyntheticData.Make(classes: 2, perClass: 50);
        var buffer = new StreamBuffer(capacity: 20, sampleSize: data.SampleSize);
        buffer.Load(data, Enumerable.Range(0, data.Count).ToArray(), new Random(1));

        buffer.Resize(100, new Random(2));

        Assert.Equal(100, buffer.Count);
        Assert.Equal(0, buffer.Dropped);
    }
}
