using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;
using static TorchSharp.torch;

namespace Miro.Runtime.Checkpoints;

// Size (~360 lines): what a checkpoint saves and how it is restored are kept side by side so the
// two cannot drift; the file format is CheckpointFile, the swap state's is SwapCheckpoint.

/// <summary>
/// Checkpoints a run at every task end (session hook, <see cref="SessionPhase.Checkpoint"/>) and,
/// optionally, after every k-th epoch, every N steps, or at the first step after an interval of
/// time inside a task (the CLI's default: at most one every <c>30 s</c>, so checkpoints cost well
/// under 1% of a run whatever its speed), into
/// <c>checkpoint.bin</c> in the run directory, replaced atomically (write, fsync, rename, fsync the
/// directory), and puts a fresh session back where the last checkpoint left it
/// (<see cref="Resume"/>). A checkpoint holds the model's parameters and buffers, the head's random
/// generator, the replay memory's slots, the completed tasks' reports (accuracy matrix, per-task
/// energy) and configuration, and the sample store's position. Every other random stream of the
/// runtime is derived per task from the seed (<see cref="SeedStreams"/>), and the store is on
/// flash already, so a run resumed at a task boundary computes exactly what the uninterrupted run
/// would have. A checkpoint between epochs adds the learner's in-task state (its random streams,
/// replay-draw pool and optimiser) and the swap worker's generator, and the resumed run continues
/// with the next epoch. A checkpoint between two steps also holds the epoch's shuffled order, next
/// step and running loss, and the swap requests in flight (finished but not yet published, so
/// checkpointing never changes what the run computes); the resumed run continues with the next step.
/// The controller's state (the choice of the task in progress) is saved with it, so a run resumed
/// inside a task keeps the choice instead of profiling again. <see cref="Runs.MiroRun"/> builds it
/// and registers it after the <see cref="StorageTier"/> and the controller, which must have seen a
/// step before the step is checkpointed.
/// </summary>
public sealed class Checkpointer : ISessionHook
{
    /// <summary>The checkpoint's file name inside the run directory.</summary>
    public const string FileName = "checkpoint.bin";

    private const string HookSection = "hook.";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly ICheckpointableTier? _tier;
    private readonly Controller.MiroController? _controller;
    private readonly int _everyEpochs;
    private readonly int _everySteps;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private long _lastSave;
    private StorePosition? _expectedStore;
    private InTaskState? _resumedTask;
    private int _taskSteps;
    private long _taskSamples;
    private double _lastEpochLoss = double.NaN;
    private int _stepsSinceSave;
    private double _writeSeconds;
    private int _writes;
    private RunFingerprint? _fingerprint;
    private MiroSession? _fingerprintOf;

