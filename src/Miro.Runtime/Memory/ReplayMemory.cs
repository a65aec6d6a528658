using System;
using System.Collections.Generic;

namespace Miro.Runtime.Memory;

/// <summary>
/// A replay memory in DRAM: <see cref="Capacity"/> slots, each holding one sample's features (an
/// array of its own, so that publishing a swap hands the slot the worker's array instead of copying
/// it: <see cref="Exchange"/>), label and id. Not thread-safe, and it need not be: every read and
/// write happens on the training thread (batch assembly, memory updates, and the swap worker's
/// publication between steps; the swap worker's own thread only reads the sample store into arrays
/// no slot holds).
/// </summary>
public abstract class ReplayMemory
{
    private readonly SortedSet<int> _seenClasses = new();
    private float[]?[] _rows;
    private int[] _labels;
    private long[] _ids;

    /// <summary>Creates an empty memory.</summary>
    /// <param name="capacity">Slots (0 is allowed: no replay).</param>
    /// <param name="sampleSize">Values per sample.</param>
    protected ReplayMemory(int capacity, int sampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        SampleSize = sampleSize;
        Capacity = capacity;
        _rows = new float[capacity][];
        _labels = new int[capacity];
        _ids = new long[capacity];
    }

    /// <summary>Number of slots.</summary>
    public int Capacity { get; private set; }

    /// <summary>Number of filled slots (slots 0..Count-1).</summary>
    public int Count { get; protected set; }

    /// <summary>Values per sample.</summary>
    public int SampleSize { get; }

    /// <summary>Classes this memory has been offered samples of, ascending.</summary>
    public IReadOnlyCollection<int> SeenClasses => _seenClasses;

    /// <summary>True when the memory changes with every stream sample (<see cref="Observe"/>), false when it changes at task end.</summary>
    public abstract bool UpdatesOnline { get; }

    /// <summary>The label in <paramref name="slot"/>.</summary>
    public int Label(int slot) => _labels[CheckSlot(slot)];

    /// <summary>The id of the sample in <paramref name="slot"/>.</summary>
    public long SampleId(int slot) => _ids[CheckSlot(slot)];

    /// <summary>The features in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<float> Features(int slot) => _rows[CheckSlot(slot)];

    /// <summary>Number of slots holding class <paramref name="label"/>.</summary>
    public int CountOf(int label)
    {
        int n = 0;
        for (int i = 0; i < Count; i++)
        {
            if (_labels[i] == label)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>
    /// Replaces the sample in <paramref name="slot"/> (CarM swapping: the swap worker writes a stored
    /// sample of the same label, published between steps).
    /// </summary>
    public void Overwrite(int slot, ReadOnlySpan<float> features, int label, long id)
    {
        if (features.Length != SampleSize)
        {
            throw new ArgumentException($"A sample has {SampleSize} values, not {features.Length}.", nameof(features));
        }

        CheckSlot(slot);
        features.CopyTo(_rows[slot]);
        _labels[slot] = label;
        _ids[slot] = id;
    }

    /// <summary>
    /// Puts <paramref name="row"/> into <paramref name="slot"/> as its features without copying, and
    /// returns the array the slot held, which the memory no longer references (publishing a swap: the
    /// staged sample's array becomes the slot's, and the slot's old array goes back to the pool).
    /// </summary>
    internal float[] Exchange(int slot, float[] row, int label, long id)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != SampleSize)
        {
            throw new ArgumentException($"A sample has {SampleSize} values, not {row.Length}.", nameof(row));
        }

        CheckSlot(slot);
        float[] old = _rows[slot]!;
        _rows[slot] = row;
        _labels[slot] = label;
        _ids[slot] = id;
        return old;
    }

    /// <summary>Offers one stream sample; memories that update at task end ignore it.</summary>
    public virtual void Observe(ReadOnlySpan<float> features, int label, long id, Random rng)
    {
    }

    /// <summary>The end-of-task update with the task's stream buffer.</summary>
    public abstract void UpdateAtTaskEnd(StreamBuffer stream, Random rng);

    /// <summary>
    /// Changes the capacity. Shrinking drops samples (keeping the memory's balance); growing
    /// refills from <paramref name="source"/> when given, else leaves the new slots empty until
    /// the next update.
    /// </summary>
    public abstract void Resize(int capacity, ISampleSource? source, Random rng);

    /// <summary>A copy of the memory's state (for checkpoints).</summary>
    public MemorySnapshot Snapshot()
    {
        var features = new float[Count * SampleSize];
        for (int slot = 0; slot < Count; slot++)
        {
            _rows[slot].AsSpan().CopyTo(features.AsSpan(slot * SampleSize, SampleSize));
        }

        return new MemorySnapshot(
            Capacity,
            features,
            _labels.AsSpan(0, Count).ToArray(),
            _ids.AsSpan(0, Count).ToArray(),
            new List<int>(_seenClasses),
            ObservedCount);
    }

