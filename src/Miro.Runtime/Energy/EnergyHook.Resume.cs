using System;
using System.Text.Json;
using Miro.Runtime.Energy.Budgets;
using Miro.Runtime.Session;

namespace Miro.Runtime.Energy;

/// <summary>
/// The energy hook across a restart: an in-task checkpoint carries the task's energy so far (per
/// phase, for its report), the joules its budgets have counted (task, work and run), the degrade
/// steps taken (epochs cut, replay share, step weight) and the budget events, so a killed and
/// resumed run degrades and stops where the uninterrupted one does and reports the same joules.
/// </summary>
public sealed partial class EnergyHook : IResumableHook
{
    private EnergyTaskState? _resumed;
    private Session.TaskContext? _current;

    /// <inheritdoc />
    public string StateName => ExtensionName;

    /// <inheritdoc />
    public byte[] SaveTaskState()
    {
        var now = Meter.Snapshot();
        var partial = _reportedUpTo is null ? now : now.Since(_reportedUpTo);
        var phases = new double[partial.Phases.Count * 3];
        for (var i = 0; i < partial.Phases.Count; i++)
        {
            phases[3 * i] = partial.Phases[i].CounterJoules;
            phases[3 * i + 1] = partial.Phases[i].IntegratedPowerJoules;
            phases[3 * i + 2] = partial.Phases[i].ModelJoules;
        }

        var joules = now.TotalJoules;
        var state = new EnergyTaskState(
            phases, partial.ModelEstimateJoules,
            _enforcer?.SaveState(joules),
            _doneSteps, _doneWork, _stepWeight, _truncatedEpoch, _truncatedEpochSteps,
            _current?.Epochs ?? 0, _current?.Session.LearnerContext.ReplayShare ?? 1,
            _eventsReported);
        return JsonSerializer.SerializeToUtf8Bytes(state);
    }

    /// <inheritdoc />
    public void RestoreTaskState(int task, byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _resumed = (JsonSerializer.Deserialize<EnergyTaskState>(state) ?? throw new JsonException("empty energy state")) with { Task = task };
    }

    /// <summary>Joules the resumed task had spent in earlier processes (added to the run's spending at session start).</summary>
    private double ResumedJoules()
    {
        if (_resumed is null) return 0;
        var total = 0.0;
        foreach (var j in _resumed.Phases) total += j;
        return total;
    }

    /// <summary>At the resumed task's marks: counts from where the earlier process left off.</summary>
    private bool ResumeTaskMark(Session.TaskContext task, double joules)
    {
        if (_resumed is not { } s || s.Task != task.Index || s.Budgets is null || _enforcer is null) return false;
        _enforcer.RestoreTaskState(task.Index + 1, s.Budgets, joules);
        return true;
    }

    private bool ResumeTraining(Session.TaskContext task, double joules)
    {
        if (_resumed is not { } s || s.Task != task.Index) return false;
        _resumed = s with { Task = -1 };
        _doneSteps = s.DoneSteps;
        _doneWork = s.DoneWork;
        _stepWeight = s.StepWeight;
        _truncatedEpoch = s.TruncatedEpoch;
        _truncatedEpochSteps = s.TruncatedEpochSteps;
        if (s.Epochs > 0) task.Epochs = s.Epochs;
        task.Session.LearnerContext.ReplayShare = s.ReplayShare;
        if (s.Budgets is not null) _enforcer?.BeginWork(joules - s.Budgets.WorkJoules);
        _pendingReportState = s;
        return true;
    }

    private EnergyTaskState? _pendingReportState;

    /// <summary>The resumed task's report adds the energy its earlier processes spent.</summary>
    private EnergySnapshot WithEarlierProcesses(EnergySnapshot energy)
    {
        if (_pendingReportState is not { } s) return energy;
        _pendingReportState = null;
        var phases = new PhaseEnergy[energy.Phases.Count];
        for (var i = 0; i < phases.Length; i++)
        {
            var p = energy.Phases[i];
            phases[i] = 3 * i + 2 < s.Phases.Length
                ? new PhaseEnergy(p.Phase, p.CounterJoules + s.Phases[3 * i], p.IntegratedPowerJoules + s.Phases[3 * i + 1], p.ModelJoules + s.Phases[3 * i + 2])
                : p;
        }

        return energy with { Phases = phases, ModelEstimateJoules = energy.ModelEstimateJoules + s.ModelEstimateJoules };
    }
}

/// <summary>The energy hook's in-task state in a checkpoint.</summary>
internal sealed record EnergyTaskState(
    double[] Phases,
    double ModelEstimateJoules,
    BudgetTaskState? Budgets,
    int DoneSteps,
    double DoneWork,
    double StepWeight,
    int TruncatedEpoch,
    int TruncatedEpochSteps,
    int Epochs,
    double ReplayShare,
    int EventsReported)
{
    public int Task { get; init; } = -1;
}
