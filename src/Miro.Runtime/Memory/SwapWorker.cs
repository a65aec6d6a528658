using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>
/// CarM's asynchronous swapping (DESIGN.md §4.1). After each training step the trainer
/// <see cref="Submit"/>s the EM slots it used; <c>ceil(ratio * n)</c> of them are chosen by the
/// policy, and each gets the next random stored sample of its label. Those samples were read from
/// flash ahead of time by a dedicated worker thread, which keeps a small ring of draws per label
/// ready (<see cref="PrefetchDepth"/>), so a request normally costs the trainer a few array moves
/// and never waits for I/O. Before assembling a batch the trainer calls <see cref="Publish"/>,
/// which copies the replacements into the EM.
/// <para>Why prefetch per label and publish later: the flash reads (the slow part) overlap
/// training and no longer depend on when the worker thread gets a core; the EM is only ever written
/// by the training thread between steps, so a batch being assembled never sees half a sample.
/// Deterministic: the slots are chosen on the training thread with the worker's seeded generator,
/// and every label has its own seeded sequence of draws (the k-th draw of a label is the same
/// sample whether the worker prefetched it or the trainer had to read it because the ring was
/// empty). Before step <c>t</c>, every request up to step <c>t-1-</c><see cref="PublishLag"/> is
/// applied and the newer ones never are, so a sample is always used in its step before being
/// replaced and a run swaps identically every time.</para>
/// <para>Lifecycle: <see cref="Drain"/> applies everything submitted (epoch and task ends),
/// <see cref="Pause"/> drains, stops prefetching and ignores submissions (profiling, EM resizes),
/// <see cref="Resume"/> accepts them again, <see cref="Dispose"/> drains and stops the worker.
/// Submit, Publish, Drain, Pause and Resume are called from the training thread only.</para>
/// </summary>
public sealed class SwapWorker : IDisposable
{
    /// <summary>How many of the most recent requests <see cref="Publish"/> leaves unapplied.</summary>
    public const int PublishLag = 2;

    /// <summary>
    /// The most draws read ahead per label (memory: up to this many samples per label seen in
    /// requests). Each label keeps about four requests' worth of its draws ready (at least 4, at most
    /// this), so read-ahead follows demand. The worker is woken when a label falls below half of
    /// that and then tops every label up, so it wakes once per few steps rather than after each (a
    /// wake-up costs the trainer a system call and, on a busy device, its core).
    /// </summary>
    public const int PrefetchDepth = 64;

    private readonly SampleStore _store;
    private readonly ReplayMemory _memory;
    private readonly double _ratio;
    private readonly SwapSchedule _schedule;
    private readonly ISwapPolicy _policy;
    private readonly Random _random;
    private readonly long _labelSeed;
    private readonly Dictionary<int, RandomState> _restoredLabels = new();
    private readonly bool _asynchronous;
    private readonly Queue<SwapJob> _inFlight = new();
    private readonly Stack<SwapJob> _pool = new(); // trainer thread only
    private readonly ConcurrentQueue<PrefetchedSample> _free = new();
    private readonly Func<PrefetchedSample> _rent;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Thread? _worker;
    private LabelStream?[] _byLabel = []; // trainer thread only
    private volatile LabelStream[] _streams = []; // copy-on-write list the worker prefetches for
    private int[] _chosen = [];
    private bool _refill; // a ring the trainer took from is below half
    private volatile bool _paused;
    private volatile bool _stopping;
    private bool _disposed;
    private volatile Exception? _fault;

    // Written by both threads (Interlocked).
    private long _bytesRead, _inline;
    // Trainer-thread only.
    private long _requests, _swaps, _missing, _corrupted, _dropped, _stale, _takeTicks, _maxTakeTicks;

