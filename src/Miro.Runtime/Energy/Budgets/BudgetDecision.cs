namespace Miro.Runtime.Energy.Budgets;

/// <summary>The outcome of one budget check.</summary>
/// <param name="Verdict">The strongest verdict of all budgets.</param>
/// <param name="WorkScale">For <see cref="BudgetVerdict.Degrade"/>: keep this fraction (0, 1] of the remaining
/// planned work units; 1 otherwise.</param>
/// <param name="StopsRun">True when a per-run <c>stop</c> budget is spent: no further task may train.</param>
public sealed record BudgetDecision(BudgetVerdict Verdict, double WorkScale, bool StopsRun)
{
    /// <summary>Carry on as planned.</summary>
    public static BudgetDecision Continue { get; } = new(BudgetVerdict.Continue, 1, false);
}
