using System;
using System.Collections.Generic;

namespace Miro.Runtime.Memory;

/// <summary>
/// Reservoir sampling (Vitter's algorithm R): after <c>n</c> stream samples every one of them is in
/// memory with probability <c>capacity / n</c>. Updated online, sample by sample (online ER, DER).
/// </summary>
public sealed class ReservoirMemory : ReplayMemory
{
    /// <summary>Creates an empty memory.</summary>
    /// <param name="capacity">Slots.</param>
    /// <param name="sampleSize">Values per sample.</param>
    public ReservoirMemory(int capacity, int sampleSize)
        : base(capacity, sampleSize)
    {
    }

    /// <summary>Stream samples observed so far.</summary>
    public long Observed => ObservedCount;

    /// <inheritdoc />
    public override bool UpdatesOnline => true;

    /// <inheritdoc />
    public override void Observe(ReadOnlySpan<float> features, int label, long id, Random rng)
    {
        MarkSeen(label);
        ObservedCount++;
        if (Count < Capacity)
        {
            WriteSlot(Count, features, label, id);
            Count++;

            return;
        }

        long j = rng.NextInt64(ObservedCount);
        if (j < Capacity)
        {
            WriteSlot((int)j, features, label, id);
        }
    }

    /// <summary>Observes every sample of the stream buffer in stream order (ER with reservoir selection).</summary>
    public override void UpdateAtTaskEnd(StreamBuffer stream, Random rng)
    {
        ArgumentNullException.ThrowIfNull(stream);
        for (int i = 0; i < stream.Count; i++)
        {
            Observe(stream.Features(i), stream.Label(i), stream.SampleId(i), rng);
        }
    }

    /// <summary>
    /// Shrinking keeps a seeded uniform subset (still a uniform sample of the stream); growing fills
    /// the new slots from <paramref name="source"/> in proportion to each class's stored samples.
    /// </summary>
    public override void Resize(int capacity, ISampleSource? source, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentNullException.ThrowIfNull(rng);
        var slots = new int[Count];
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = i;
        }

        if (capacity < Count)
        {
            rng.Shuffle(slots);
            slots = slots[..capacity];
            Array.Sort(slots);
        }

        // Copies of the kept slots' features: a trial's copy reads another memory's arrays in place.
        var rows = new float[capacity][];
        var labels = new int[capacity];
        var ids = new long[capacity];
        int n = 0;
        foreach (int slot in slots)
        {
            rows[n] = Features(slot).ToArray();
            labels[n] = Label(slot);
            ids[n] = SampleId(slot);
            n++;
        }

        if (source is not null && n < capacity)
        {
            n = Refill(source, rng, rows, labels, ids, n, capacity);
        }

        ReplaceAll(capacity, rows, labels, ids, n);
    }

    private int Refill(ISampleSource source, Random rng, float[]?[] rows, int[] labels, long[] ids, int n, int capacity)
    {
        HashSet<long> held = HeldIds();
        int classes = 0;
        foreach (int c in SeenClasses)
        {
            classes = Math.Max(classes, c + 1);
        }

        var available = new int[classes];
        foreach (int c in SeenClasses)
        {
            available[c] = Math.Max(0, source.CountOf(c) - CountOf(c));
        }

        var quota = new int[classes];
        ClassQuota.Proportional(capacity - n, available, quota);
        for (int c = 0; c < classes; c++)
        {
            if (quota[c] == 0)
            {
                continue;
            }

            var fetched = new float[quota[c] * SampleSize];
            int got = source.Fetch(c, quota[c], held, rng, fetched, ids.AsSpan(n, quota[c]));
            for (int k = 0; k < got; k++)
            {
                rows[n + k] = fetched.AsSpan(k * SampleSize, SampleSize).ToArray();
            }

            labels.AsSpan(n, got).Fill(c);
            n += got;
        }

        return n;
    }
}
