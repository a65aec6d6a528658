using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>
/// CarM's asynchronous swapping (DESIGN.md §4.1). After each training step the trainer
/// <see cref="Submit"/>s the EM slots it used; a dedicated worker, fed through a channel, chooses
/// <c>ceil(ratio * n)</c> of them by the policy and reads a random stored sample of the same label
/// for each from flash into a staging buffer. Before assembling a batch, the trainer calls
/// <see cref="Publish"/>, which copies finished replacements into the EM.
/// <para>Why stage and publish: the flash read (the slow part) overlaps training, while the EM is
/// only ever written by the training thread between steps, so a batch being assembled can never
/// see half of a sample, and no lock is taken per sample. Publication is deterministic: before
/// step <c>t</c>, every request up to step <c>t-1-</c><see cref="PublishLag"/> is applied (if the
/// worker has not even started one, the trainer runs it itself rather than wait for a descheduled
/// thread) and the newer ones never are; so with a seeded generator a run
/// swaps identically every time, a sample is always used in its step before being replaced, and
/// the worker has <see cref="PublishLag"/> whole steps to do each request's reads, which absorbs
/// scheduling hiccups on a busy device.</para>
/// <para>Lifecycle: <see cref="Drain"/> applies everything submitted (epoch and task ends,
/// checkpoints), <see cref="Pause"/> drains and then ignores submissions (profiling, EM resizes),
/// <see cref="Resume"/> accepts them again, <see cref="Dispose"/> drains and stops the worker.
/// Submit, Publish, Drain, Pause and Resume are called from the training thread only.</para>
/// </summary>
public sealed class SwapWorker : IDisposable
{
    /// <summary>How many of the most recent requests <see cref="Publish"/> leaves in flight.</summary>
    public const int PublishLag = 2;

    private readonly SampleStore _store;
    private readonly ReplayMemory _memory;
    private readonly double _ratio;
    private readonly SwapSchedule _schedule;
    private readonly ISwapPolicy _policy;
    private readonly Random _random;
    private readonly bool _asynchronous;
    private readonly Channel<SwapJob> _channel;
    private readonly Queue<SwapJob> _inFlight = new();
    private readonly Stack<SwapJob> _pool = new(); // trainer thread only
    private readonly Thread? _worker;
    private int[] _chosen = [];
    private bool _paused;
    private bool _disposed;
    private volatile Exception? _fault;

    // Written by the worker thread, read by Metrics (Interlocked).
    private long _swaps, _missing, _corrupted, _bytesRead, _lagTicks, _maxLagTicks, _processed;
    // Trainer-thread only.
    private long _requests, _dropped, _stale, _inline, _publishWaits, _publishWaitTicks;

