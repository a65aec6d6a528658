namespace Miro.Runtime.Session;

/// <summary>What a <see cref="SessionProgress"/> report announces.</summary>
public enum SessionProgressKind
{
    /// <summary>A task begins (its stream buffer is loaded).</summary>
    TaskStarted,
    /// <summary>The controller profiles a candidate: <see cref="SessionProgress.Step"/> of <see cref="SessionProgress.Steps"/> candidates (before training).</summary>
    Profiling,
    /// <summary>An epoch begins.</summary>
    EpochStarted,
    /// <summary>Training is under way (throttled: at most one per <see cref="SessionOptions.ProgressInterval"/>).</summary>
    Batch,
    /// <summary>An epoch ended.</summary>
    EpochCompleted,
    /// <summary>A task was trained, evaluated and reported.</summary>
    TaskCompleted,
}

/// <summary>
/// A progress report for a UI. A struct, so reporting allocates nothing; numbers are one-based
/// (task 1 of 5, epoch 1 of 3, step 1 of 120). Values that do not apply to a kind are NaN or 0.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Task">Current task (1-based).</param>
/// <param name="Tasks">Tasks in the run.</param>
/// <param name="Epoch">Current epoch (1-based; 0 outside training).</param>
/// <param name="Epochs">Epochs this task runs.</param>
/// <param name="Step">Steps done in this epoch.</param>
/// <param name="Steps">Steps in this epoch.</param>
/// <param name="Loss">Mean training loss of the epoch so far.</param>
/// <param name="RunningAccuracy">Training accuracy of the epoch so far (sampled at report time), or NaN.</param>
/// <param name="AverageAccuracy">For <see cref="SessionProgressKind.TaskCompleted"/>: mean test accuracy over the seen tasks; else NaN.</param>
public readonly record struct SessionProgress(
    SessionProgressKind Kind,
    int Task,
    int Tasks,
    int Epoch,
    int Epochs,
    int Step,
    int Steps,
    double Loss,
    double RunningAccuracy,
    double AverageAccuracy);
