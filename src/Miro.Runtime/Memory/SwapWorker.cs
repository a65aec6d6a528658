using System;
using System.Collections.Generic;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>
/// CarM's asynchronous swapping (DESIGN.md §4.1). After each training step the trainer
/// <see cref="Submit"/>s the EM slots it used; <c>ceil(ratio * n)</c> of them are chosen by the
/// policy, and each gets the next random stored sample of its label. Those samples were read from
/// flash ahead of time by a dedicated thread (<see cref="SwapPrefetcher"/>), which keeps a small
/// ring of draws per label ready (<see cref="PrefetchDepth"/>), so a request normally costs the
/// trainer a few array moves and never waits for I/O. Before assembling a batch the trainer calls
/// <see cref="Publish"/>, which copies the replacements into the EM (<see cref="SwapStaging"/>).
/// <para>Why prefetch per label and publish later: the flash reads (the slow part) overlap
/// training and no longer depend on when the prefetch thread gets a core; the EM is only ever
/// written by the training thread between steps, so a batch being assembled never sees half a
/// sample and the memory needs no lock. Deterministic: the slots are chosen on the training thread
/// with the worker's seeded generator, and every label has its own seeded sequence of draws (the
/// k-th draw of a label is the same sample whether it was prefetched or the trainer had to read it
/// because the ring was empty). Before step <c>t</c>, every request up to step
/// <c>t-1-</c><see cref="PublishLag"/> is applied and the newer ones never are, so a sample is
/// always used in its step before being replaced and a run swaps identically every time.</para>
/// <para>Lifecycle: <see cref="Drain"/> applies everything submitted (epoch and task ends),
/// <see cref="Pause"/> drains, stops prefetching and ignores submissions (profiling, EM resizes),
/// <see cref="Resume"/> accepts them again, <see cref="Dispose"/> drains and stops the thread.
/// Every member is called from the training thread only.</para>
/// </summary>
public sealed class SwapWorker : IDisposable
{
    /// <summary>How many of the most recent requests <see cref="Publish"/> leaves unapplied.</summary>
    public const int PublishLag = 2;

    /// <summary>
    /// The most draws read ahead per label (memory: up to this many samples per label seen in
    /// requests). Each label keeps about four requests' worth of its draws ready (at least 4, at most
    /// this), so read-ahead follows demand. The prefetch thread is woken when a label falls below
    /// half of that and then tops every label up, so it wakes once per few steps rather than after
    /// each (a wake-up costs the trainer a system call and, on a busy device, its core).
    /// </summary>
    public const int PrefetchDepth = 64;

    private readonly SwapSchedule _schedule;
    private readonly SwapStaging _staging;
    private readonly SwapPrefetcher? _prefetcher;
    private Exception? _fault;
    private long _dropped;
    private bool _paused;
    private bool _disposed;

