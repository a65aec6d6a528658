namespace Miro.Runtime.Learning;

/// <summary>What training does after a step (decided by observers at batch boundaries: budgets, cancellation).</summary>
public enum StepVerdict
{
    /// <summary>Go on.</summary>
    Continue,
    /// <summary>End the current epoch now.</summary>
    StopEpoch,
    /// <summary>End training of the current task now (it still updates memory, evaluates and reports).</summary>
    StopTask,
}
