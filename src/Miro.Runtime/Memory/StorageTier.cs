using System;
using System.Collections.Generic;
using System.IO;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Session;

namespace Miro.Runtime.Memory;

/// <summary>
/// The storage tier in the CL loop (DESIGN.md §4.1–§4.2), attached as a session hook: it opens the
/// <see cref="SampleStore"/>, writes each task's stream to it at task start (resumably), runs a
/// <see cref="SwapWorker"/> while tasks 2+ train, and adds the tier's figures to each task report
/// (<c>storage.bytesRead</c>, <c>storage.bytesWritten</c>, <c>swap.swaps</c>, ...).
/// The store is also the <see cref="ISampleSource"/> an episodic memory grows from
/// (<see cref="MiroSession.Reconfigure"/>'s <c>source</c>).
/// <para>Energy (DESIGN.md §4.3): given a meter, the tier charges its task-start store writes to
/// <see cref="EnergyPhase.ReplayIo"/> (they feed replay: the store is what swaps and EM growth draw
/// from) and keeps <see cref="EnergyPhase.StorageSwap"/> entered while its swap worker runs (from
/// the first epoch of task 2+ to the end of training). The meter splits the energy of that window
/// between training and swapping by the model's ratio of I/O to compute energy, so the swap reads'
/// joules land in <c>storage_swap</c> rather than <c>train_compute</c>.</para>
/// </summary>
public sealed class StorageTier : ISessionHook, IDisposable
{
    private readonly StorageTierSpec _tier;
    private readonly SwapSpec? _swap;
    private readonly string _directory;
    private readonly IIoCounters? _io;
    private readonly IEnergyMeter? _meter;
    private IDisposable? _swapPhase;
    private SampleStore? _store;
    private SwapWorker? _worker;
    private SwapWorkerState? _resumeSwapState;
    private IReadOnlyList<PendingSwap> _resumePending = [];
    private long _readAtTaskStart;
    private long _writtenAtTaskStart;
    private SwapMetrics? _taskSwaps;