    /// <summary>Creates a checkpointer writing to <paramref name="directory"/>.</summary>
    /// <param name="directory">The run directory.</param>
    /// <param name="tier">The run's storage tier (<see cref="StorageTier"/>), if any: its position and swap state are saved, and checked and restored on resume.</param>
    /// <param name="everyEpochs">Also checkpoint after every this many epochs inside a task (0: not at epoch ends).</param>
    /// <param name="everySteps">Also checkpoint after every this many training steps (0: not between steps).</param>
    /// <param name="interval">Also checkpoint after the first step that ends this long after the last checkpoint (zero: not by time).</param>
    /// <param name="time">The clock <paramref name="interval"/> is measured on (the system's by default).</param>
    /// <param name="controller">The run's controller, if any: its state is saved and restored.</param>
    internal Checkpointer(string directory, ICheckpointableTier? tier = null, int everyEpochs = 0, int everySteps = 0, TimeSpan interval = default, TimeProvider? time = null,
        Controller.MiroController? controller = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(everyEpochs);
        ArgumentOutOfRangeException.ThrowIfNegative(everySteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        _interval = interval;
        _time = time ?? TimeProvider.System;
        _lastSave = _time.GetTimestamp();
        FilePath = Path.GetFullPath(Path.Combine(directory, FileName));
        _tier = tier;
        _controller = controller;
        _everyEpochs = everyEpochs;
        _everySteps = everySteps;
    }

    /// <summary>Seconds spent writing checkpoints (snapshot, serialisation and the durable write), and how many were written.</summary>
    public (double Seconds, int Count) WriteTime => (_writeSeconds, _writes);

    /// <summary>The checkpoint file.</summary>
    public string FilePath { get; }

    /// <summary>True when the run directory holds a checkpoint.</summary>
    public bool Exists => File.Exists(FilePath);

    /// <summary>Which run the checkpoint in <paramref name="directory"/> belongs to (to recreate its session before <see cref="Resume"/>).</summary>
    /// <exception cref="CheckpointException">The file is missing or damaged.</exception>
    public static CheckpointIdentity Inspect(string directory)
    {
        string path = Path.GetFullPath(Path.Combine(directory, FileName));
        var manifest = ReadManifest(path, CheckpointFile.Read(path));
        return new CheckpointIdentity(manifest.Policy, manifest.Seed, manifest.Threads, manifest.CompletedTasks, manifest.InTask?.EpochsDone ?? 0,
            manifest.InTask?.StepsInEpoch ?? 0);
    }

    /// <summary>
    /// Restores <paramref name="session"/> (new, created with the same policy, data, seed and
    /// threads as the checkpointed run, not yet run) from the checkpoint; <see cref="MiroSession.Run"/>
    /// then continues with the first task the checkpoint had not completed.
    /// </summary>
    /// <returns>The number of tasks already completed.</returns>
    /// <exception cref="CheckpointException">The file is missing, damaged, or belongs to another run.</exception>
    public int Resume(MiroSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sections = CheckpointFile.Read(FilePath);
        CheckpointManifest manifest = ReadManifest(FilePath, sections);
        RunFingerprint.CheckResume(FilePath, manifest.Fingerprint, Fingerprint(session));

        // Progress first: it grows the head to the completed tasks' classes, so the saved weights fit.
        session.RestoreProgress(RestoredReports.Typed(manifest.Reports, Json));
        // The run's time so far, so summary.json's seconds cover every process of the run.
        session.RestoreElapsed(manifest.ElapsedSeconds);
        session.Model.GrowHead(manifest.HeadClasses);
        using (var model = new MemoryStream(CheckpointFile.Section(sections, "model", FilePath)))
        {
            session.Model.load(model);
        }
        using (var state = tensor(CheckpointFile.Section(sections, "head-rng", FilePath)))
        {
            session.Model.HeadGenerator.set_state(state);
        }

        MemoryState memory = manifest.Memory;
        float[] features = CheckpointFile.ToFloats(CheckpointFile.Section(sections, "memory.features", FilePath));
        session.Memory.Restore(new MemorySnapshot(memory.Capacity, features, memory.Labels, memory.Ids, memory.SeenClasses, memory.Observed));
        TaskConfiguration configuration = manifest.Configuration;
        session.Reconfigure(streamCapacity: configuration.StreamCapacity, epochs: configuration.Epochs, batch: configuration.Batch,
            swapRatio: session.SwapRatio is null ? null : configuration.SwapRatio);
        if (manifest.InTask is { } inTask)
        {
            session.ResumeInTask(inTask.Task, inTask.EpochsDone, inTask.Steps, inTask.Trained, inTask.FinalLoss,
                CheckpointFile.Section(sections, "learner", FilePath));
            if (inTask.SwapState is { } swap)
            {
                (_tier ?? throw new CheckpointException(FilePath, $"'{FilePath}' was taken while swapping; resume it with the run's storage tier."))
                    .ResumeSwaps(new SwapCheckpoint(swap, sections.TryGetValue(SwapCheckpoint.PendingSection, out byte[]? pending) ? ReadPending(pending, session.Memory.SampleSize) : []));
            }

            foreach (ISessionHook hook in session.Hooks)
            {
                if (hook is IResumableHook resumable && sections.TryGetValue(HookSection + resumable.StateName, out byte[]? state))
                {
                    resumable.RestoreTaskState(inTask.Task, state);
                }
            }

            _resumedTask = inTask;
        }
        if (_controller is not null && sections.TryGetValue("controller", out byte[]? controllerState))
        {
            _controller.RestoreState(controllerState);
        }

        _expectedStore = manifest.Store;
        return manifest.CompletedTasks;
    }

    // Computed once per session: the labels' hash is the only costly part.
    private RunFingerprint Fingerprint(MiroSession session) =>
        _fingerprint is { } known && ReferenceEquals(_fingerprintOf, session) ? known : (_fingerprint = RunFingerprint.Of(_fingerprintOf = session));

    private static CheckpointManifest ReadManifest(string path, Dictionary<string, byte[]> sections)
    {
        try
        {
            return JsonSerializer.Deserialize<CheckpointManifest>(CheckpointFile.Section(sections, "manifest", path), Json)
                ?? throw CheckpointFile.Damaged(path, "the manifest is empty");
        }
        catch (JsonException e)
        {
            throw CheckpointFile.Damaged(path, $"the manifest is not valid: {e.Message}", e);
        }
    }

    /// <summary>Checks that the storage tier still holds everything the checkpoint counted on.</summary>
    public void OnSessionStart(MiroSession session)
    {
        if (_expectedStore is { } expected && _tier is not null && _tier.StorePosition.NextId < expected.NextId)
        {
            throw new CheckpointException(FilePath,
                $"The sample store '{_tier.StorePath}' is behind the checkpoint (it has written {_tier.StorePosition.NextId - 1} samples, the checkpoint counted {expected.NextId - 1}): " +
                "it was replaced or restored from an older copy. Restore the store that belongs to this run, or start the run afresh.");
        }
    }

    /// <inheritdoc />
    public void OnTaskStart(TaskContext task)
    {
        ArgumentNullException.ThrowIfNull(task);
        // A task resumed from a checkpoint continues the counts of the epochs done before it.
        bool resumed = _resumedTask?.Task == task.Index;
        _taskSteps = resumed ? _resumedTask!.Steps : 0;
        _taskSamples = resumed ? _resumedTask!.Trained : 0;
        _lastEpochLoss = resumed ? _resumedTask!.FinalLoss : double.NaN;
        _resumedTask = null;
    }

    /// <summary>
    /// Every N steps, or once the interval has passed (when configured), and at the step where the run
    /// is cancelled (Ctrl+C, SIGTERM), saves the in-task state between this step and the next; a
    /// cancelled run then stops here, so a resume loses no step.
    /// </summary>
    public StepVerdict OnStep(TaskContext task, in StepReport step)
    {
        ArgumentNullException.ThrowIfNull(task);
        bool stepsDue = _everySteps > 0 && ++_stepsSinceSave >= _everySteps;
        // Results do not depend on when a step checkpoint is taken (it settles the swap worker, never
        // drains it), so a clock may decide.
        bool timeDue = _interval > TimeSpan.Zero && _time.GetElapsedTime(_lastSave) >= _interval;
        // Read the token once: the checkpoint and the stop must agree on the step.
        bool cancelled = task.CancellationToken.IsCancellationRequested;
        if (!(stepsDue || timeDue || cancelled) || task.Session.Learner is not IResumableLearner learner)
        {
            return cancelled ? StepVerdict.StopTask : StepVerdict.Continue;
        }

        var inTask = new InTaskState(task.Index, step.Epoch, _taskSteps, _taskSamples, _lastEpochLoss, null, step.Step + 1);
        Save(task.Session, task.Session.Reports, inTask, learner.SaveTaskState());
        return cancelled ? StepVerdict.StopTask : StepVerdict.Continue;
    }

    /// <summary>Every k-th epoch inside a task (not the last: the task end checkpoints), saves the in-task state.</summary>
    public void OnEpochEnd(TaskContext task, int epoch, EpochSummary summary)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(summary);
        _taskSteps += summary.Steps;
        _taskSamples += summary.Samples;
        _lastEpochLoss = summary.MeanLoss;
        MiroSession session = task.Session;
        int done = epoch + 1;
        if (_everyEpochs == 0 || done % _everyEpochs != 0 || done >= session.Learner.EpochsFor(task.Epochs)
            || summary.Verdict == StepVerdict.StopTask || session.Learner is not IResumableLearner learner)
        {
            return;
        }

        var inTask = new InTaskState(task.Index, done, _taskSteps, _taskSamples, summary.MeanLoss, null, 0);
        Save(session, session.Reports, inTask, learner.SaveTaskState());
    }

