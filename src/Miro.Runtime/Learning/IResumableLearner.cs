namespace Miro.Runtime.Learning;

/// <summary>
/// A learner whose state inside a task (random streams, replay-draw pool, optimiser, and inside an
/// epoch its shuffled order and next step) can be saved between epochs or from a step hook
/// (a session hook's <c>OnStep</c>), and restored after <see cref="ILearner.BeginTask"/>, so a run can resume in the
/// middle of a task. Learners without it are checkpointed at task ends only.
/// </summary>
public interface IResumableLearner
{
    /// <summary>The state after the last completed epoch or, called from a step hook, after that step.</summary>
    byte[] SaveTaskState();

    /// <summary>Puts back a state saved by <see cref="SaveTaskState"/> (after <see cref="ILearner.BeginTask"/> for the same task).</summary>
    void RestoreTaskState(byte[] state);
}