    /// <summary>Creates the tier for a policy's <c>storage</c> and <c>swap</c> clauses.</summary>
    /// <param name="tier">The storage clause.</param>
    /// <param name="swap">The swap clause, or null for no swapping.</param>
    /// <param name="baseDirectory">The directory the tier's relative path is resolved against (the run's working directory).</param>
    /// <param name="io">The energy model's I/O counters, if any.</param>
    /// <param name="meter">The energy meter to charge store writes and swapping to, or null for no attribution.</param>
    public StorageTier(StorageTierSpec tier, SwapSpec? swap, string baseDirectory, IIoCounters? io = null, IEnergyMeter? meter = null)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        _tier = tier;
        _swap = swap;
        _directory = Path.GetFullPath(Path.Combine(baseDirectory, tier.Path));
        _io = io;
        _meter = meter;
    }

    /// <summary>The open store (after the session started).</summary>
    public SampleStore Store => _store ?? throw new InvalidOperationException("The storage tier opens its store when the session starts.");

    /// <inheritdoc />
    public bool WantsReplayPredictions => _swap?.Policy == SwapPolicy.Entropy;

    /// <inheritdoc />
    public void OnSessionStart(MiroSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _store ??= SampleStore.Open(_directory, session.Scenario.Shape.Size, _tier.CapacityBytes, _io);
    }

    /// <summary>Writes the task's whole training stream (what the device saw) to flash.</summary>
    public void OnTaskStart(TaskContext task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var data = task.Session.Scenario.Train;
        var indices = task.Task.TrainIndices;
        int n = indices.Count;
        int size = data.SampleSize;
        _readAtTaskStart = Store.BytesRead;
        _writtenAtTaskStart = Store.BytesWritten;
        _taskSwaps = null;
        var ids = new long[n];
        var labels = new int[n];
        var features = new float[n * size];
        for (int i = 0; i < n; i++)
        {
            int index = indices[i];
            ids[i] = index;
            labels[i] = data.Label(index);
            data.Features(index).CopyTo(features.AsSpan(i * size, size));
        }
        using (_meter?.Enter(EnergyPhase.ReplayIo))
        {
            Store.WriteTask(task.Index, ids, labels, features);
        }
    }

    /// <inheritdoc />
    public void OnEpochStart(TaskContext task, int epoch)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (_swap is null || _worker is not null || task.Index + 1 < SwapSchedule.FirstTask)
        {
            return;
        }
        // One seeded stream per task: a run resumed at a task boundary swaps exactly like the original;
        // one resumed inside a task continues the stream from its checkpoint.
        // The ratio in force is a tunable: the controller may have changed it for this task.
        SwapSpec swap = _swap with { Ratio = task.Session.SwapRatio ?? _swap.Ratio };
        _worker = _resumeSwapState is { } state
            ? new SwapWorker(Store, task.Session.Memory, swap, state)
            : new SwapWorker(Store, task.Session.Memory, swap, new SeededRandom(SeedStreams.Derive(task.Session.Seed, "swap", task.Index)));
        _resumeSwapState = null;
        _worker.Preload(_resumePending);
        _resumePending = [];
        _swapPhase = _meter?.Enter(EnergyPhase.StorageSwap);
    }

    /// <inheritdoc />
    public StepVerdict OnStep(TaskContext task, in StepReport step)
    {
        if (_worker is { } worker)
        {
            ArgumentNullException.ThrowIfNull(task);
            // The runtime counts tasks and epochs from 0; the swap schedule from 1.
            worker.Submit(task.Index + 1, step.Epoch + 1, step.ReplaySlots, step.ReplayEntropy, step.ReplayCorrect);
            worker.Publish();
        }
        return StepVerdict.Continue;
    }

    /// <inheritdoc />
    public void OnEpochEnd(TaskContext task, int epoch, EpochSummary summary) => _worker?.Drain();

    /// <summary>Stops swapping before the end-of-task memory update.</summary>
    public void OnTrainingEnd(TaskContext task)
    {
        if (_worker is { } worker)
        {
            worker.Dispose();
            _taskSwaps = worker.Metrics;
            _worker = null;
        }
        LeaveSwapPhase();
    }

    /// <inheritdoc />
    public TaskReport OnTaskReport(TaskContext task, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var extensions = report.Extensions is null ? new Dictionary<string, object>() : new Dictionary<string, object>(report.Extensions);
        extensions["storage.bytesRead"] = Store.BytesRead - _readAtTaskStart;
        extensions["storage.bytesWritten"] = Store.BytesWritten - _writtenAtTaskStart;
        extensions["storage.samples"] = Store.Count;
        if (_taskSwaps is { } swaps)
        {
            extensions["swap.swaps"] = swaps.Swaps;
            extensions["swap.requests"] = swaps.Requests;
            extensions["swap.corrupted"] = swaps.Corrupted;
            extensions["swap.meanQueueLagMs"] = swaps.MeanQueueLag.TotalMilliseconds;
            extensions["swap.publishWaits"] = swaps.PublishWaits;
            extensions["swap.inline"] = swaps.Inline;
        }
        return report with { Extensions = extensions };
    }

    /// <summary>The policy's swap clause (null without swapping): profiling trials swap like the task would.</summary>
    internal SwapSpec? Swap => _swap;

    /// <summary>
    /// Applies every swap in flight, so the episodic memory can be resized between two steps (the
    /// controller shrinking it when resources drop); no-op when no worker runs.
    /// </summary>
    internal void DrainSwaps() => _worker?.Drain();

    /// <summary>
    /// The swap state for a checkpoint (between epochs or steps): the worker's generators and the
    /// taken, unpublished replacements; null when the task does not swap.
    /// </summary>
    internal (SwapWorkerState State, IReadOnlyList<PendingSwap> Pending)? SnapshotSwaps() => _worker?.Settle();

    /// <summary>Makes the next worker continue from <paramref name="state"/> with <paramref name="pending"/> in flight (resuming inside a task).</summary>
    internal void ResumeSwapState(SwapWorkerState state, IReadOnlyList<PendingSwap> pending)
    {
        _resumeSwapState = state;
        _resumePending = pending;
    }

    private void LeaveSwapPhase()
    {
        _swapPhase?.Dispose();
        _swapPhase = null;
    }

    /// <summary>Stops the worker and closes the store.</summary>
    public void Dispose()
    {
        _worker?.Dispose();
        _worker = null;
        LeaveSwapPhase();
        _store?.Dispose();
        _store = null;
    }
}
