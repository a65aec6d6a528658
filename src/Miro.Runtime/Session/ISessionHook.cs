using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;

namespace Miro.Runtime.Session;

/// <summary>
/// The seams of the CL loop. Every member has an empty default, so a hook implements only what it
/// needs; hooks run in registration order on the training thread. Per task the session calls:
/// <list type="number">
/// <item><see cref="OnPhaseStart"/>(StoreWrite), <see cref="OnTaskStart"/> (stream buffer loaded: write it to the store), <see cref="OnPhaseEnd"/>;</item>
/// <item>Profiling phase: <see cref="OnProfile"/> (may call <see cref="MiroSession.Reconfigure"/>); a MemoryUpdate phase applies the new configuration when there is one;</item>
/// <item>Training phase: per epoch <see cref="OnEpochStart"/>, <see cref="OnStep"/> after every step (budgets, swapping), <see cref="OnEpochEnd"/>; then <see cref="OnTrainingEnd"/> (stop swapping);</item>
/// <item>MemoryUpdate phase: the learner's end-of-task update, then <see cref="OnMemoryUpdated"/>;</item>
/// <item>Evaluation phase; then <see cref="OnTaskReport"/> (enrich the report: energy per phase);</item>
/// <item>Checkpoint phase: <see cref="OnCheckpoint"/>.</item>
/// </list>
/// Phase boundaries are announced through <see cref="OnPhaseStart"/>/<see cref="OnPhaseEnd"/> (energy attribution).
/// </summary>
public interface ISessionHook
{
    /// <summary>True when this hook needs <see cref="StepReport.ReplayEntropy"/> and <see cref="StepReport.ReplayCorrect"/> (the entropy swap policy).</summary>
    bool WantsReplayPredictions => false;

    /// <summary>The run starts (before task 1).</summary>
    void OnSessionStart(MiroSession session)
    {
    }

    /// <summary>A phase of <paramref name="task"/> starts.</summary>
    void OnPhaseStart(SessionPhase phase, TaskContext task)
    {
    }

    /// <summary>A phase of <paramref name="task"/> ended.</summary>
    void OnPhaseEnd(SessionPhase phase, TaskContext task)
    {
    }

    /// <summary>The task's samples are in the stream buffer (<see cref="MiroSession.Stream"/>): write them to the storage tier here.</summary>
    void OnTaskStart(TaskContext task)
    {
    }

    /// <summary>Profiling slot before training: measure candidates, then apply one with <see cref="MiroSession.Reconfigure"/>.</summary>
    void OnProfile(TaskContext task)
    {
    }

    /// <summary>An epoch (zero-based) starts.</summary>
    void OnEpochStart(TaskContext task, int epoch)
    {
    }

    /// <summary>
    /// A step ended (batch boundary): check budgets, hand the replay slots to the swap worker. The
    /// most severe verdict of all hooks wins.
    /// </summary>
    StepVerdict OnStep(TaskContext task, in StepReport step) => StepVerdict.Continue;

    /// <summary>An epoch (zero-based) ended.</summary>
    void OnEpochEnd(TaskContext task, int epoch, EpochSummary summary)
    {
    }

    /// <summary>Training of the task ended (stop the swap worker before the memory update).</summary>
    void OnTrainingEnd(TaskContext task)
    {
    }

    /// <summary>The episodic memory was updated for the task.</summary>
    void OnMemoryUpdated(TaskContext task)
    {
    }

    /// <summary>The task's report before it is recorded; return it, possibly enriched (<c>report with { EnergyJoules = ... }</c>).</summary>
    TaskReport OnTaskReport(TaskContext task, TaskReport report) => report;

    /// <summary>The task is complete: save a checkpoint (model, memories, report) here.</summary>
    void OnCheckpoint(TaskContext task, TaskReport report)
    {
    }

    /// <summary>The run ended.</summary>
    void OnSessionEnd(SessionResult result)
    {
    }
}