    /// <summary>Creates a worker and starts its prefetch thread.</summary>
    /// <param name="store">The storage tier to draw replacements from.</param>
    /// <param name="memory">The episodic memory whose slots are refreshed. Only the training thread
    /// touches it (labels are read in <see cref="Submit"/>, slots written in <see cref="Publish"/>);
    /// drain or pause the worker before resizing it.</param>
    /// <param name="spec">Ratio, schedule and policy from the spec's <c>swap</c> clause.</param>
    /// <param name="random">The worker's seeded generator: it chooses the slots, and seeds the per-label draw streams.</param>
    public SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random)
        : this(store, memory, spec, random, state: null, prefetch: true)
    {
    }

    private SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random, SwapWorkerState? state, bool prefetch)
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

        _schedule = SwapSchedule.From(spec);
        var samples = new PrefetchedSamplePool(memory.SampleSize);
        _prefetcher = prefetch ? new SwapPrefetcher(store, samples) : null;
        _staging = new SwapStaging(store, memory, spec, random, state, samples) { StreamStarted = _prefetcher is null ? null : _prefetcher.Add };
    }

    /// <summary>
    /// A worker that continues from a checkpoint: its generators from <paramref name="checkpoint"/>'s
    /// state, and the checkpoint's pending requests staged ahead of any new submission.
    /// </summary>
    internal static SwapWorker FromCheckpoint(SampleStore store, ReplayMemory memory, SwapSpec spec, SwapCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var worker = new SwapWorker(store, memory, spec, new SeededRandom(checkpoint.State.Policy), checkpoint.State, prefetch: true);
        worker._staging.Preload(checkpoint.Pending);
        return worker;
    }

    /// <summary>
    /// A worker without a prefetch thread that applies every request as it is submitted: the
    /// "synchronous swapping" baseline CarM compares against (the benchmark), and the reference
    /// the asynchronous worker must match.
    /// </summary>
    internal static SwapWorker Synchronous(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random)
        => new(store, memory, spec, random, state: null, prefetch: false);

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused => _paused;

    /// <summary>A snapshot of the worker's counters.</summary>
    public SwapMetrics Metrics => new(
        _staging.Requests,
        _staging.Swaps,
        _staging.Missing,
        _staging.Corrupted,
        _dropped,
        _staging.Stale,
        _staging.BytesRead + (_prefetcher?.BytesRead ?? 0),
        _staging.Inline,
        _staging.TakeTime,
        _staging.MaxTakeTime);

    /// <summary>Draws the prefetch thread has read ahead so far (0 for a synchronous worker).</summary>
    internal long Prefetched => _prefetcher?.Prefetched ?? 0;

    /// <summary>
    /// Wakes the prefetch thread and waits until every started label's ring is full (tests: to
    /// know prefetching happened). True for a synchronous worker, which has no rings.
    /// </summary>
    internal bool FillRings(TimeSpan timeout) => _prefetcher?.FillRings(timeout) ?? true;

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

        bool low;
        try
        {
            low = _staging.Stage(slots, entropy, correct);
        }
        catch (InvalidOperationException e)
        {
            // A policy that cannot choose (the entropy policy without predictions): surfaced by the next call.
            _fault = e;
            return;
        }

        if (_prefetcher is null)
        {
            _staging.Apply(keepNewest: 0);
        }
        else if (low)
        {
            _prefetcher.Wake();
        }
    }

    /// <summary>
    /// Applies taken replacements to the EM; call before assembling each batch. Every request
    /// except the <see cref="PublishLag"/> most recent ones is applied. Never waits for the prefetch thread.
    /// </summary>
    /// <returns>Slots replaced.</returns>
    public int Publish()
    {
        ThrowIfUnusable();
        return _staging.Apply(keepNewest: PublishLag);
    }

    /// <summary>Applies every submitted request.</summary>
    /// <returns>Slots replaced.</returns>
    public int Drain()
    {
        ThrowIfUnusable();
        return _staging.Apply(keepNewest: 0);
    }

    /// <summary>
    /// Drains, stops prefetching and ignores submissions until <see cref="Resume"/> (around
    /// profiling and EM resizes). Pausing a paused worker changes nothing.
    /// </summary>
    /// <returns>Slots replaced by the drain.</returns>
    public int Pause()
    {
        int replaced = Drain();
        _paused = true;
        _prefetcher?.Pause();
        return replaced;
    }

    /// <summary>Accepts submissions (and prefetches) again after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        ThrowIfUnusable();
        _paused = false;
        _prefetcher?.Resume();
    }

    /// <summary>
    /// The swap state for a checkpoint taken between two steps (the generators, and copies of the
    /// taken, unpublished replacements). Changes nothing.
    /// </summary>
    internal SwapCheckpoint Settle()
    {
        ThrowIfUnusable();
        return _staging.Capture();
    }

    /// <summary>Drains and stops the prefetch thread.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            if (_fault is null && _prefetcher?.Fault is null)
            {
                _staging.Apply(keepNewest: 0);
            }
        }
        finally
        {
            _disposed = true;
            _prefetcher?.Dispose();
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((_fault ?? _prefetcher?.Fault) is { } fault)
        {
            throw new InvalidOperationException($"The swap worker failed: {fault.Message}", fault);
        }
    }
}
