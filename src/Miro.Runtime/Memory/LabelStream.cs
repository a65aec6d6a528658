using System;
using System.Threading;

namespace Miro.Runtime.Memory;

/// <summary>
/// One label's deterministic sequence of random draws from the store (its own seeded generator),
/// read ahead by the swap worker into a ring of up to <c>depth</c> samples and taken in order by
/// the trainer. Whoever reads, the k-th draw of a label is the same sample, so prefetching never
/// changes what a run swaps.
/// <para>Single producer (the worker thread, or the trainer when the ring is empty) under the
/// stream's lock; single consumer (the trainer), lock-free while the ring holds samples.</para>
/// </summary>
internal sealed class LabelStream
{
    private readonly PrefetchedSample?[] _ring;
    private readonly SeededRandom _random;
    private readonly object _gate = new();
    private long _head; // next draw the trainer takes (trainer writes)
    private long _tail; // next draw the producer fills (producer writes, under the lock)
    private int _target = MinimumTarget; // how many draws to keep ready (trainer writes)

    /// <summary>The fewest draws kept ready per label.</summary>
    public const int MinimumTarget = 4;

    public LabelStream(int label, RandomState state, int depth)
    {
        Label = label;
        _random = new SeededRandom(state);
        _ring = new PrefetchedSample?[depth];
    }

    public int Label { get; }

    /// <summary>True when fewer than half of the target's draws are ready (time to wake the worker).</summary>
    public bool Low => Volatile.Read(ref _tail) - Volatile.Read(ref _head) < Volatile.Read(ref _target) / 2;

    /// <summary>True when fewer draws than the target are ready.</summary>
    public bool HasRoom => Volatile.Read(ref _tail) - Volatile.Read(ref _head) < Volatile.Read(ref _target);

    /// <summary>
    /// Trainer side: a request just took <paramref name="taken"/> draws of this label; keep about
    /// four such requests ready (within the ring), so read-ahead follows the label's demand and few
    /// draws are read in vain when the task ends.
    /// </summary>
    public void Demand(int taken)
    {
        int wanted = Math.Clamp(4 * taken, MinimumTarget, _ring.Length);
        if (wanted > _target)
        {
            Volatile.Write(ref _target, wanted);
        }
    }

    /// <summary>Producer side: reads the next draw into the ring if it has room.</summary>
    /// <returns>False when the ring was full.</returns>
    public bool TryPrefetch(SampleStore store, PrefetchedSamplePool pool, ref long bytes)
    {
        lock (_gate)
        {
            long tail = _tail;
            if (tail - Volatile.Read(ref _head) >= Volatile.Read(ref _target))
            {
                return false;
            }

            PrefetchedSample sample = pool.Rent();
            Draw(store, sample, ref bytes);
            _ring[tail % _ring.Length] = sample;
            Volatile.Write(ref _tail, tail + 1);
            return true;
        }
    }

    /// <summary>
    /// Consumer side (trainer thread): the next draw in the sequence, prefetched if the worker got
    /// to it, else read here.
    /// </summary>
    /// <param name="store">The store to read from when the ring is empty.</param>
    /// <param name="pool">Gives a sample buffer.</param>
    /// <param name="bytes">Incremented by the bytes read here.</param>
    /// <param name="inline">True when the trainer had to read the sample itself.</param>
    public PrefetchedSample Take(SampleStore store, PrefetchedSamplePool pool, ref long bytes, out bool inline)
    {
        long head = _head;
        if (head < Volatile.Read(ref _tail))
        {
            inline = false;
            return TakeAt(head);
        }

        lock (_gate)
        {
            if (head < _tail)
            {
                inline = false;
                return TakeAt(head); // the worker filled it meanwhile
            }

            // The ring is empty (the worker is behind): this draw is the next in sequence; read it here.
            PrefetchedSample sample = pool.Rent();
            Draw(store, sample, ref bytes);
            inline = true;
            return sample;
        }
    }

    /// <summary>The generator state before the first draw not yet taken (call from the trainer thread).</summary>
    public RandomState ConsumedState()
    {
        lock (_gate)
        {
            return _head < _tail ? _ring[_head % _ring.Length]!.Before : _random.State;
        }
    }

    private PrefetchedSample TakeAt(long head)
    {
        int index = (int)(head % _ring.Length);
        PrefetchedSample sample = _ring[index]!;
        _ring[index] = null;
        Volatile.Write(ref _head, head + 1);
        return sample;
    }

    private void Draw(SampleStore store, PrefetchedSample sample, ref long bytes)
    {
        sample.Before = _random.State;
        try
        {
            if (store.TryDrawRandom(Label, _random, sample.Features, out var header))
            {
                sample.Outcome = DrawOutcome.Drawn;
                sample.Label = header.Label;
                sample.SourceId = header.SourceId;
                bytes += store.RecordBytes;
            }
            else
            {
                sample.Outcome = DrawOutcome.Missing;
            }
        }
        catch (SampleCorruptedException)
        {
            // The store withdrew the damaged sample; the slot that takes this draw keeps its current one.
            sample.Outcome = DrawOutcome.Corrupted;
            bytes += store.RecordBytes;
        }
    }
}
