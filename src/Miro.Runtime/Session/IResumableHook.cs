namespace Miro.Runtime.Session;

/// <summary>
/// A session hook whose in-task state a checkpoint must carry (the energy hook's budget accounting):
/// the <see cref="Checkpoints.Checkpointer"/> saves it with every in-task checkpoint as a section
/// named <c>hook.{StateName}</c> and hands it back before the resumed task starts.
/// </summary>
public interface IResumableHook
{
    /// <summary>The state's name in the checkpoint.</summary>
    string StateName { get; }

    /// <summary>The state of the task in progress, taken between two steps or epochs.</summary>
    byte[] SaveTaskState();

    /// <summary>Restores a state <see cref="SaveTaskState"/> took in task <paramref name="task"/> (zero-based) of an earlier process.</summary>
    void RestoreTaskState(int task, byte[] state);
}