    /// <summary>Creates and starts a worker.</summary>
    /// <param name="store">The storage tier to draw replacements from.</param>
    /// <param name="memory">The episodic memory whose slots are refreshed. Only the training thread
    /// touches it (labels are read in <see cref="Submit"/>, slots written in <see cref="Publish"/>);
    /// drain or pause the worker before resizing it.</param>
    /// <param name="spec">Ratio, schedule and policy from the spec's <c>swap</c> clause.</param>
    /// <param name="random">The worker's seeded generator (only the worker thread uses it; save its state after <see cref="Drain"/>).</param>
    public SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random)
        : this(store, memory, spec, random, asynchronous: true)
    {
    }

    /// <summary>
    /// <paramref name="asynchronous"/> false runs every swap inline in <see cref="Submit"/> (the
    /// "synchronous swapping" baseline CarM compares against; used by the benchmark).
    /// </summary>
    internal SwapWorker(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random, bool asynchronous)
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
        _asynchronous = asynchronous;
        // Synchronous continuations: Submit's write wakes the blocked worker thread directly, not
        // through a thread-pool hop (which costs a scheduling round on a busy device).
        _channel = Channel.CreateUnbounded<SwapJob>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        if (asynchronous)
        {
            // A dedicated thread, not the thread pool: a pool hop per request costs latency that
            // the trainer would wait for on a loaded device.
            _worker = new Thread(Run) { IsBackground = true, Name = "Miro swap worker" };
            _worker.Start();
        }
    }

    /// <summary>True between <see cref="Pause"/> and <see cref="Resume"/>.</summary>
    public bool IsPaused => _paused;

    /// <summary>A snapshot of the worker's counters.</summary>
    public SwapMetrics Metrics
    {
        get
        {
            long processed = Interlocked.Read(ref _processed);
            long lag = Interlocked.Read(ref _lagTicks);
            return new SwapMetrics(
                _requests,
                Interlocked.Read(ref _swaps),
                Interlocked.Read(ref _missing),
                Interlocked.Read(ref _corrupted),
                _dropped,
                _stale,
                Interlocked.Read(ref _bytesRead),
                processed == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, lag / processed),
                Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxLagTicks)),
                _inline,
                _publishWaits,
                Stopwatch.GetElapsedTime(0, _publishWaitTicks));
        }
    }

    /// <summary>
    /// Hands the worker the EM slots a finished step trained on. Ignored outside the swap schedule
    /// (task 1, epochs not divisible by <c>every</c>) and while paused.
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
        job.Load(slots, entropy, correct, _memory.SampleSize);
        // Labels are read here, on the training thread: the worker never touches the memory.
        for (int i = 0; i < slots.Length; i++)
        {
            job.Labels[i] = _memory.Label(slots[i]);
        }

        job.SubmittedAt = Stopwatch.GetTimestamp();
        _inFlight.Enqueue(job);
        if (_asynchronous)
        {
            _channel.Writer.TryWrite(job);
        }
        else
        {
            Claim(job);
            RunClaimed(job, byWorker: false);
            ApplyStaged(keepNewest: 0);
        }
    }

    /// <summary>
    /// Applies finished replacements to the EM; call before assembling each batch. Every request
    /// except the <see cref="PublishLag"/> most recent ones is applied, waiting for a request the
    /// worker is running, or running one the worker has not started.
    /// </summary>
    /// <returns>Slots replaced.</returns>
    public int Publish()
    {
        ThrowIfUnusable();
        return ApplyStaged(keepNewest: PublishLag);
    }

    /// <summary>Waits for every submitted request and applies it.</summary>
    /// <returns>Slots replaced.</returns>
    public int Drain()
    {
        ThrowIfUnusable();
        return ApplyStaged(keepNewest: 0);
    }

    /// <summary>Drains, then ignores submissions until <see cref="Resume"/> (around profiling and EM resizes).</summary>
    public void Pause()
    {
        Drain();
        _paused = true;
    }

    /// <summary>Accepts submissions again after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        ThrowIfUnusable();
        _paused = false;
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
            _channel.Writer.TryComplete();
            _worker?.Join();
            foreach (var job in _pool)
            {
                job.Done.Dispose();
            }
        }
    }

    private int ApplyStaged(int keepNewest)
    {
        int replaced = 0;
        while (_inFlight.Count > keepNewest)
        {
            var job = _inFlight.Peek();
            Complete(job);
            ThrowIfUnusable();
            _inFlight.Dequeue();
            int featureCount = _memory.SampleSize;
            for (int i = 0; i < job.StagedCount; i++)
            {
                int slot = job.StagedSlots[i];
                // An online memory (reservoir) may have given the slot to another class since the step.
                if (slot >= _memory.Count || _memory.Label(slot) != job.StagedLabels[i])
                {
                    _stale++;
                    continue;
                }

                _memory.Overwrite(slot, job.StagedFeatures.AsSpan(i * featureCount, featureCount), job.StagedLabels[i], job.StagedIds[i]);
                replaced++;
            }

            // A request the trainer ran inline may still sit in the channel, unread by the worker;
            // reusing it then would hand the worker a changed request, so it is left to the GC.
            if (!_asynchronous || Volatile.Read(ref job.ReleasedByWorker) == 1)
            {
                _pool.Push(job);
            }
        }
        return replaced;
    }

    /// <summary>Finishes <paramref name="job"/>: waits for the worker, or runs it here if the worker has not started it.</summary>
    private void Complete(SwapJob job)
    {
        if (job.Done.IsSet)
        {
            return;
        }

        long start = Stopwatch.GetTimestamp();
        if (Claim(job))
        {
            // The worker has not started this request (it is descheduled on a busy device):
            // do it here rather than wait, so swapping is never slower than synchronous.
            RunClaimed(job, byWorker: false);
            _inline++;
        }
        else
        {
            job.Done.Wait();
            _publishWaits++;
        }

        _publishWaitTicks += Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// Finishes every submitted request without publishing any (so the EM and the publication
    /// schedule are exactly what they would be without the call) and returns copies of the staged,
    /// unpublished replacements, oldest first. Afterwards the worker is idle, so its generator's state
    /// can be read: together they are the swap state of a checkpoint taken between two steps.
    /// </summary>
    internal IReadOnlyList<PendingSwap> Settle()
    {
        ThrowIfUnusable();
        var pending = new List<PendingSwap>(_inFlight.Count);
        int featureCount = _memory.SampleSize;
        foreach (var job in _inFlight)
        {
            Complete(job);
            ThrowIfUnusable();
            int n = job.StagedCount;
            pending.Add(new PendingSwap(job.StagedSlots[..n], job.StagedLabels[..n], job.StagedIds[..n], job.StagedFeatures[..(n * featureCount)]));
        }

        return pending;
    }

    /// <summary>
    /// Queues requests a checkpoint saved with <see cref="Settle"/> as finished and unpublished, ahead
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
            job.Load(swap.Slots, default, default, featureCount);
            swap.Slots.CopyTo(job.StagedSlots, 0);
            swap.Labels.CopyTo(job.StagedLabels, 0);
            swap.Ids.CopyTo(job.StagedIds, 0);
            swap.Features.CopyTo(job.StagedFeatures, 0);
            job.StagedCount = n;
            job.Claimed = 1;
            job.ReleasedByWorker = 1; // never handed to the worker thread
            job.Done.Set();
            _inFlight.Enqueue(job);
        }
    }

    private void Run()
    {
        while (WaitToRead())
        {
            while (_channel.Reader.TryRead(out var job))
            {
                if (Claim(job))
                {
                    RunClaimed(job, byWorker: true);
                }
                else
                {
                    // The trainer took this request; it uses the generator, so wait before the next.
                    job.Done.Wait();
                    Volatile.Write(ref job.ReleasedByWorker, 1);
                }
            }
        }
    }

    /// <summary>
    /// Takes a request for processing. Exactly one of the worker and the trainer wins; requests are
    /// claimed in submission order (the trainer only claims the oldest unfinished one, the worker
    /// waits for a request the trainer took before starting the next), so the generator is used in
    /// the same order whoever runs a request, and a run stays deterministic.
    /// </summary>
    private static bool Claim(SwapJob job) => Interlocked.CompareExchange(ref job.Claimed, 1, 0) == 0;

    private void RunClaimed(SwapJob job, bool byWorker)
    {
        if (_fault is null)
        {
            try
            {
                Process(job);
            }
            catch (Exception e)
            {
                // Surfaced on the training thread by its next call; later requests are released unprocessed.
                job.StagedCount = 0;
                _fault = e;
            }
        }

        if (byWorker)
        {
            // Before Done: once the trainer sees Done it may reuse the job, and the worker is finished with it.
            Volatile.Write(ref job.ReleasedByWorker, 1);
        }

        job.Done.Set();
    }

    /// <summary>Blocks the worker thread until a request arrives (true) or the channel completes (false).</summary>
    private bool WaitToRead()
    {
        ValueTask<bool> wait = _channel.Reader.WaitToReadAsync();
        return wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Chooses the slots to swap and stages a same-label stored sample for each.</summary>
    private void Process(SwapJob job)
    {
        long lag = Stopwatch.GetTimestamp() - job.SubmittedAt;
        int n = job.Count;
        int count = SwapSchedule.SwapCount(_ratio, n);
        if (_chosen.Length < count)
        {
            _chosen = new int[count];
        }
        _policy.Choose(job, count, _random, _chosen);

        int featureCount = _memory.SampleSize;
        int staged = 0;
        long swaps = 0, missing = 0, corrupted = 0, bytes = 0;
        for (int c = 0; c < count; c++)
        {
            int position = _chosen[c];
            var row = job.StagedFeatures.AsSpan(staged * featureCount, featureCount);
            try
            {
                if (_store.TryDrawRandom(job.Labels[position], _random, row, out var header))
                {
                    job.StagedSlots[staged] = job.Slots[position];
                    job.StagedLabels[staged] = header.Label;
                    job.StagedIds[staged] = header.SourceId;
                    staged++;
                    swaps++;
                }
                else
                {
                    missing++;
                }
                bytes += _store.RecordBytes;
            }
            catch (SampleCorruptedException)
            {
                // The store withdrew the damaged sample; this slot keeps its current one.
                corrupted++;
                bytes += _store.RecordBytes;
            }
        }
        job.StagedCount = staged;
        Interlocked.Add(ref _swaps, swaps);
        Interlocked.Add(ref _missing, missing);
        Interlocked.Add(ref _corrupted, corrupted);
        Interlocked.Add(ref _bytesRead, bytes);
        Interlocked.Add(ref _lagTicks, lag);
        Interlocked.Increment(ref _processed);
        long max;
        while (lag > (max = Interlocked.Read(ref _maxLagTicks)) && Interlocked.CompareExchange(ref _maxLagTicks, lag, max) != max)
        {
        }
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
