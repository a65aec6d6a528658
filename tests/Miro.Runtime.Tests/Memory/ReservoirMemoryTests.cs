using System;
using System.Linq;
using Miro.Runtime.Memory;
using Miro.Runtime.Tests.Data;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class ReservoirMemoryTests
{
    [Fact]
    public void Fills_to_capacity_then_keeps_a_uniform_sample_of_the_stream()
    {
        var data = SyntheticData.Make(classes: 2, perClass: 5000);
        var memory = new ReservoirMemory(capacity: 500, sampleSize: data.SampleSize);
        var rng = new Random(1);
        for (int i = 0; i < data.Count; i++)
        {
            memory.Observe(data.Features(i), data.Label(i), i, rng);
            Assert.Equal(Math.Min(i + 1, 500), memory.Count);
        }

        Assert.Equal(10_000, memory.Observed);
        // A uniform sample of 500 out of 10,000: each quarter of the stream holds ~125 (sd ~10).
        int[] quarters = Enumerable.Range(0, memory.Count).GroupBy(s => (int)(memory.SampleId(s) / 2500)).Select(g => g.Count()).ToArray();
        Assert.Equal(4, quarters.Length);
        Assert.All(quarters, q => Assert.InRange(q, 85, 165));
    }

    [Fact]
    public void Shrinking_keeps_a_subset_and_growing_refills_from_the_source()
    {
        var data = SyntheticData.Make(classes: 4, perClass: 100);
        var memory = new ReservoirMemory(capacity: 100, sampleSize: data.SampleSize);
        var rng = new Random(2);
        for (int i = 0; i < data.Count; i++)
        {
            memory.Observe(data.Features(i), data.Label(i), i, rng);
        }

        var before = Enumerable.Range(0, memory.Count).Select(memory.SampleId).ToHashSet();
        memory.Resize(40, null, rng);
        Assert.Equal(40, memory.Count);
        Assert.All(Enumerable.Range(0, 40).Select(memory.SampleId), id => Assert.Contains(id, before));

        memory.Resize(200, new ArraySampleSource(data), rng);
        Assert.Equal(200, memory.Count);
        Assert.Equal(200, Enumerable.Range(0, 200).Select(memory.SampleId).Distinct().Count());
        Assert.All(Enumerable.Range(0, 200), s => Assert.Equal(data.Label((int)memory.SampleId(s)), memory.Label(s)));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(100)]
    [InlineData(200)]
    public void A_resized_copy_equals_restore_then_resize_and_keeps_the_observed_count_and_the_source(int capacity)
    {
        var data = SyntheticData.Make(classes: 4, perClass: 100);
        var memory = new ReservoirMemory(capacity: 100, sampleSize: data.SampleSize);
        var rng = new Random(3);
        for (int i = 0; i < data.Count; i++)
        {
            memory.Observe(data.Features(i), data.Label(i), i, rng);
        }

        MemorySnapshot before = memory.Snapshot();
        var expected = new ReservoirMemory(100, data.SampleSize);
        expected.Restore(before);
        expected.Resize(capacity, new ArraySampleSource(data), new Random(4));

        var copy = new ReservoirMemory(0, data.SampleSize);
        copy.RestoreResized(memory, capacity, new ArraySampleSource(data), new Random(4));

        Assert.Equal(capacity, copy.Capacity);
        Assert.Equal(expected.Snapshot().Ids, copy.Snapshot().Ids);
        Assert.Equal(expected.Snapshot().Features, copy.Snapshot().Features);
        Assert.Equal(400, copy.Observed);
        for (int slot = 0; slot < copy.Count; slot++)
        {
            copy.Overwrite(slot, data.Features(0), data.Label(0), -1);
        }

        MemorySnapshot after = memory.Snapshot();
        Assert.Equal(before.Ids, after.Ids);
        Assert.Equal(before.Features, after.Features);
        Assert.Equal(before.Labels, after.Labels);
    }
}
