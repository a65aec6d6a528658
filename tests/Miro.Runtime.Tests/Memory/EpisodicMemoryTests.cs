using System;
using System.Collections.Generic;
using System.Linq;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;
using Miro.Runtime.Tests.Data;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class EpisodicMemoryTests
{
    private static readonly Dataset Data = SyntheticData.Make(classes: 10, perClass: 60);

    private static int[] TaskIndices(int task) =>
        Enumerable.Range(0, Data.Count).Where(i => Data.Label(i) / 2 == task).ToArray();

    private static Dictionary<int, int> PerClass(ReplayMemory m) =>
        Enumerable.Range(0, m.Count).GroupBy(m.Label).ToDictionary(g => g.Key, g => g.Count());

    private static void AssertBalanced(ReplayMemory m, int classes)
    {
        Dictionary<int, int> counts = PerClass(m);
        Assert.Equal(classes, counts.Count);
        Assert.Equal(Math.Min(m.Capacity, classes * 60), m.Count);
        Assert.True(counts.Values.Max() - counts.Values.Min() <= 1, string.Join(", ", counts));
        for (int slot = 0; slot < m.Count; slot++)
        {
            // Every slot holds the features of the sample its id names.
            Assert.Equal(Data.Features((int)m.SampleId(slot)).ToArray(), m.Features(slot).ToArray());
            Assert.Equal(Data.Label((int)m.SampleId(slot)), m.Label(slot));
        }
    }

    [Fact]
    public void Stays_class_balanced_after_every_task()
    {
        var memory = new EpisodicMemory(capacity: 200, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(1);
        for (int task = 0; task < 5; task++)
        {
            stream.Load(Data, TaskIndices(task), rng);
            memory.UpdateAtTaskEnd(stream, rng);

            AssertBalanced(memory, classes: 2 * (task + 1));
        }

        // 200 slots over 10 classes: exactly 20 each.
        Assert.All(PerClass(memory).Values, n => Assert.Equal(20, n));
    }

    [Fact]
    public void Old_classes_keep_samples_they_already_had()
    {
        var memory = new EpisodicMemory(capacity: 60, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(2);
        stream.Load(Data, TaskIndices(0), rng);
        memory.UpdateAtTaskEnd(stream, rng);
        var before = new HashSet<long>(Enumerable.Range(0, memory.Count).Select(memory.SampleId));

        stream.Load(Data, TaskIndices(1), rng);
        memory.UpdateAtTaskEnd(stream, rng);

        var oldNow = Enumerable.Range(0, memory.Count).Where(s => memory.Label(s) < 2).Select(memory.SampleId).ToList();
        Assert.Equal(30, oldNow.Count);
        Assert.All(oldNow, id => Assert.Contains(id, before));
    }

    [Fact]
    public void Remainder_slots_go_to_the_oldest_classes()
    {
        var memory = new EpisodicMemory(capacity: 101, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(3);
        for (int task = 0; task < 2; task++)
        {
            stream.Load(Data, TaskIndices(task), rng);
            memory.UpdateAtTaskEnd(stream, rng);
        }

        Dictionary<int, int> counts = PerClass(memory);
        Assert.Equal(new[] { 26, 25, 25, 25 }, Enumerable.Range(0, 4).Select(c => counts[c]));
    }

    [Fact]
    public void Shrinking_rebalances_every_class()
    {
        var memory = new EpisodicMemory(capacity: 200, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(4);
        for (int task = 0; task < 3; task++)
        {
            stream.Load(Data, TaskIndices(task), rng);
            memory.UpdateAtTaskEnd(stream, rng);
        }

        memory.Resize(60, source: null, rng);

        Assert.Equal(60, memory.Capacity);
        AssertBalanced(memory, classes: 6);
        Assert.All(PerClass(memory).Values, n => Assert.Equal(10, n));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(200)]
    [InlineData(300)]
    public void Copying_resized_equals_restore_then_resize_and_leaves_the_source_as_it_was(int capacity)
    {
        var memory = new EpisodicMemory(capacity: 200, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(7);
        for (int task = 0; task < 3; task++)
        {
            stream.Load(Data, TaskIndices(task), rng);
            memory.UpdateAtTaskEnd(stream, rng);
        }

        MemorySnapshot before = memory.Snapshot();
        var expected = new EpisodicMemory(before.Capacity, Data.SampleSize);
        expected.Restore(before);
        expected.Resize(capacity, new ArraySampleSource(Data), new Random(9));

        var actual = new EpisodicMemory(0, Data.SampleSize);
        actual.RestoreResized(memory, capacity, new ArraySampleSource(Data), new Random(9));

        Assert.Equal(expected.Capacity, actual.Capacity);
        Assert.Equal(expected.SeenClasses, actual.SeenClasses);
        Assert.Equal(Enumerable.Range(0, expected.Count).Select(expected.SampleId), Enumerable.Range(0, actual.Count).Select(actual.SampleId));
        Assert.Equal(Enumerable.Range(0, expected.Count).SelectMany(s => expected.Features(s).ToArray()), Enumerable.Range(0, actual.Count).SelectMany(s => actual.Features(s).ToArray()));
        AssertSameState(before, memory.Snapshot());
        // The copy trains with its own arrays: writing each of its slots must not reach the source.
        for (int slot = 0; slot < actual.Count; slot++)
        {
            actual.Overwrite(slot, Data.Features(0), Data.Label(0), -1);
        }

        AssertSameState(before, memory.Snapshot());
    }

    [Fact]
    public void Exchange_gives_the_slot_the_array_and_returns_the_old_one_which_the_memory_no_longer_uses()
    {
        var memory = new EpisodicMemory(capacity: 20, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(100, Data.SampleSize);
        stream.Load(Data, TaskIndices(0), new Random(1));
        memory.UpdateAtTaskEnd(stream, new Random(1));
        float[] before = memory.Features(3).ToArray();
        int label = memory.Label(3);
        float[] row = Enumerable.Range(0, Data.SampleSize).Select(i => (float)i).ToArray();

        float[] old = memory.Exchange(3, row, label, id: 12345);

        Assert.Equal(before, old);
        Assert.Equal(12345, memory.SampleId(3));
        Assert.Equal(row, memory.Features(3).ToArray());
        // The slot holds the given array itself (no copy), and the returned one is the caller's now.
        row[0] = -7f;
        Assert.Equal(-7f, memory.Features(3)[0]);
        Array.Fill(old, 99f);
        Assert.DoesNotContain(99f, Enumerable.Range(0, memory.Count).SelectMany(s => memory.Features(s).ToArray()));
        Assert.Throws<ArgumentException>(() => memory.Exchange(3, new float[Data.SampleSize + 1], label, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Exchange(memory.Count, new float[Data.SampleSize], label, 1));
    }

    private static void AssertSameState(MemorySnapshot expected, MemorySnapshot actual)
    {
        Assert.Equal(expected.Capacity, actual.Capacity);
        Assert.Equal(expected.Features, actual.Features);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.SeenClasses, actual.SeenClasses);
    }

    [Fact]
    public void Growing_refills_every_class_from_the_source_without_duplicates()
    {
        var memory = new EpisodicMemory(capacity: 40, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(5);
        for (int task = 0; task < 2; task++)
        {
            stream.Load(Data, TaskIndices(task), rng);
            memory.UpdateAtTaskEnd(stream, rng);
        }

        memory.Resize(200, new ArraySampleSource(Data), rng);

        Assert.Equal(200, memory.Count);
        AssertBalanced(memory, classes: 4);
        Assert.Equal(200, Enumerable.Range(0, memory.Count).Select(memory.SampleId).Distinct().Count());
    }

    [Fact]
    public void Growing_without_a_source_keeps_the_samples_and_fills_at_the_next_task()
    {
        var memory = new EpisodicMemory(capacity: 40, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(6);
        stream.Load(Data, TaskIndices(0), rng);
        memory.UpdateAtTaskEnd(stream, rng);

        memory.Resize(100, source: null, rng);
        Assert.Equal(40, memory.Count);

        stream.Load(Data, TaskIndices(1), rng);
        memory.UpdateAtTaskEnd(stream, rng);
        Assert.Equal(100, memory.Count);
        Assert.Equal(20, PerClass(memory)[0]);
        Assert.Equal(30, PerClass(memory)[2]);
    }

    [Fact]
    public void Overwrite_replaces_the_slot_sample()
    {
        var memory = new EpisodicMemory(capacity: 10, sampleSize: Data.SampleSize);
        var stream = new StreamBuffer(1000, Data.SampleSize);
        var rng = new Random(7);
        stream.Load(Data, TaskIndices(0), rng);
        memory.UpdateAtTaskEnd(stream, rng);
        int label = memory.Label(3);
        int replacement = Enumerable.Range(0, Data.Count).First(i => Data.Label(i) == label && i != memory.SampleId(3));

        memory.Overwrite(3, Data.Features(replacement), label, replacement);

        Assert.Equal(replacement, memory.SampleId(3));
        Assert.Equal(Data.Features(replacement).ToArray(), memory.Features(3).ToArray());
    }
}
