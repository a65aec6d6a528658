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
/// <see cref="SampleStore"/>, writes each task's stream to it while the task trains (from its first epoch,
/// after profiling; resumably, on a <see cref="StoreWriter"/> thread; durable before the task's memory update and checkpoint), runs a
/// <see cref="SwapWorker"/> while tasks 2+ train, and adds the tier's figures to each task report
/// (<c>storage.bytesRead</c>, <c>storage.bytesWritten</c>, <c>swap.swaps</c>, ...).
/// The store is also the <see cref="ISampleSource"/> an episodic memory grows from
/// (<see cref="MiroSession.Reconfigure"/>'s <c>source</c>).
/// <para>Energy (DESIGN.md §4.3): given a meter, the tier charges its store writes to
/// <see cref="EnergyPhase.ReplayIo"/> (they feed replay: the store is what swaps and EM growth draw
/// from) and keeps <see cref="EnergyPhase.StorageSwap"/> entered while its swap worker runs (from
/// the first epoch of task 2+ to the end of training). The meter splits the energy of that window
/// between training and swapping by the model's ratio of I/O to compute energy, so the swap reads'
/// joules land in <c>storage_swap</c> rather than <c>train_compute</c>.</para>
/// </summary>
public sealed class StorageTier : ISessionHook, ICheckpointableTier, IDisposable
{
    private readonly StorageTierSpec _tier;
    private readonly SwapSpec? _swap;
    private readonly string _directory;
    private readonly IIoCounters? _io;
    private readonly IEnergyMeter? _meter;
    private IDisposable? _swapPhase;
    private SampleStore? _store;
    private SwapWorker? _worker;
    private SwapCheckpoint? _resumeSwaps;
    private bool _swapPaused;
    private StoreWriter? _writer;
    private TaskContext? _pendingWrite;
    private long _readAtTaskStart;
    private long _writtenAtTaskStart;
    private SwapMetrics? _taskSwaps;
    private readonly CorruptSampleGuard _corrupt;
    private readonly string? _runId;

    /// <summary>Creates the tier for a policy's <c>storage</c> and <c>swap</c> clauses.</summary>
    /// <param name="tier">The storage clause.</param>
    /// <param name="swap">The swap clause, or null for no swapping.</param>
    /// <param name="baseDirectory">The directory the tier's relative path is resolved against (the run's working directory).</param>
    /// <param name="io">The energy model's I/O counters, if any.</param>
    /// <param name="meter">The energy meter to charge store writes and swapping to, or null for no attribution.</param>
    /// <param name="runId">The run the store belongs to (<see cref="Runs.RunFolder.RunId"/>); a store of another run is refused. Null: no check.</param>
    public StorageTier(StorageTierSpec tier, SwapSpec? swap, string baseDirectory, IIoCounters? io = null, IEnergyMeter? meter = null, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(tier);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        _tier = tier;
        _swap = swap;
        _directory = Path.GetFullPath(Path.Combine(baseDirectory, tier.Path));
        _io = io;
        _meter = meter;
        _corrupt = new CorruptSampleGuard(tier.OnCorrupt);
        _runId = runId;
    }

    /// <summary>The open store (after the session started).</summary>
    public SampleStore Store => _store ?? throw new InvalidOperationException("The storage tier opens its store when the session starts.");

    /// <inheritdoc />
    public bool WantsReplayPredictions => _swap?.Policy == SwapPolicy.Entropy;

    /// <inheritdoc />
    public void OnSessionStart(MiroSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _store ??= SampleStore.Open(_directory, session.Scenario.Shape.Size, session.Scenario.Train.Encoding, _tier.CapacityBytes, _io, _runId);
    }

    /// <summary>Starts writing the task's whole training stream (what the device saw) to flash, in the background.</summary>
    public void OnTaskStart(TaskContext task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var data = task.Session.Scenario.Train;
        var indices = task.Task.TrainIndices;
        _readAtTaskStart = Store.BytesRead;
        _writtenAtTaskStart = Store.BytesWritten;
        _taskSwaps = null;
        _corrupt.TaskStarted(Store);
        // Written before training when the write changes what training reads: evictions change which
        // old samples swaps draw, and a reservoir memory holds current-task samples whose swaps draw
        // from this task's stored samples (how many were written would depend on timing).
        bool evicts = Store.CapacitySamples is long capacity && Store.Count + indices.Count > capacity;
        if (evicts || (_swap is not null && task.Session.Memory is ReservoirMemory))
        {
            StoreWriter.WriteNow(Store, task.Index, data, indices, _meter);
        }
        else
        {
            // Started when the first epoch starts, after profiling: the trials read the store (growth,
            // swaps) and would wait for the writer's transactions, and the store's count the controller
            // clips by would depend on how far the write had got.
            _pendingWrite = task;
        }
    }

