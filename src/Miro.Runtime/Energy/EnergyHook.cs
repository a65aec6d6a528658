using System;
using System.Collections.Generic;
using Miro.Dsl.Model;
using Miro.Runtime.Energy.Budgets;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Session;
using static System.FormattableString;

namespace Miro.Runtime.Energy;

// Size (~300 lines): one hook mapping every session phase to an energy phase and applying the
// budget verdicts; the budget arithmetic lives in Budgets/, the meter in EnergyMeter.

/// <summary>
/// Attaches an energy meter and the spec's budgets to a <see cref="MiroSession"/>:
/// <list type="bullet">
/// <item>session phases become energy phases (store write and checkpoint → replay I/O, profiling →
/// profiling, training and the memory update → train compute, evaluation → evaluation; between
/// phases → idle);</item>
/// <item>budgets are checked after every step: <c>stop</c> ends the task (it still updates memory,
/// evaluates, reports and checkpoints), <c>degrade</c> first shrinks the replay minibatch (learners that
/// draw one per step: ER <c>replay balanced</c>, online ER; down to <see cref="MinReplayShare"/> of it),
/// then cuts the remaining steps to the fraction that fits — fewer epochs, the last one shortened —
/// and <c>warn</c> only reports;</item>
/// <item>every task report gets <c>energyJoules</c> per phase and an <c>energy</c> extension
/// (<see cref="EnergyReport"/>: provenance, meter, fallback reason, meter and budget events).</item>
/// </list>
/// A task's energy runs from the previous task's report (or the session start) to its own report,
/// so the tasks' energies add up to the run's (the previous checkpoint is in the next task).
/// </summary>
public sealed partial class EnergyHook : ISessionHook, IDisposable
{
    /// <summary>Name of the task-report extension holding the <see cref="EnergyReport"/>.</summary>
    public const string ExtensionName = "energy";

    /// <summary>The smallest share of the replay minibatch a <c>degrade</c> keeps before it cuts epochs instead:
    /// below it replay no longer does its job (holding the old tasks), and training less costs less accuracy.</summary>
    public const double MinReplayShare = 0.25;

    private readonly IReadOnlyList<BudgetSpec> _budgets;
    private readonly bool _ownsMeter;
    private BudgetEnforcer? _enforcer;
    private EnergySnapshot? _reportedUpTo;
    private IDisposable? _phase;
    private int _eventsReported;
    private int _doneSteps;
    private double _doneWork;
    private double _stepWeight = 1;
    private int _epochStepLimit = int.MaxValue;
    private int _truncatedEpoch = -1;
    private int _truncatedEpochSteps;
    private double _lastReading;
    private double _largestSampleStep;

    /// <summary>Uses <paramref name="meter"/> (not disposed by the hook) and enforces <paramref name="budgets"/>.</summary>
    public EnergyHook(IEnergyMeter meter, IReadOnlyList<BudgetSpec> budgets)
        : this(meter, budgets, ownsMeter: false)
    {
    }

    private EnergyHook(IEnergyMeter meter, IReadOnlyList<BudgetSpec> budgets, bool ownsMeter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(budgets);
        Meter = meter;
        _budgets = budgets;
        _ownsMeter = ownsMeter;
    }

    /// <summary>Starts a meter for <paramref name="policy"/>'s device (see <see cref="EnergyMeter.Start"/>) and
    /// enforces its budgets; the hook owns the meter.</summary>
    public static EnergyHook Start(PolicySpec policy, EnergyMeterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new EnergyHook(EnergyMeter.Start(policy.Device, options), policy.Budgets, ownsMeter: true);
    }

    /// <summary>The meter (other hooks, e.g. the swap worker, enter their own phases on it).</summary>
    public IEnergyMeter Meter { get; }

    /// <summary>Budget events of the run so far.</summary>
    public IReadOnlyList<BudgetEvent> BudgetEvents => _enforcer?.Events ?? Array.Empty<BudgetEvent>();

    /// <inheritdoc />
    public void OnSessionStart(MiroSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        // A resumed run has already spent what its completed tasks' reports say: run budgets count it.
        var spent = 0.0;
        foreach (var report in session.Reports)
            if (report.EnergyJoules is not null)
                foreach (var joules in report.EnergyJoules.Values) spent += joules;
        // ... and what the task it resumes inside had spent before the restart.
        spent += ResumedJoules();
        _enforcer = new BudgetEnforcer(_budgets, session.Scenario.Tasks.Count, session.Reports.Count, spent);
        _reportedUpTo = Meter.Snapshot();
        // Run budgets count from the mark the task reports count from: the first task's energy before its
        // store write (building the model, first-touch of the data) is in its report, so it is spent too.
        _enforcer.BeginRun(_reportedUpTo.TotalJoules);
        _lastReading = _reportedUpTo.TotalJoules;
    }