    /// <summary>Replaces the memory's state with <paramref name="snapshot"/> (resuming from a checkpoint).</summary>
    /// <exception cref="ArgumentException">The snapshot does not fit this memory's sample size.</exception>
    public void Restore(MemorySnapshot snapshot)
    {
        int count = CheckSnapshot(snapshot);
        var labels = new int[snapshot.Capacity];
        var ids = new long[snapshot.Capacity];
        snapshot.Labels.CopyTo(labels, 0);
        snapshot.Ids.CopyTo(ids, 0);
        var rows = new float[snapshot.Capacity][];
        for (int slot = 0; slot < count; slot++)
        {
            rows[slot] = snapshot.Features.AsSpan(slot * SampleSize, SampleSize).ToArray();
        }

        ReplaceAll(snapshot.Capacity, rows, labels, ids, count);
        _seenClasses.Clear();
        _seenClasses.UnionWith(snapshot.SeenClasses);
        ObservedCount = snapshot.Observed;
    }

    /// <summary>Stream samples observed (reservoir sampling state); 0 for memories that update at task end.</summary>
    protected long ObservedCount { get; set; }

    /// <summary>Copies slot <paramref name="slot"/>'s features into <paramref name="destination"/>.</summary>
    internal void CopyFeatures(int slot, Span<float> destination)
        => _rows[slot].AsSpan().CopyTo(destination);

    /// <summary>Records that <paramref name="label"/> has been offered.</summary>
    protected void MarkSeen(int label) => _seenClasses.Add(label);

    /// <summary>Writes a sample into <paramref name="slot"/>.</summary>
    protected void WriteSlot(int slot, ReadOnlySpan<float> features, int label, long id)
    {
        features.CopyTo(_rows[slot] ??= new float[SampleSize]);
        _labels[slot] = label;
        _ids[slot] = id;
    }

    /// <summary>
    /// Makes this memory a copy of <paramref name="source"/> resized to <paramref name="capacity"/>
    /// (growing from <paramref name="store"/>), without copying <paramref name="source"/> first when the
    /// capacity changes: both resizes only read the slots they keep and copy them into new arrays, so
    /// the source's arrays are read in place and left as they were. Profiling trials copy the task's
    /// memory once per candidate; a snapshot of it first (6 MB at 2,000 Fashion-MNIST slots) cost
    /// 5–17 ms per profiled task. <paramref name="source"/> must not change meanwhile (the trials run
    /// on the training thread, between steps, where nothing else writes the memory).
    /// </summary>
    internal void RestoreResized(ReplayMemory source, int capacity, ISampleSource? store, Random rng)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.SampleSize != SampleSize)
        {
            throw new ArgumentException($"The source memory stores {source.SampleSize} values per sample; this memory stores {SampleSize}.", nameof(source));
        }

        _seenClasses.Clear();
        _seenClasses.UnionWith(source._seenClasses);
        ObservedCount = source.ObservedCount;
        if (capacity == source.Capacity)
        {
            var rows = new float[capacity][];
            var labels = new int[capacity];
            var ids = new long[capacity];
            for (int slot = 0; slot < source.Count; slot++)
            {
                rows[slot] = (float[])source._rows[slot]!.Clone();
            }

            source._labels.AsSpan(0, source.Count).CopyTo(labels);
            source._ids.AsSpan(0, source.Count).CopyTo(ids);
            ReplaceAll(capacity, rows, labels, ids, source.Count);
            return;
        }

        ReplaceAll(source.Capacity, source._rows, source._labels, source._ids, source.Count);
        Resize(capacity, store, rng);
    }

    private int CheckSnapshot(MemorySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        int count = snapshot.Labels.Length;
        if (snapshot.Features.Length != count * SampleSize || snapshot.Ids.Length != count || count > snapshot.Capacity)
        {
            throw new ArgumentException(
                $"The snapshot holds {count} labels, {snapshot.Ids.Length} ids and {snapshot.Features.Length} feature values for {snapshot.Capacity} slots; this memory stores {SampleSize} values per sample.",
                nameof(snapshot));
        }

        return count;
    }

    /// <summary>
    /// Replaces all slots with <paramref name="count"/> samples held in the given arrays (one features
    /// array per slot, which the memory takes over) and sets the capacity.
    /// </summary>
    protected void ReplaceAll(int capacity, float[]?[] rows, int[] labels, long[] ids, int count)
    {
        Capacity = capacity;
        _rows = rows;
        _labels = labels;
        _ids = ids;
        Count = count;
    }

    /// <summary>Ids of all filled slots.</summary>
    protected HashSet<long> HeldIds()
    {
        var ids = new HashSet<long>();
        for (int i = 0; i < Count; i++)
        {
            ids.Add(_ids[i]);
        }

        return ids;
    }

    private int CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"The memory has {Count} filled slots.");
        }

        return slot;
    }
}
