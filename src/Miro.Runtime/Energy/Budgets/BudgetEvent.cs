using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Budgets;

/// <summary>A budget check that did something, for the task report.</summary>
/// <param name="Task">The task (as numbered by the caller of <see cref="BudgetEnforcer.BeginTask"/>).</param>
/// <param name="Budget">The budget concerned.</param>
/// <param name="Verdict">What was decided.</param>
/// <param name="SpentJoules">Joules spent against the budget at the check.</param>
/// <param name="LimitJoules">The joules allowed (for a per-run budget being degraded: this task's share of what is left).</param>
/// <param name="ProjectedJoules">Joules the budget's scope was on course to use had nothing changed.</param>
/// <param name="WorkScale">For <see cref="BudgetVerdict.Degrade"/>, the fraction of the remaining work kept; 1 otherwise.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record BudgetEvent(
    int Task,
    BudgetSpec Budget,
    BudgetVerdict Verdict,
    double SpentJoules,
    double LimitJoules,
    double ProjectedJoules,
    double WorkScale,
    string Message);