    /// <inheritdoc />
    public void OnPhaseStart(SessionPhase phase, TaskContext task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (phase == SessionPhase.StoreWrite)
        {
            _doneSteps = 0;
            _doneWork = 0;
            _stepWeight = 1;
            _truncatedEpoch = -1;
            task.Session.LearnerContext.ReplayShare = 1;
            // Fresh samples at the two task-level marks (TotalJoules may be a sampling period old): the
            // store write's energy must not be counted as the first training steps'.
            _lastReading = FreshJoules();
            _current = task;
            if (!ResumeTaskMark(task, _lastReading)) _enforcer?.BeginTask(task.Index + 1, _lastReading);
        }

        if (phase == SessionPhase.Training && _enforcer is not null)
        {
            // A fresh sample: the store write just before is the costliest step of a task.
            var joules = FreshJoules();
            _lastReading = joules;
            var resumed = ResumeTraining(task, joules);
            // A budget already spent before training (a spent run budget, or store writes and profiling that
            // used up the task's): this task trains no epoch; it still evaluates and reports why.
            if (_budgets.Count > 0 && _enforcer.Check(joules, resumed ? _doneWork : 0, resumed ? _doneWork + 1 : 1).Verdict == BudgetVerdict.Stop) task.Epochs = 0;
            if (!resumed) _enforcer.BeginWork(joules);
        }

        _phase?.Dispose();
        _phase = Meter.Enter(EnergyPhaseOf(phase));
    }

    /// <inheritdoc />
    public void OnPhaseEnd(SessionPhase phase, TaskContext task)
    {
        _phase?.Dispose();
        _phase = null;
    }

    /// <inheritdoc />
    public void OnEpochStart(TaskContext task, int epoch) =>
        _epochStepLimit = epoch == _truncatedEpoch ? _truncatedEpochSteps : int.MaxValue;

    /// <inheritdoc />
    public StepVerdict OnStep(TaskContext task, in StepReport step)
    {
        ArgumentNullException.ThrowIfNull(task);
        _doneSteps++;
        _doneWork += _stepWeight;
        if (_enforcer is null || _budgets.Count == 0) return StepVerdict.Continue;

        var epochs = task.Session.Learner.EpochsFor(task.Epochs);
        var stepsThisEpoch = Math.Min(step.Steps, _epochStepLimit);
        var stepsBeforeEpoch = _doneSteps - (step.Step + 1);
        var planned = stepsBeforeEpoch + stepsThisEpoch + (long)step.Steps * Math.Max(0, epochs - step.Epoch - 1);
        if (_truncatedEpoch > step.Epoch && _truncatedEpoch < epochs) planned -= step.Steps - _truncatedEpochSteps;
        // Work units are steps weighted by their cost relative to the task's first steps, so a projection
        // stays right after a degrade made the steps cheaper (a smaller replay minibatch).
        var decision = _enforcer.Check(CurrentJoules(), _doneWork, _doneWork + _stepWeight * (planned - _doneSteps));
        switch (decision.Verdict)
        {
            case BudgetVerdict.Stop:
                return StepVerdict.StopTask;
            case BudgetVerdict.Degrade:
                var scale = decision.WorkScale;
                var remaining = planned - _doneSteps;
                var replayCut = ReduceReplay(task, ref scale);
                var keep = (long)Math.Floor(scale * remaining);
                if (scale < 1) Degrade(task, step, keep, stepsThisEpoch);
                _enforcer.ExplainDegrade(decision.WorkScale, (replayCut, scale < 1) switch
                {
                    (null, _) => Invariant($"task {task.Index + 1}: trains {keep} of the remaining {remaining} batches (epochs cut from the end; {NoReplayCut(task)})."),
                    (_, true) => Invariant($"task {task.Index + 1}: {replayCut}, then trains {keep} of the remaining {remaining} batches (epochs cut from the end)."),
                    _ => Invariant($"task {task.Index + 1}: {replayCut}; epochs unchanged."),
                });
                break;
        }

        return step.Step + 1 >= _epochStepLimit ? StepVerdict.StopEpoch : StepVerdict.Continue;
    }

    /// <inheritdoc />
    public TaskReport OnTaskReport(TaskContext task, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(report);
        var now = Meter.Snapshot();
        var energy = WithEarlierProcesses(_reportedUpTo is null ? now : now.Since(_reportedUpTo));
        _reportedUpTo = now;
        var events = new List<BudgetEvent>();
        var all = BudgetEvents;
        for (var i = _eventsReported; i < all.Count; i++) events.Add(all[i]);
        _eventsReported = all.Count;

        var section = EnergyReport.From(energy, events);
        var perPhase = new Dictionary<string, double>();
        foreach (var p in section.Phases) perPhase[p.Phase] = p.Joules;
        var extensions = new Dictionary<string, object>();
        if (report.Extensions is not null)
            foreach (var (key, value) in report.Extensions) extensions[key] = value;
        extensions[ExtensionName] = section;
        return report with { EnergyJoules = perPhase, Extensions = extensions };
    }

