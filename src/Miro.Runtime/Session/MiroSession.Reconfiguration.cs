using System;
using System.Collections.Generic;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;

namespace Miro.Runtime.Session;

/// <summary>Reconfiguration (profiler, degrade actions) and resuming from a checkpoint.</summary>
public sealed partial class MiroSession
{
    /// <summary>
    /// Applies a configuration (the profiler's choice, or a degrade action): resizes the episodic
    /// memory (growing refills from <paramref name="source"/>, e.g. the sample store) and the stream
    /// buffer (refilled from the current task), and sets epochs, batch and the swap ratio (the storage
    /// tier's next swap worker uses it). Null leaves a value as is.
    /// Call between steps only (from <see cref="ISessionHook.OnProfile"/> or between tasks). Called
    /// from <see cref="ISessionHook.OnProfile"/>, the values are checked at once and applied when the
    /// profiling phase ends, in a memory-update phase of their own: growing the memory from the store
    /// is the chosen configuration's cost (its task-joule estimate includes it), not profiling's.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range, or a swap ratio is given to a policy that does not swap.</exception>
    public void Reconfigure(int? episodicCapacity = null, int? streamCapacity = null, int? epochs = null, int? batch = null, ISampleSource? source = null,
        double? swapRatio = null)
    {
        if (swapRatio is { } ratio && (SwapRatio is null || !(ratio > 0 && ratio <= 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(swapRatio), ratio,
                SwapRatio is null ? $"Policy {Policy.Name} does not swap (no swap clause); a swap ratio cannot be set." : "The swap ratio must be in (0, 1].");
        }

        if (epochs is { } e)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(e, 1, nameof(epochs));
        }

        if (batch is { } b)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(b, 1, nameof(batch));
        }

        if (streamCapacity is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(s, 1, nameof(streamCapacity));
        }

        if (episodicCapacity is { } m)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(m, nameof(episodicCapacity));
        }

        if (_profiling)
        {
            // Later values override earlier ones, as applying both calls in order would.
            PendingConfiguration p = _pending ?? new PendingConfiguration(null, null, null, null, null, null);
            _pending = new PendingConfiguration(episodicCapacity ?? p.EpisodicCapacity, streamCapacity ?? p.StreamCapacity, epochs ?? p.Epochs,
                batch ?? p.Batch, episodicCapacity is null ? p.Source : source, swapRatio ?? p.SwapRatio);
            return;
        }

        Apply(episodicCapacity, streamCapacity, epochs, batch, source, swapRatio);
    }

    /// <summary>Applies what <see cref="Reconfigure"/> deferred while hooks profiled.</summary>
    private void ApplyPendingConfiguration()
    {
        PendingConfiguration p = _pending!;
        _pending = null;
        Apply(p.EpisodicCapacity, p.StreamCapacity, p.Epochs, p.Batch, p.Source, p.SwapRatio);
    }

    private void Apply(int? episodicCapacity, int? streamCapacity, int? epochs, int? batch, ISampleSource? source, double? swapRatio)
    {
        int task = Math.Max(0, Accuracy.CompletedRows);
        if (episodicCapacity is { } em && em != Memory.Capacity)
        {
            Memory.Resize(em, source, SeedStreams.Create(Seed, "memory-resize", task));
        }

        if (streamCapacity is { } sb && sb != Stream.Capacity)
        {
            Stream.Resize(sb, SeedStreams.Create(Seed, "stream", task));
        }

        if (epochs is { } e)
        {
            Epochs = e;
        }

        if (batch is { } b)
        {
            LearnerContext.Batch = b;
        }

        if (swapRatio is not null)
        {
            SwapRatio = swapRatio;
        }
    }

    /// <summary>
    /// Resumes from a checkpoint: records <paramref name="completed"/> (the reports of tasks 1..k, in
    /// order) as done and grows the head to their classes, so the model's saved weights can be
    /// loaded (<c>session.Model.load(path)</c>) and the memory restored
    /// (<see cref="ReplayMemory.Restore"/>); <see cref="Run"/> then continues at task k+1. The
    /// per-task random streams make the continuation identical to an uninterrupted run.
    /// </summary>
    /// <exception cref="InvalidOperationException">Tasks already ran in this session, or the reports do not match the scenario.</exception>
    public void RestoreProgress(IReadOnlyList<TaskReport> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (_reports.Count > 0)
        {
            throw new InvalidOperationException("Progress can only be restored before any task runs.");
        }

        if (completed.Count > Scenario.Tasks.Count)
        {
            throw new InvalidOperationException($"{completed.Count} completed tasks, but the scenario has {Scenario.Tasks.Count}.");
        }

        int classes = 0;
        for (int i = 0; i < completed.Count; i++)
        {
            if (completed[i].Task != i + 1 || completed[i].Accuracies.Count != i + 1)
            {
                throw new InvalidOperationException($"Report {i + 1} is for task {completed[i].Task} with {completed[i].Accuracies.Count} accuracies; expected task {i + 1} with {i + 1}.");
            }

            foreach (int c in Scenario.Tasks[i].Classes)
            {
                classes = Math.Max(classes, c + 1);
            }
        }

        for (int i = 0; i < completed.Count; i++)
        {
            Accuracy.SetRow(i, completed[i].Accuracies);
            _reports.Add(completed[i]);
        }

        Model.GrowHead(classes);
    }

    /// <summary>Adds the seconds earlier processes of a resumed run spent, so <see cref="ElapsedSeconds"/> covers the whole run.</summary>
    internal void RestoreElapsed(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        _secondsBefore = seconds;
    }

    private InTaskResume? _inTaskResume;

    /// <summary>True while hooks profile (<see cref="ISessionHook.OnProfile"/>): <see cref="Reconfigure"/> defers to the phase's end.</summary>
    private bool _profiling;

    private PendingConfiguration? _pending;

    private sealed record PendingConfiguration(int? EpisodicCapacity, int? StreamCapacity, int? Epochs, int? Batch, ISampleSource? Source, double? SwapRatio);

    /// <summary>
    /// Makes the next run of task <paramref name="task"/> (zero-based; the first task not in the
    /// restored progress) continue after its completed epochs instead of starting over: the learner
    /// gets <paramref name="learnerState"/> back after <see cref="ILearner.BeginTask"/>, and the task's
    /// step and sample counters continue. The model and memory are restored by the caller.
    /// </summary>
    internal void ResumeInTask(int task, int epochsDone, int steps, long trained, double finalLoss, byte[] learnerState)
    {
        if (task != _reports.Count)
        {
            throw new InvalidOperationException($"Task {task + 1} cannot be resumed: {_reports.Count} tasks are done.");
        }

        if (Learner is not IResumableLearner)
        {
            throw new InvalidOperationException($"The {Learner.Name} learner cannot resume inside a task.");
        }

        _inTaskResume = new InTaskResume(task, epochsDone, steps, trained, finalLoss, learnerState);
    }

    private sealed record InTaskResume(int Task, int EpochsDone, int Steps, long Trained, double FinalLoss, byte[] LearnerState);
}
