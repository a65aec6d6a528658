namespace Miro.Runtime.Energy.Budgets;

/// <summary>What the training loop must do after a budget check, mildest first.</summary>
public enum BudgetVerdict
{
    /// <summary>Within every budget.</summary>
    Continue,
    /// <summary>A <c>warn</c> budget was exceeded: report and continue.</summary>
    Warn,
    /// <summary>A <c>degrade</c> budget is projected to be exceeded: shrink the remaining work.</summary>
    Degrade,
    /// <summary>A <c>stop</c> budget was exceeded (or degrading could not prevent it): end the task cleanly.</summary>
    Stop,
}