    /// <summary>
    /// Joules the budgets have left for the current task before one stops or degrades training (a fresh
    /// reading: what the task spent so far, profiling included, is counted);
    /// <see cref="double.PositiveInfinity"/> without such a budget. The controller drops candidates
    /// whose estimated task joules exceed it.
    /// </summary>
    internal double BudgetHeadroomJoules() => _enforcer is null || _budgets.Count == 0 ? double.PositiveInfinity : _enforcer.StopHeadroom(FreshJoules());

    /// <summary>Stops the meter when the hook started it.</summary>
    public void Dispose()
    {
        _phase?.Dispose();
        if (_ownsMeter && Meter is IDisposable d) d.Dispose();
    }

    /// <summary>The energy phase a session phase is charged to.</summary>
    public static EnergyPhase EnergyPhaseOf(SessionPhase phase) => phase switch
    {
        SessionPhase.StoreWrite or SessionPhase.Checkpoint => EnergyPhase.ReplayIo,
        SessionPhase.Profiling => EnergyPhase.Profiling,
        SessionPhase.Evaluation => EnergyPhase.Evaluation,
        _ => EnergyPhase.TrainCompute,
    };

    /// <summary>
    /// The meter's total for a budget check. <see cref="IEnergyMeter.TotalJoules"/> is cheap but up to one
    /// sampling period old, and a period of training is hundreds of batches (about 1 J at 10 W and
    /// 100 ms): near a limit that would let training run that far past it. So when the stale reading is
    /// within twice the largest step between successive samples seen so far of a limit that stops
    /// training, the check takes a fresh sample instead (every batch from there on; far from any limit
    /// it costs nothing).
    /// </summary>
    private double CurrentJoules()
    {
        var joules = Meter.TotalJoules;
        if (joules > _lastReading)
        {
            _largestSampleStep = Math.Max(_largestSampleStep, joules - _lastReading);
            _lastReading = joules;
        }

        if (_enforcer is not null && _enforcer.StopHeadroom(joules) <= 2 * _largestSampleStep)
        {
            joules = FreshJoules();
            _lastReading = joules;
        }

        return joules;
    }

    /// <summary>A fresh sample's total (without building a snapshot when the meter is ours).</summary>
    private double FreshJoules() => Meter is EnergyMeter meter ? meter.SampleTotalJoules() : Meter.Snapshot().TotalJoules;

    /// <summary>
    /// The first degrade step: shrinks the replay minibatch so each remaining step costs
    /// <paramref name="scale"/> of what it did (a step's cost taken as proportional to its rows), but
    /// not below <see cref="MinReplayShare"/> of the batch; leaves in <paramref name="scale"/> the
    /// fraction of the remaining steps still to cut (1 = none). Null when replay cannot shrink.
    /// </summary>
    private string? ReduceReplay(TaskContext task, ref double scale)
    {
        var context = task.Session.LearnerContext;
        var stream = context.Batch;
        var replay = Math.Min(context.ReplayBatch, task.Session.Memory.Count);
        var minReplay = Math.Max(1, (int)Math.Ceiling(MinReplayShare * context.Batch));
        if (!context.ReplaysPerStep || replay <= minReplay) return null;

        var rows = stream + replay;
        var reduced = Math.Clamp((int)Math.Floor(scale * rows) - stream, minReplay, replay - 1);
        var weight = (double)(stream + reduced) / rows;
        context.ReplayShare = (double)reduced / context.Batch;
        _stepWeight *= weight;
        scale = Math.Min(1, scale / weight);
        return Invariant($"replay minibatch cut from {replay} to {reduced} rows per step (replay share {context.ReplayShare:P0})");
    }

    private static string NoReplayCut(TaskContext task)
    {
        var context = task.Session.LearnerContext;
        if (!context.ReplaysPerStep) return "replay concat: fewer batches over [EM | SB] train fewer replay rows";
        return task.Session.Memory.Count == 0 ? "the memory is empty" : "the replay minibatch is at its minimum share";
    }

    /// <summary>
    /// Keeps <paramref name="keep"/> more steps: the rest of the current epoch and whole epochs where
    /// they fit, then one shortened epoch for the remainder (the current one when it alone is too long).
    /// </summary>
    private void Degrade(TaskContext task, in StepReport step, long keep, int stepsThisEpoch)
    {
        var leftThisEpoch = stepsThisEpoch - (step.Step + 1);
        _truncatedEpoch = -1;
        if (keep < leftThisEpoch || step.Steps <= 0)
        {
            task.Epochs = step.Epoch + 1;
            _epochStepLimit = step.Step + 1 + (int)Math.Max(0, keep);
            return;
        }

        var wholeEpochs = (keep - leftThisEpoch) / step.Steps;
        var remainder = (int)((keep - leftThisEpoch) % step.Steps);
        task.Epochs = step.Epoch + 1 + (int)wholeEpochs + (remainder > 0 ? 1 : 0);
        if (remainder > 0)
        {
            _truncatedEpoch = task.Epochs - 1;
            _truncatedEpochSteps = remainder;
        }
    }
}
