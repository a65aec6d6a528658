using System;
using System.Collections.Generic;

namespace Miro.Runtime.Memory;

/// <summary>
/// The episodic memory (EM, DRAM) of the reference code: class-balanced slots, <c>capacity / seen
/// classes</c> per class. At the end of each task the old classes shrink to the new quota (each keeps
/// its oldest samples, the ring-buffer order) and the new classes fill theirs from the stream buffer
/// (a seeded choice). Classes with fewer samples than their share pass the spare slots on to others.
/// </summary>
public sealed class EpisodicMemory : ReplayMemory
{
    /// <summary>Creates an empty memory.</summary>
    /// <param name="capacity">Slots.</param>
    /// <param name="sampleSize">Values per sample.</param>
    public EpisodicMemory(int capacity, int sampleSize)
        : base(capacity, sampleSize)
    {
    }

    /// <inheritdoc />
    public override bool UpdatesOnline => false;

    /// <inheritdoc />
    public override void UpdateAtTaskEnd(StreamBuffer stream, Random rng)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rng);
        var streamByClass = new Dictionary<int, List<int>>();
        for (int i = 0; i < stream.Count; i++)
        {
            int label = stream.Label(i);
            if (!streamByClass.TryGetValue(label, out var list))
            {
                streamByClass[label] = list = new List<int>();
            }

            list.Add(i);
            MarkSeen(label);
        }

        Rebuild(Capacity, (label, missing, layout) =>
        {
            if (!streamByClass.TryGetValue(label, out var candidates))
            {
                return;
            }

            int[] shuffled = candidates.ToArray();
            rng.Shuffle(shuffled);
            for (int k = 0; k < missing && k < shuffled.Length; k++)
            {
                layout.Add(stream.Features(shuffled[k]), label, stream.SampleId(shuffled[k]));
            }
        }, label => streamByClass.TryGetValue(label, out var l) ? l.Count : 0);
    }

    /// <inheritdoc />
    public override void Resize(int capacity, ISampleSource? source, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentNullException.ThrowIfNull(rng);
        HashSet<long> held = HeldIds();
        Rebuild(capacity, (label, missing, layout) =>
        {
            if (source is null || missing <= 0)
            {
                return;
            }

            var features = new float[missing * SampleSize];
            var ids = new long[missing];
            int got = source.Fetch(label, missing, held, rng, features, ids);
            for (int k = 0; k < got; k++)
            {
                layout.Add(features.AsSpan(k * SampleSize, SampleSize), label, ids[k]);
            }
        }, label => source is null ? 0 : Math.Max(0, source.CountOf(label) - CountOf(label)));
    }

    /// <summary>
    /// Lays the memory out anew with <paramref name="capacity"/> slots, class by class (ascending):
    /// first the class's existing samples up to its quota, then up to the quota from <paramref name="fill"/>.
    /// </summary>
    private void Rebuild(int capacity, Action<int, int, Layout> fill, Func<int, int> extraAvailable)
    {
        int classes = 0;
        foreach (int c in SeenClasses)
        {
            classes = Math.Max(classes, c + 1);
        }

        var held = new List<int>[classes];
        for (int slot = 0; slot < Count; slot++)
        {
            int label = Label(slot);
            (held[label] ??= new List<int>()).Add(slot);
        }

        var available = new int[classes];
        foreach (int c in SeenClasses)
        {
            available[c] = (held[c]?.Count ?? 0) + extraAvailable(c);
        }

        var quota = new int[classes];
        ClassQuota.Balanced(capacity, available, quota);

        var layout = new Layout(capacity);
        for (int c = 0; c < classes; c++)
        {
            int keep = Math.Min(quota[c], held[c]?.Count ?? 0);
            for (int k = 0; k < keep; k++)
            {
                int slot = held[c]![k];
                layout.Add(Features(slot), c, SampleId(slot));
            }

            if (quota[c] > keep)
            {
                fill(c, quota[c] - keep, layout);
            }
        }

        ReplaceAll(capacity, layout.Rows, layout.Labels, layout.Ids, layout.Count);
    }

    /// <summary>The new slot arrays being filled by <see cref="Rebuild"/>.</summary>
    private sealed class Layout
    {
        public Layout(int capacity)
        {
            Rows = new float[capacity][];
            Labels = new int[capacity];
            Ids = new long[capacity];
        }

        /// <summary>One features array per slot: copies, so the memory read from is left as it was.</summary>
        public float[]?[] Rows { get; }

        public int[] Labels { get; }

        public long[] Ids { get; }

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<float> features, int label, long id)
        {
            Rows[Count] = features.ToArray();
            Labels[Count] = label;
            Ids[Count] = id;
            Count++;
        }
    }
}