    /// <summary>Starts the task's background write if it is still waiting (the first epoch, after profiling).</summary>
    private void StartPendingWrite()
    {
        if (_pendingWrite is { } task)
        {
            _pendingWrite = null;
            _writer = StoreWriter.Start(Store, task.Index, task.Session.Scenario.Train, task.Task.TrainIndices, _meter);
        }
    }

    /// <inheritdoc />
    public void OnEpochStart(TaskContext task, int epoch)
    {
        ArgumentNullException.ThrowIfNull(task);
        StartPendingWrite();
        if (_swap is null || _worker is not null || task.Index + 1 < SwapSchedule.FirstTask)
        {
            return;
        }
        // One seeded stream per task: a run resumed at a task boundary swaps exactly like the original;
        // one resumed inside a task continues the stream from its checkpoint.
        // The ratio in force is a tunable: the controller may have changed it for this task.
        SwapSpec swap = _swap with { Ratio = task.Session.SwapRatio ?? _swap.Ratio };
        _worker = _resumeSwaps is { } resumed
            ? SwapWorker.FromCheckpoint(Store, task.Session.Memory, swap, resumed)
            : new SwapWorker(Store, task.Session.Memory, swap, new SeededRandom(SeedStreams.Derive(task.Session.Seed, "swap", task.Index)));
        _resumeSwaps = null;
        if (_swapPaused)
        {
            _worker.Pause();
        }
        _swapPhase = _meter?.Enter(EnergyPhase.StorageSwap);
    }

    /// <inheritdoc />
    public StepVerdict OnStep(TaskContext task, in StepReport step)
    {
        _corrupt.Check(Store);
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

    /// <summary>Stops swapping and waits until the task's samples are durable, before the end-of-task memory update.</summary>
    public void OnTrainingEnd(TaskContext task)
    {
        if (_worker is { } worker)
        {
            worker.Dispose();
            _taskSwaps = worker.Metrics;
            _worker = null;
        }
        LeaveSwapPhase();
        if (_pendingWrite is { } unstarted)
        {
            // No epoch ran (a run resumed after its last epoch): write the rest of the task now.
            _pendingWrite = null;
            StoreWriter.WriteNow(Store, unstarted.Index, unstarted.Session.Scenario.Train, unstarted.Task.TrainIndices, _meter);
        }

        if (_writer is { } writer)
        {
            _writer = null;
            writer.WaitDurable();
        }
        _corrupt.Check(Store);
    }

    /// <inheritdoc />
    public TaskReport OnTaskReport(TaskContext task, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var extensions = report.Extensions is null ? new Dictionary<string, object>() : new Dictionary<string, object>(report.Extensions);
        extensions["storage.bytesRead"] = Store.BytesRead - _readAtTaskStart;
        extensions["storage.bytesWritten"] = Store.BytesWritten - _writtenAtTaskStart;
        extensions["storage.samples"] = Store.Count;
        _corrupt.Report(Store, extensions);
        if (_taskSwaps is { } swaps)
        {
            extensions["swap.swaps"] = swaps.Swaps;
            extensions["swap.requests"] = swaps.Requests;
            extensions["swap.corrupted"] = swaps.Corrupted;
            extensions["swap.meanTakeMs"] = swaps.MeanTakeTime.TotalMilliseconds;
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
    /// Stops swapping until <see cref="ResumeSwapping"/>: the running worker drains and ignores
    /// submissions, and a worker started meanwhile (next task) starts paused. For work that must
    /// not compete with swapping for the memory, flash or cores (online profiling, EM resizes).
    /// </summary>
    public void PauseSwapping()
    {
        _swapPaused = true;
        _worker?.Pause();
    }

    /// <summary>Swaps again after <see cref="PauseSwapping"/>.</summary>
    public void ResumeSwapping()
    {
        _swapPaused = false;
        _worker?.Resume();
    }

    /// <summary>True between <see cref="PauseSwapping"/> and <see cref="ResumeSwapping"/>.</summary>
    public bool SwappingPaused => _swapPaused;

    (long NextId, long Count) ICheckpointableTier.StorePosition => (Store.NextId, Store.Count);

    string ICheckpointableTier.StorePath => Store.FilePath;

    SwapCheckpoint? ICheckpointableTier.SnapshotSwaps() => _worker?.Settle();

    void ICheckpointableTier.ResumeSwaps(SwapCheckpoint checkpoint) => _resumeSwaps = checkpoint;

    private void LeaveSwapPhase()
    {
        _swapPhase?.Dispose();
        _swapPhase = null;
    }

    /// <summary>Stops the worker and closes the store.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        _pendingWrite = null;
        _worker?.Dispose();
        _worker = null;
        LeaveSwapPhase();
        _store?.Dispose();
        _store = null;
    }
}