    /// <summary>Creates and starts a worker.</summary>
    /// <param name="store">The storage tier to draw replacements from.</param>
    /// <param name="memory">The episodic memory whose slots are refreshed. Only the training thread
    /// touches it (labels are read in <see cref="Submit"/>, slots written in <see cref="Publish"/>);
    /// drain or pause the worker before resizing it.</param>
    /// <param name="spec">Ratio, schedule and policy from the spec's <c>swap</c> clause.</param>
    /// <param name="random">The worker's seeded generator: it chooses the slots, and seeds the per-label draw streams.</param>
    public SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random)
        : this(store, memory, spec, random, asynchronous: true)
    {
    }

    /// <summary>
    /// <paramref name="asynchronous"/> false reads every sample on the training thread when a step
    /// is submitted and applies it at once (the "synchronous swapping" baseline CarM compares against;
    /// used by the benchmark).
    /// </summary>
    internal SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random, bool asynchronous)
        : this(store, memory, spec, random, asynchronous, state: null)
    {
    }

    /// <summary>Creates a worker that continues from a checkpoint's <paramref name="state"/>.</summary>
    internal SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, SwapWorkerState state)
        : this(store, memory, spec, new SeededRandom((state ?? throw new ArgumentNullException(nameof(state))).Policy), asynchronous: true, state)
    {
    }

    private SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random, bool asynchronous, SwapWorkerState? state)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        if (!(spec.Ratio > 0 && spec.Ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Ratio, "The swap ratio must be in (0, 1].");
        }
        if (memory.SampleSize != store.FeatureCount)
        {
            throw new ArgumentException($"The EM holds {memory.SampleSize} values per sample but the store holds {store.FeatureCount}.", nameof(memory));
        }
        _store = store;
        _memory = memory;
        _ratio = spec.Ratio;
        _schedule = SwapSchedule.From(spec);
        _policy = SwapPolicies.Create(spec.Policy);
        _random = random;
        if (state is null)
        {
            _labelSeed = random.NextInt64();
        }
        else
        {
            _labelSeed = state.LabelSeed;
            for (int i = 0; i < state.Labels.Length; i++)
            {
                _restoredLabels[state.Labels[i]] = state.LabelStates[i];
            }
        }

        int featureCount = memory.SampleSize;
        _rent = () => _free.TryDequeue(out var sample) ? sample : new PrefetchedSample(featureCount);
        _asynchronous = asynchronous;
        if (asynchronous)
        {
            // A dedicated thread, not the thread pool: it sleeps while every ring is full.
            _worker = new Thread(Run) { IsBackground = true, Name = "Miro swap worker" };
            _worker.Start();
        }
    }

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused => _paused;

    /// <summary>A snapshot of the worker's counters.</summary>
    public SwapMetrics Metrics => new(
        _requests,
        _swaps,
        _missing,
        _corrupted,
        _dropped,
        _stale,
        Interlocked.Read(ref _bytesRead),
        _requests == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, _takeTicks / _requests),
        Stopwatch.GetElapsedTime(0, _maxTakeTicks),
        Interlocked.Read(ref _inline),
        0,
        Stopwatch.GetElapsedTime(0, _takeTicks));

    /// <summary>
    /// Hands over the EM slots a finished step trained on: chooses the ones to swap and takes a
    /// replacement for each (published by a later <see cref="Publish"/>). Ignored outside the swap
    /// schedule (task 1, epochs not divisible by <c>every</c>) and while paused.
    /// </summary>
    /// <param name="task">The current task (1-based).</param>
    /// <param name="epoch">The current epoch (1-based).</param>
    /// <param name="slots">The EM slots the step used (copied; the caller may reuse its buffer).</param>
    /// <param name="entropy">Per slot, the predictive entropy of the step's output (entropy policy; else empty).</param>
    /// <param name="correct">Per slot, whether the step predicted the label (entropy policy; else empty).</param>
    public void Submit(int task, int epoch, ReadOnlySpan<int> slots, ReadOnlySpan<float> entropy = default, ReadOnlySpan<bool> correct = default)
    {
        ThrowIfUnusable();
        if (!entropy.IsEmpty && (entropy.Length != slots.Length || correct.Length != slots.Length))
        {
            throw new ArgumentException($"Entropy ({entropy.Length}) and correctness ({correct.Length}) must be given for each of the {slots.Length} slots.", nameof(entropy));
        }
        if (slots.IsEmpty || !_schedule.Swaps(task, epoch))
        {
            return;
        }
        if (_paused)
        {
            _dropped++;
            return;
        }
        _requests++;
        if (!_pool.TryPop(out var job))
        {
            job = new SwapJob();
        }
        job.Load(slots, entropy, correct);
        for (int i = 0; i < slots.Length; i++)
        {
            job.Labels[i] = _memory.Label(slots[i]);
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            Take(job);
        }
        catch (InvalidOperationException e)
        {
            // A policy that cannot choose (the entropy policy without predictions): surfaced by the next call.
            _fault = e;
            return;
        }

        long ticks = Stopwatch.GetTimestamp() - start;
        _takeTicks += ticks;
        _maxTakeTicks = Math.Max(_maxTakeTicks, ticks);
        _inFlight.Enqueue(job);
        if (!_asynchronous)
        {
            ApplyStaged(keepNewest: 0);
        }
        else if (_refill)
        {
            _refill = false;
            _wake.Set();
        }
    }

    /// <summary>
    /// Applies taken replacements to the EM; call before assembling each batch. Every request
    /// except the <see cref="PublishLag"/> most recent ones is applied. Never waits for the worker.
    /// </summary>
    /// <returns>Slots replaced.</returns>
    public int Publish()
    {
        ThrowIfUnusable();
        return ApplyStaged(keepNewest: PublishLag);
    }

    /// <summary>Applies every submitted request.</summary>
    /// <returns>Slots replaced.</returns>
    public int Drain()
    {
        ThrowIfUnusable();
        return ApplyStaged(keepNewest: 0);
    }

    /// <summary>Drains, stops prefetching and ignores submissions until <see cref="Resume"/> (around profiling and EM resizes).</summary>
    public void Pause()
    {
        Drain();
        _paused = true;
    }

    /// <summary>Accepts submissions (and prefetches) again after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        ThrowIfUnusable();
        _paused = false;
        _refill = false;
        _wake.Set();
    }

    /// <summary>Drains and stops the worker.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            if (_fault is null)
            {
                ApplyStaged(keepNewest: 0);
            }
        }
        finally
        {
            _disposed = true;
            _stopping = true;
            _wake.Set();
            _worker?.Join();
            _wake.Dispose();
        }
    }

    /// <summary>
    /// The swap state for a checkpoint taken between two steps: the generators (label streams
    /// rewound to the first draw not taken; prefetched draws are read again after a resume) and
    /// copies of the taken, unpublished replacements, oldest request first. Changes nothing.
    /// </summary>
    internal (SwapWorkerState State, IReadOnlyList<PendingSwap> Pending) Settle()
    {
        ThrowIfUnusable();
        RandomState policy = _random is SeededRandom seeded
            ? seeded.State
            : throw new InvalidOperationException("Checkpoints inside a task need the swap worker's generator to be a SeededRandom.");
        LabelStream[] streams = _streams;
        var labels = new int[streams.Length];
        var states = new RandomState[streams.Length];
        for (int i = 0; i < streams.Length; i++)
        {
            labels[i] = streams[i].Label;
            states[i] = streams[i].ConsumedState();
        }

        var pending = new List<PendingSwap>(_inFlight.Count);
        int featureCount = _memory.SampleSize;
        foreach (var job in _inFlight)
        {
            int n = job.StagedCount;
            var slots = new int[n];
            var staged = new int[n];
            var ids = new long[n];
            var features = new float[n * featureCount];
            for (int i = 0; i < n; i++)
            {
                PrefetchedSample sample = job.StagedSamples[i]!;
                slots[i] = job.StagedSlots[i];
                staged[i] = sample.Label;
                ids[i] = sample.SourceId;
                sample.Features.CopyTo(features, i * featureCount);
            }

            pending.Add(new PendingSwap(slots, staged, ids, features));
        }

        return (new SwapWorkerState(policy, _labelSeed, labels, states), pending);
    }

    /// <summary>
    /// Queues requests a checkpoint saved with <see cref="Settle"/> as taken and unpublished, ahead
    /// of any new submission (call on a fresh worker, before the first <see cref="Submit"/>).
    /// </summary>
    internal void Preload(IReadOnlyList<PendingSwap> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ThrowIfUnusable();
        if (_inFlight.Count != 0)
        {
            throw new InvalidOperationException("Pending swaps can only be preloaded into a fresh worker.");
        }

        int featureCount = _memory.SampleSize;
        foreach (PendingSwap swap in pending)
        {
            int n = swap.Slots.Length;
            if (swap.Labels.Length != n || swap.Ids.Length != n || swap.Features.Length != n * featureCount)
            {
                throw new ArgumentException($"A pending swap of {n} slots must carry {n} labels, ids and {n * featureCount} feature values.", nameof(pending));
            }

            var job = new SwapJob();
            job.Load(swap.Slots, default, default);
            for (int i = 0; i < n; i++)
            {
                PrefetchedSample sample = _rent();
                swap.Features.AsSpan(i * featureCount, featureCount).CopyTo(sample.Features);
                sample.Outcome = DrawOutcome.Drawn;
                sample.Label = swap.Labels[i];
                sample.SourceId = swap.Ids[i];
                job.StagedSlots[i] = swap.Slots[i];
                job.StagedSamples[i] = sample;
            }

            job.StagedCount = n;
            _inFlight.Enqueue(job);
        }
    }

    /// <summary>Chooses the request's slots to swap and takes the next draw of each one's label.</summary>
    private void Take(SwapJob job)
    {
        int count = SwapSchedule.SwapCount(_ratio, job.Count);
        if (_chosen.Length < count)
        {
            _chosen = new int[count];
        }
        _policy.Choose(job, count, _random, _chosen);

        int staged = 0;
        long bytes = 0;
        long inline = 0;
        for (int c = 0; c < count; c++)
        {
            int position = _chosen[c];
            LabelStream stream = Stream(job.Labels[position]);
            PrefetchedSample sample = stream.Take(_store, _rent, ref bytes, out bool wasInline);
            if (wasInline)
            {
                inline++;
            }
            stream.Demand(CountOfLabel(job, count, job.Labels[position]));
            _refill |= stream.Low;

            switch (sample.Outcome)
            {
                case DrawOutcome.Drawn:
                    job.StagedSlots[staged] = job.Slots[position];
                    job.StagedSamples[staged++] = sample;
                    _swaps++;
                    break;
                case DrawOutcome.Missing:
                    _missing++;
                    _free.Enqueue(sample);
                    break;
                default:
                    _corrupted++;
                    _free.Enqueue(sample);
                    break;
            }
        }

        job.StagedCount = staged;
        if (bytes != 0)
        {
            Interlocked.Add(ref _bytesRead, bytes);
        }
        if (inline != 0)
        {
            Interlocked.Add(ref _inline, inline);
        }
    }

    /// <summary>How many of the request's chosen slots have <paramref name="label"/> (small requests: a linear count).</summary>
    private int CountOfLabel(SwapJob job, int count, int label)
    {
        int n = 0;
        for (int c = 0; c < count; c++)
        {
            if (job.Labels[_chosen[c]] == label)
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>The draw stream of <paramref name="label"/>, started (and handed to the worker) on first use.</summary>
    private LabelStream Stream(int label)
    {
        if ((uint)label < (uint)_byLabel.Length && _byLabel[label] is { } known)
        {
            return known;
        }
        if (label < 0)
        {
            throw new InvalidOperationException($"The EM holds a slot with label {label}; labels are non-negative.");
        }

        RandomState state = _restoredLabels.TryGetValue(label, out var restored)
            ? restored
            : new SeededRandom(_labelSeed ^ (long)((ulong)(label + 1) * 0x9E3779B97F4A7C15UL)).State;
        var stream = new LabelStream(label, state, PrefetchDepth);
        if (_byLabel.Length <= label)
        {
            Array.Resize(ref _byLabel, label + 1);
        }
        _byLabel[label] = stream;
        _streams = [.. _streams, stream];
        return stream;
    }

    private int ApplyStaged(int keepNewest)
    {
        int replaced = 0;
        int featureCount = _memory.SampleSize;
        while (_inFlight.Count > keepNewest)
        {
            var job = _inFlight.Dequeue();
            for (int i = 0; i < job.StagedCount; i++)
            {
                int slot = job.StagedSlots[i];
                PrefetchedSample sample = job.StagedSamples[i]!;
                job.StagedSamples[i] = null;
                // An online memory (reservoir) may have given the slot to another class since the step.
                if (slot >= _memory.Count || _memory.Label(slot) != sample.Label)
                {
                    _stale++;
                }
                else
                {
                    _memory.Overwrite(slot, sample.Features.AsSpan(0, featureCount), sample.Label, sample.SourceId);
                    replaced++;
                }

                _free.Enqueue(sample);
            }

            _pool.Push(job);
        }
        return replaced;
    }

    /// <summary>The worker thread: keeps every started label's ring full, one draw per label per round; sleeps when all are full.</summary>
    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                bool any = false;
                if (!_paused)
                {
                    long bytes = 0;
                    foreach (LabelStream stream in _streams)
                    {
                        any |= stream.TryPrefetch(_store, _rent, ref bytes);
                    }
                    if (bytes != 0)
                    {
                        Interlocked.Add(ref _bytesRead, bytes);
                    }
                }

                if (!any)
                {
                    // Reset before re-checking, so a Set from the trainer in between is never lost.
                    _wake.Reset();
                    if (!_stopping && (_paused || !HasRoom()))
                    {
                        _wake.Wait();
                    }
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _fault = e; // surfaced on the training thread by its next call
        }
    }

    private bool HasRoom()
    {
        foreach (LabelStream stream in _streams)
        {
            if (stream.HasRoom)
            {
                return true;
            }
        }
        return false;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is { } fault)
        {
            throw new InvalidOperationException($"The swap worker failed: {fault.Message}", fault);
        }
    }
}
