using System;
using System.Collections.Generic;
using System.Globalization;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Budgets;

/// <summary>
/// Enforces a spec's energy budgets at batch boundaries (DESIGN.md §4.3). The loop calls
/// <see cref="BeginTask"/> when a task starts and <see cref="Check"/> after every batch with the
/// meter's total joules and its progress in work units (batches). Per budget:
/// <list type="bullet">
/// <item><c>warn</c>: once spent ≥ limit, one <see cref="BudgetVerdict.Warn"/> event per task (per run for a run budget).</item>
/// <item><c>stop</c>: once spent ≥ limit, <see cref="BudgetVerdict.Stop"/>; a run budget stops every later task too.</item>
/// <item><c>degrade</c>: as soon as the task's energy per work unit projects past the limit, keep only the
/// fraction of the remaining work that fits (<see cref="BudgetDecision.WorkScale"/>); if the limit is reached
/// anyway, stop. A run budget is degraded against this task's even share of what the run has left.</item>
/// </list>
/// </summary>
public sealed class BudgetEnforcer
{
    /// <summary>Progress needed before a projection is trusted (and at least one work unit).</summary>
    internal const double MinProgressToProject = 0.05;

    /// <summary>A degraded task is degraded again only if its projection overshoots by more than this.</summary>
    internal const double DegradeTolerance = 0.05;

    private readonly IReadOnlyList<BudgetSpec> _budgets;
    private readonly int _totalTasks;
    private readonly bool[] _warned;
    private readonly bool[] _degraded;
    private readonly bool[] _stopped;
    private readonly List<BudgetEvent> _events = new();
    private int _task;
    private int _tasksStarted;
    private double _taskStartJoules;
    private double _workStartJoules;
    private double _runStartJoules = double.NaN;
    private readonly double _spentBefore;
    private bool _runStopped;