    /// <summary>Writes the checkpoint of the task that just completed.</summary>
    public void OnCheckpoint(TaskContext task, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(report);
        Save(task.Session, [.. task.Session.Reports, report], null, null);
    }

    private void Save(MiroSession session, IReadOnlyList<TaskReport> reports, InTaskState? inTask, byte[]? learnerState)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        _stepsSinceSave = 0;
        _lastSave = _time.GetTimestamp();
        byte[]? pending = null;
        if (inTask is not null && _tier?.SnapshotSwaps() is { } swaps)
        {
            // First: the worker's generators and its staged, unpublished swaps, as they stand between two steps.
            inTask = inTask with { SwapState = swaps.State };
            pending = swaps.WritePending();
        }

        MemorySnapshot memory = session.Memory.Snapshot();
        var manifest = new CheckpointManifest
        {
            Policy = session.Policy.Name,
            Seed = session.Seed,
            Threads = session.Threads,
            Tasks = session.Scenario.Tasks.Count,
            CompletedTasks = reports.Count,
            Configuration = session.Configuration,
            HeadClasses = session.Model.ClassCount,
            Memory = new MemoryState(memory.Capacity, memory.Labels, memory.Ids, [.. memory.SeenClasses], memory.Observed),
            Store = _tier is null ? null : new StorePosition(_tier.StorePosition.NextId, _tier.StorePosition.Count),
            Reports = reports,
            InTask = inTask,
            Fingerprint = Fingerprint(session).Settings,
            ElapsedSeconds = session.ElapsedSeconds,
        };

