using System.Threading;
using Miro.Runtime.Data;

namespace Miro.Runtime.Session;

/// <summary>The task in progress, as hooks see it.</summary>
public sealed class TaskContext
{
    internal TaskContext(MiroSession session, ScenarioTask task, int epochs, CancellationToken cancellationToken)
    {
        Session = session;
        Task = task;
        Epochs = epochs;
        CancellationToken = cancellationToken;
    }

    /// <summary>The session (memories, model, configuration).</summary>
    public MiroSession Session { get; }

    /// <summary>The scenario task: classes, stream, validation and test indices.</summary>
    public ScenarioTask Task { get; }

    /// <summary>Zero-based task index.</summary>
    public int Index => Task.Index;

    /// <summary>
    /// Epochs configured for this task; hooks may lower it while training runs (a <c>degrade</c>
    /// budget action) — the loop reads it before every epoch.
    /// </summary>
    public int Epochs { get; set; }

    /// <summary>
    /// True when this run of the task continues from a checkpoint taken inside it: the configuration
    /// chosen before the checkpoint is already in force, so the controller does not profile again.
    /// </summary>
    public bool ResumedInTask { get; internal init; }

    /// <summary>Cancels the run.</summary>
    public CancellationToken CancellationToken { get; }
}