    /// <summary>Enforces <paramref name="budgets"/> over a run of <paramref name="totalTasks"/> tasks.</summary>
    /// <param name="budgets">The spec's budgets.</param>
    /// <param name="totalTasks">Tasks in the whole run.</param>
    /// <param name="completedTasks">Tasks a resumed run already completed (0 for a fresh run).</param>
    /// <param name="spentJoules">Joules those tasks used (their reports' energy), charged to run budgets.</param>
    public BudgetEnforcer(IReadOnlyList<BudgetSpec> budgets, int totalTasks, int completedTasks = 0, double spentJoules = 0)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalTasks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(completedTasks);
        ArgumentOutOfRangeException.ThrowIfNegative(spentJoules);
        _budgets = budgets;
        _totalTasks = totalTasks;
        _tasksStarted = completedTasks;
        _spentBefore = spentJoules;
        _warned = new bool[budgets.Count];
        _degraded = new bool[budgets.Count];
        _stopped = new bool[budgets.Count];
    }

    /// <summary>Every event so far, oldest first.</summary>
    public IReadOnlyList<BudgetEvent> Events => _events;

    /// <summary>True once a per-run <c>stop</c> budget is spent.</summary>
    public bool RunStopped => _runStopped;

    /// <summary>
    /// Starts the run: run budgets count from <paramref name="meterJoules"/> (the meter's total now), the
    /// same mark the task reports count from, so whatever the first task spends before its store write
    /// (e.g. building the model) is charged too. Without this call the run starts with the first task.
    /// </summary>
    public void BeginRun(double meterJoules) => _runStartJoules = meterJoules;

    /// <summary>
    /// Joules left before the nearest limit at which a budget stops training (a <c>stop</c> budget, or the
    /// allowance of a <c>degrade</c> budget), with the meter at <paramref name="meterJoules"/>;
    /// <see cref="double.PositiveInfinity"/> without such a budget. A caller reading a meter total that may be
    /// a sampling period old takes a fresh sample when this is within one period's energy.
    /// </summary>
    public double StopHeadroom(double meterJoules)
    {
        var headroom = double.PositiveInfinity;
        var taskSpent = meterJoules - _taskStartJoules;
        var runSpent = meterJoules - RunStart + _spentBefore;
        var remainingTasks = Math.Max(1, _totalTasks - _tasksStarted + 1);
        for (var i = 0; i < _budgets.Count; i++)
        {
            var budget = _budgets[i];
            var perRun = budget.Scope == BudgetScope.PerRun;
            var left = budget.OnExceed switch
            {
                ExceedAction.Stop => budget.EnergyJoules - (perRun ? runSpent : taskSpent),
                ExceedAction.Degrade when perRun => Math.Min(budget.EnergyJoules - runSpent,
                    (budget.EnergyJoules - (_taskStartJoules - RunStart) - _spentBefore) / remainingTasks - taskSpent),
                ExceedAction.Degrade => budget.EnergyJoules - taskSpent,
                _ => double.PositiveInfinity,
            };
            headroom = Math.Min(headroom, left);
        }

        return headroom;
    }

    private double RunStart => double.IsNaN(_runStartJoules) ? _taskStartJoules : _runStartJoules;

    /// <summary>Starts <paramref name="task"/>; <paramref name="meterJoules"/> is the meter's total now.</summary>
    public void BeginTask(int task, double meterJoules)
    {
        if (double.IsNaN(_runStartJoules)) _runStartJoules = meterJoules;
        _task = task;
        _tasksStarted++;
        _taskStartJoules = meterJoules;
        _workStartJoules = meterJoules;
        for (var i = 0; i < _budgets.Count; i++)
        {
            _degraded[i] = false;
            _stopped[i] = false;
            if (_budgets[i].Scope == BudgetScope.PerTask) _warned[i] = false;
        }
    }

    /// <summary>
    /// Marks where the task's work units begin (its training, after the store write and profiling);
    /// <paramref name="meterJoules"/> is the meter's total now. Projections then extrapolate only the
    /// energy spent since, so a fixed cost before training is not multiplied by the remaining work.
    /// Without this call the work is taken to begin with the task.
    /// </summary>
    public void BeginWork(double meterJoules) => _workStartJoules = meterJoules;

    /// <summary>
    /// Checks every budget after <paramref name="doneWork"/> of <paramref name="plannedWork"/> work units
    /// (e.g. batches; pass the plan as shrunk by earlier degrades) with the meter at <paramref name="meterJoules"/>.
    /// </summary>
    public BudgetDecision Check(double meterJoules, double doneWork, double plannedWork)
    {
        var verdict = BudgetVerdict.Continue;
        var scale = 1.0;
        for (var i = 0; i < _budgets.Count; i++)
        {
            var (v, s) = CheckOne(i, meterJoules, doneWork, plannedWork);
            if (v > verdict) verdict = v;
            if (v == BudgetVerdict.Degrade) scale = Math.Min(scale, s);
        }

        return verdict == BudgetVerdict.Continue ? BudgetDecision.Continue
            : new BudgetDecision(verdict, verdict == BudgetVerdict.Degrade ? scale : 1, _runStopped);
    }

    private (BudgetVerdict, double) CheckOne(int i, double meterJoules, double done, double planned)
    {
        var budget = _budgets[i];
        var taskSpent = meterJoules - _taskStartJoules;
        var runSpent = meterJoules - _runStartJoules + _spentBefore;
        var perRun = budget.Scope == BudgetScope.PerRun;
        var spent = perRun ? runSpent : taskSpent;
        var projectedTask = done >= Math.Max(1, MinProgressToProject * planned) && planned > done
            ? taskSpent + Math.Max(0, meterJoules - _workStartJoules) / done * (planned - done)
            : taskSpent;

        switch (budget.OnExceed)
        {
            case ExceedAction.Warn:
                if (spent < budget.EnergyJoules || _warned[i]) return (BudgetVerdict.Continue, 1);
                _warned[i] = true;
                Add(budget, BudgetVerdict.Warn, spent, budget.EnergyJoules, spent, 1,
                    $"{Describe(budget)} exceeded: {J(spent)} spent; continuing (on exceed warn).");
                return (BudgetVerdict.Warn, 1);

            case ExceedAction.Stop:
                if (spent < budget.EnergyJoules) return (BudgetVerdict.Continue, 1);
                if (perRun) _runStopped = true;
                if (!_stopped[i])
                {
                    _stopped[i] = true;
                    Add(budget, BudgetVerdict.Stop, spent, budget.EnergyJoules, spent, 1, perRun
                        ? $"{Describe(budget)} spent: {J(spent)}; task {_task} and every later task stop (on exceed stop)."
                        : $"{Describe(budget)} spent: {J(taskSpent)}; task {_task} stops after {done:0} of {planned:0} batches (on exceed stop).");
                }

                return (BudgetVerdict.Stop, 1);

            default:
                // This task's allowance: the whole task budget, or an even share of what the run has left.
                var remainingTasks = Math.Max(1, _totalTasks - _tasksStarted + 1);
                var allowance = perRun ? (budget.EnergyJoules - (_taskStartJoules - _runStartJoules) - _spentBefore) / remainingTasks : budget.EnergyJoules;
                if (taskSpent >= allowance || (perRun && runSpent >= budget.EnergyJoules))
                {
                    if (_stopped[i]) return (BudgetVerdict.Stop, 1);
                    _stopped[i] = true;
                    Add(budget, BudgetVerdict.Stop, taskSpent, allowance, projectedTask, 1,
                        $"{Describe(budget)}: task {_task} reached its {J(allowance)} allowance after {done:0} of {planned:0} batches although degraded; stopping the task.");
                    return (BudgetVerdict.Stop, 1);
                }

                var tolerance = _degraded[i] ? 1 + DegradeTolerance : 1;
                if (projectedTask <= allowance * tolerance) return (BudgetVerdict.Continue, 1);
                _degraded[i] = true;
                var kept = Math.Clamp((allowance - taskSpent) / (projectedTask - taskSpent), 0, 1);
                Add(budget, BudgetVerdict.Degrade, taskSpent, allowance, projectedTask, kept,
                    $"{Describe(budget)}: task {_task} was on course for {J(projectedTask)} against {J(allowance)}; keeping {kept:P0} of the remaining work ({planned - done:0} batches' worth) (on exceed degrade).");
                return (BudgetVerdict.Degrade, kept);
        }
    }

    /// <summary>
    /// Records how the caller carried out the latest <see cref="BudgetVerdict.Degrade"/> (e.g. a smaller
    /// replay share, fewer epochs) as a further degrade event of the same budget.
    /// </summary>
    /// <summary>The running task's budget accounting, for an in-task checkpoint.</summary>
    internal BudgetTaskState SaveState(double meterJoules)
    {
        var events = new List<BudgetEvent>();
        foreach (var e in _events)
            if (e.Task == _task) events.Add(e);
        return new BudgetTaskState(meterJoules - _taskStartJoules, meterJoules - _workStartJoules,
            (bool[])_warned.Clone(), (bool[])_degraded.Clone(), (bool[])_stopped.Clone(), _runStopped, events.ToArray());
    }

    /// <summary>Begins <paramref name="task"/> (one-based) where an earlier process's checkpoint left it: its joules, flags and events.</summary>
    internal void RestoreTaskState(int task, BudgetTaskState state, double meterJoules)
    {
        BeginTask(task, meterJoules - state.TaskJoules);
        if (state.Warned.Length == _budgets.Count)
        {
            state.Warned.CopyTo(_warned, 0);
            state.Degraded.CopyTo(_degraded, 0);
            state.Stopped.CopyTo(_stopped, 0);
        }

        _runStopped |= state.RunStopped;
        _events.AddRange(state.Events);
    }

    internal void ExplainDegrade(double workScale, string message)
    {
        for (var i = _events.Count - 1; i >= 0; i--)
        {
            if (_events[i].Verdict != BudgetVerdict.Degrade) continue;
            _events.Add(_events[i] with { WorkScale = workScale, Message = message });
            return;
        }
    }

    private void Add(BudgetSpec budget, BudgetVerdict verdict, double spent, double limit, double projected, double scale, string message) =>
        _events.Add(new BudgetEvent(_task, budget, verdict, spent, limit, projected, scale, message));

    private static string Describe(BudgetSpec b) =>
        $"energy budget {J(b.EnergyJoules)} per {(b.Scope == BudgetScope.PerTask ? "task" : "run")}";

    private static string J(double joules) => joules.ToString("0.###", CultureInfo.InvariantCulture) + " J";
}

/// <summary>A task's budget accounting in a checkpoint: joules counted since the task's and the work's marks, flags and events.</summary>
internal sealed record BudgetTaskState(double TaskJoules, double WorkJoules, bool[] Warned, bool[] Degraded, bool[] Stopped, bool RunStopped, BudgetEvent[] Events);