        byte[] model;
        using (var stream = new MemoryStream())
        {
            session.Model.save(stream);
            model = stream.ToArray();
        }
        byte[] headRng;
        using (var state = session.Model.HeadGenerator.get_state())
        {
            headRng = state.bytes.ToArray();
        }
        var sections = new List<(string, byte[])>
        {
            ("manifest", JsonSerializer.SerializeToUtf8Bytes(manifest, Json)),
            ("model", model),
            ("head-rng", headRng),
            ("memory.features", CheckpointFile.ToBytes(memory.Features)),
        };
        if (learnerState is not null)
        {
            sections.Add(("learner", learnerState));
        }

        if (pending is not null)
        {
            sections.Add((SwapCheckpoint.PendingSection, pending));
        }

        if (inTask is not null)
        {
            // The in-task state of hooks that keep some (the energy budgets' accounting).
            foreach (ISessionHook hook in session.Hooks)
            {
                if (hook is IResumableHook resumable)
                {
                    sections.Add((HookSection + resumable.StateName, resumable.SaveTaskState()));
                }
            }
        }

        if (_controller is not null)
        {
            sections.Add(("controller", _controller.SaveState()));
        }

        CheckpointFile.Write(FilePath, sections);
        _writeSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        _writes++;
    }

    private PendingSwap[] ReadPending(byte[] bytes, int featureCount)
    {
        try
        {
            return SwapCheckpoint.ReadPending(bytes, featureCount);
        }
        catch (EndOfStreamException e)
        {
            throw CheckpointFile.Damaged(FilePath, "the pending swaps section is truncated", e);
        }
    }
}
