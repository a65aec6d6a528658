using System;
using System.Collections.Generic;
using System.Diagnostics;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Resources;
using Miro.Runtime.Session;

namespace Miro.Runtime.Controller;

// Size (~490 lines): profiling at a task's start and the mid-task shrink share one state (the
// candidates measured this task, the rules in force, the report and its checkpoint form), so they
// are one hook; candidate generation, trials, extrapolation and selection live in their own files.

/// <summary>
/// The Miro controller (DESIGN.md §5, docs/controller.md), a session hook. From <c>profile.from task
/// N</c> on, in every task's profiling slot it generates the candidates the resources allow
/// (<see cref="CandidateGenerator"/>), runs a trial of each on copies (<see cref="TrialRunner"/>),
/// extrapolates the trial joules to the task (<see cref="EnergyExtrapolation"/>), drops what the energy
/// budget cannot pay, keeps the top share by validation accuracy and applies the best objective
/// (<see cref="CandidateSelection"/>) with <see cref="MiroSession.Reconfigure"/>. While a task trains it
/// reads the resources every <see cref="ResourceInterval"/> at a batch boundary; when the applying
/// <c>when</c> rules change and the configuration no longer fits, it shrinks the episodic memory at
/// once to the best feasible configuration already measured (or the smallest) and profiles the next
/// task again. Its report goes into each task report's <c>controller</c> extension; its state into
/// checkpoints. Built by <see cref="Runs.MiroRun"/>, after the energy hook, the resource hook and the
/// storage tier, whose work it uses.
/// </summary>
public sealed class MiroController : ISessionHook, IDisposable
{
    /// <summary>The default time between two resource readings while a task trains.</summary>
    public static readonly TimeSpan DefaultResourceInterval = TimeSpan.FromSeconds(1);

    private readonly PolicySpec _policy;
    private readonly CandidateSpace _space;
    private readonly EnergyHook _energy;
    private readonly ResourceHook _resources;
    private readonly StorageTier? _tier;
    private readonly bool _profiling;
    private readonly List<ResourceShrink> _shrinks = new();
    private ControllerReport? _current;
    private IReadOnlyList<CandidateMeasurement> _measured = [];
    private bool _profileNext;
    private ulong _activeRules;
    private long _nextReading;
    private int? _pendingShrink;
    private ResourceShrink? _pendingRecord;
    private EvaluationSet? _validation;
    private int _validationTasks;

    internal MiroController(PolicySpec policy, EnergyHook energy, ResourceHook resources, StorageTier? tier, bool profiling, TimeSpan resourceInterval)
    {
        _policy = policy;
        _space = CandidateSpace.Create(policy);
        _energy = energy;
        _resources = resources;
        _tier = tier;
        _profiling = profiling && policy.Profile is not null;
        ResourceInterval = resourceInterval;
    }

    /// <summary>The time between two resource readings while a task trains (read at the first batch boundary after it).</summary>
    public TimeSpan ResourceInterval { get; }

    /// <inheritdoc />
    public void OnProfile(TaskContext task)
    {
        ArgumentNullException.ThrowIfNull(task);
        MiroSession session = task.Session;
        ResourceState state = _resources.Current ?? _resources.Read();
        _nextReading = Stopwatch.GetTimestamp() + ResourceIntervalTicks;
        if (task.ResumedInTask)
        {
            // The checkpoint holds the choice (and the configuration it applied): profiling again would
            // measure other joules and could choose otherwise.
            return;
        }

        _current = null;
        _measured = [];
        _shrinks.Clear();
        _activeRules = _space.ActiveRules(state);
        bool due = _profiling && (task.Index + 1 >= _policy.Profile!.FromTask || _profileNext);
        _profileNext = false;
        if (!due)
        {
            return;
        }

        _current = Profile(task, state);
    }

    private ControllerReport Profile(TaskContext task, ResourceState state)
    {
        MiroSession session = task.Session;
        ProfileSpec profile = _policy.Profile!;
        long start = Stopwatch.GetTimestamp();
        EnergySnapshot before = _energy.Meter.Snapshot();
        CandidateList list = CandidateGenerator.Generate(_policy, _space, state, Feasible(session, task, state), session.Seed, task.Index);
        var counts = new CandidateCounts(list.Allowed, list.Clipped, list.Duplicates, list.Infeasible, list.NotSampled, list.Candidates.Count);
        if (list.Candidates.Count == 0)
        {
            return new ControllerReport
            {
                Task = task.Index + 1,
                Profiled = true,
                Counts = counts,
                Chosen = Candidate.Of(session.Configuration),
                Note = "no candidate is feasible with the resources now: the configuration in force stays.",
            };
        }

        var trials = new List<TrialResult>(list.Candidates.Count);
        using (var runner = new TrialRunner(task, profile, _tier, _energy.Meter, Validation(session, task.Index, profile.SampleFraction)))
        {
            runner.WarmUp();
            for (int i = 0; i < list.Candidates.Count; i++)
            {
                task.CancellationToken.ThrowIfCancellationRequested();
                session.ReportProgress(new SessionProgress(SessionProgressKind.Profiling, task.Index + 1, session.Scenario.Tasks.Count, 0, 0,
                    i + 1, list.Candidates.Count, double.NaN, double.NaN, double.NaN));
                Candidate candidate = list.Candidates[i];
                int same = SameTrial(trials, candidate);
                // A trial trains `trial` epochs whatever the candidate's epochs: candidates that differ
                // only in train.epochs would train the same trial, so it runs once. Its cost is the
                // first one's (0 J and 0 s here); the extrapolation scales it to each one's epochs.
                trials.Add(same < 0 ? runner.Run(candidate) : trials[same] with { Candidate = candidate, Joules = 0, Seconds = 0 });
            }
        }

        bool pooled = before.Source.Provenance == EnergyProvenance.Model;
        IReadOnlyList<double> taskJoules = TaskJoules(session, task.Task.TrainIndices.Count, trials, pooled);
        var measurements = new CandidateMeasurement[trials.Count];
        for (int i = 0; i < trials.Count; i++)
        {
            measurements[i] = new CandidateMeasurement(trials[i].Candidate, trials[i].ValidationAccuracy, taskJoules[i]);
        }

        // After the trials: what profiling spent is no longer in the budget.
        double left = _energy.BudgetHeadroomJoules();
        Selection selection = CandidateSelection.Select(measurements, profile.KeepTopFraction, profile.Objective, left);
        Candidate chosen = measurements[selection.Chosen].Candidate;
        Apply(session, chosen);
        _measured = measurements;

        var rows = new CandidateRow[trials.Count];
        for (int i = 0; i < trials.Count; i++)
        {
            rows[i] = new CandidateRow(trials[i].Candidate, trials[i].ValidationAccuracy, trials[i].Joules, trials[i].Seconds, taskJoules[i],
                selection.Scores[i], selection.Verdicts[i], selection.Reasons[i]);
        }

        EnergySnapshot after = _energy.Meter.Snapshot();
        return new ControllerReport
        {
            Task = task.Index + 1,
            Profiled = true,
            Counts = counts,
            Candidates = rows,
            Chosen = chosen,
            Note = selection.Note,
            BudgetLeftJoules = double.IsPositiveInfinity(left) ? null : left,
            EnergyBasis = pooled ? "pooled" : "measured",
            Overhead = new ProfilingOverhead(Stopwatch.GetElapsedTime(start).TotalSeconds, after.TotalJoules - before.TotalJoules, double.NaN, double.NaN),
        };
    }

    /// <summary>
    /// The trials' validation samples for task <paramref name="task"/> (those of tasks 1..task): one
    /// set per run, with room for every task's, to which each task's samples are added when it is
    /// first profiled (the same samples, in the same order, as a set built anew for the task).
    /// </summary>
    private EvaluationSet Validation(MiroSession session, int task, double sample)
    {
        if (_validation is null || _validationTasks > task + 1)
        {
            _validation?.Dispose();
            _validation = new EvaluationSet(session.Scenario.Shape, TrialRunner.ValidationRows(session, sample));
            _validationTasks = 0;
        }

        for (; _validationTasks <= task; _validationTasks++)
        {
            _validation.Add(session.Scenario.Train, TrialRunner.ValidationIndices(session, _validationTasks, sample));
        }

        return _validation;
    }

    /// <summary>Releases the validation samples' tensor.</summary>
    public void Dispose()
    {
        _validation?.Dispose();
        _validation = null;
    }

    /// <summary>The index of a trial that trained exactly what <paramref name="candidate"/>'s trial would, or -1.</summary>
    private static int SameTrial(List<TrialResult> trials, Candidate candidate)
    {
        for (int i = 0; i < trials.Count; i++)
        {
            if (trials[i].Candidate with { Epochs = candidate.Epochs } == candidate)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Each trial's estimated task joules. With the model meter (<paramref name="pooled"/>) the compute
    /// part uses one joules-per-row rate pooled over the task's trials instead of each trial's own
    /// joules: the model's joules follow measured CPU time, which is noisy, and a per-trial figure would
    /// let timing noise flip the choice between two runs with the same seed. Rows and bytes are
    /// deterministic, so the ranking then is too.
    /// </summary>
    private IReadOnlyList<double> TaskJoules(MiroSession session, int taskSamples, List<TrialResult> trials, bool pooled)
    {
        double read = EnergyExtrapolation.ReadJoulesPerByte(_policy);
        double rate = 0;
        if (pooled)
        {
            double joules = 0;
            long rows = 0;
            foreach (TrialResult t in trials)
            {
                joules += EnergyExtrapolation.ComputeJoules(t, read);
                rows += t.Rows;
            }

            rate = rows > 0 ? joules / rows : 0;
        }

        bool perStep = session.LearnerContext.ReplaysPerStep;
        long recordBytes = _tier is null ? 0 : _tier.Store.RecordBytes;
        var estimates = new double[trials.Count];
        for (int i = 0; i < trials.Count; i++)
        {
            TrialResult t = trials[i];
            Candidate c = t.Candidate;
            int epochs = session.Learner.EpochsFor(c.Epochs);
            int stream = Math.Min(c.StreamCapacity, taskSamples);
            // Growing refills from the store; without one, new slots stay empty until the task ends.
            int episodic = _tier is null ? Math.Min(c.EpisodicCapacity, session.Memory.Count) : c.EpisodicCapacity;
            long growth = Math.Max(0, c.EpisodicCapacity - session.Memory.Count) * recordBytes;
            TaskWork work = TaskWork.For(epochs, stream, episodic, c.Batch, perStep, _tier is null ? 0 : growth);
            double compute = pooled ? rate * t.Rows : EnergyExtrapolation.ComputeJoules(t, read);
            estimates[i] = EnergyExtrapolation.TaskJoules(t, compute, work, read);
        }

        return estimates;
    }

    private void Apply(MiroSession session, Candidate chosen) => session.Reconfigure(
        chosen.EpisodicCapacity, chosen.StreamCapacity, chosen.Epochs, chosen.Batch, _tier?.Store, session.SwapRatio is null ? null : chosen.SwapRatio);

    private FeasibleResources Feasible(MiroSession session, TaskContext task, ResourceState state)
    {
        long stored = _tier?.Store.Count ?? SeenSamples(session, task.Index);
        // The memories' own DRAM is in use already and would be freed by a resize: it counts as available.
        long held = ((long)session.Memory.Capacity + session.Stream.Capacity) * _policy.Data.SampleBytes;
        return new FeasibleResources(stored, task.Task.TrainIndices.Count, state.DramAvailableBytes + held, _policy.Data.SampleBytes);
    }

    private static long SeenSamples(MiroSession session, int task)
    {
        long seen = 0;
        for (int t = 0; t <= task; t++)
        {
            seen += session.Scenario.Tasks[t].TrainIndices.Count;
        }

        return seen;
    }

    /// <inheritdoc />
    public StepVerdict OnStep(TaskContext task, in StepReport step)
    {
        if (_policy.Rules.Count == 0 || Stopwatch.GetTimestamp() < _nextReading)
        {
            return StepVerdict.Continue;
        }

        ArgumentNullException.ThrowIfNull(task);
        _nextReading = Stopwatch.GetTimestamp() + ResourceIntervalTicks;
        ResourceState state = _resources.Read();
        ulong rules = _space.ActiveRules(state);
        if (rules == _activeRules)
        {
            return StepVerdict.Continue;
        }

        _activeRules = rules;
        MiroSession session = task.Session;
        Candidate now = Candidate.Of(session.Configuration);
        if (Allowed(now, rules) || _pendingShrink is not null)
        {
            return StepVerdict.Continue;
        }

        (Candidate target, string basis) = ShrinkTarget(session, task, state, rules, now);
        var record = new ResourceShrink(step.Epoch + 1, step.Step + 1, state.DramAvailableBytes, Indices(rules), now,
            now with { EpisodicCapacity = Math.Min(now.EpisodicCapacity, target.EpisodicCapacity) }, basis);
        _profileNext = true;
        if (session.LearnerContext.ReplaysPerStep)
        {
            // Replay slots are drawn per step: the memory can shrink between two steps once the swaps in flight are applied.
            Shrink(session, record);
        }
        else
        {
            // replay concat: the epoch's order spans [EM | SB] as it was at the epoch start; shrink when it ends.
            _pendingShrink = record.To.EpisodicCapacity;
            _pendingRecord = record;
        }

        return StepVerdict.Continue;
    }

    /// <inheritdoc />
    public void OnEpochEnd(TaskContext task, int epoch, EpochSummary summary)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (_pendingRecord is { } record)
        {
            Shrink(task.Session, record);
        }
    }

    private void Shrink(MiroSession session, ResourceShrink record)
    {
        _pendingShrink = null;
        _pendingRecord = null;
        _tier?.DrainSwaps();
        session.Reconfigure(episodicCapacity: record.To.EpisodicCapacity);
        _shrinks.Add(record);
    }

    /// <summary>The best configuration already measured in this task that the rules allow now, else the smallest allowed one.</summary>
    private (Candidate Target, string Basis) ShrinkTarget(MiroSession session, TaskContext task, ResourceState state, ulong rules, Candidate now)
    {
        CandidateMeasurement? best = null;
        double bestScore = double.NegativeInfinity;
        Objective objective = _policy.Profile?.Objective ?? Objective.AccuracyPerJoule;
        foreach (CandidateMeasurement m in _measured)
        {
            double score = CandidateSelection.Score(m, objective);
            if (Allowed(m.Candidate, rules) && m.Candidate.EpisodicCapacity <= now.EpisodicCapacity && score > bestScore)
            {
                (best, bestScore) = (m, score);
            }
        }

        if (best is not null)
        {
            return (best.Candidate, "measured");
        }

        CandidateList list = CandidateGenerator.Generate(_policy with { Profile = null }, _space, state, Feasible(session, task, state), session.Seed, task.Index);
        Candidate smallest = now with { EpisodicCapacity = 0 };
        int min = int.MaxValue;
        foreach (Candidate c in list.Candidates)
        {
            if (c.EpisodicCapacity < min)
            {
                (min, smallest) = (c.EpisodicCapacity, c);
            }
        }

        return (min == int.MaxValue ? now : smallest, "smallest");
    }

    /// <summary>True when every tunable value of <paramref name="c"/> is one that the applying rules allow.</summary>
    private bool Allowed(Candidate c, ulong rules)
    {
        for (int r = 0; r < _policy.Rules.Count; r++)
        {
            if ((rules & (1UL << r)) == 0)
            {
                continue;
            }

            foreach (TunableSpec narrowed in _policy.Rules[r].Tunables)
            {
                double value = c.ValueOf(narrowed.Parameter);
                bool listed = false;
                foreach (double v in narrowed.Values)
                {
                    listed |= Math.Abs(v - value) < 1e-9;
                }

                if (!listed)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static int[] Indices(ulong rules)
    {
        var indices = new List<int>();
        for (int r = 0; r < 64; r++)
        {
            if ((rules & (1UL << r)) != 0)
            {
                indices.Add(r);
            }
        }

        return indices.ToArray();
    }

    /// <inheritdoc />
    public TaskReport OnTaskReport(TaskContext task, TaskReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ControllerReport? section = _current;
        if (section is null && _shrinks.Count == 0)
        {
            return report;
        }

        section ??= new ControllerReport { Task = report.Task, Profiled = false };
        if (section.Overhead is { } overhead)
        {
            double joules = 0;
            if (report.EnergyJoules is not null)
            {
                foreach (double j in report.EnergyJoules.Values)
                {
                    joules += j;
                }
            }

            section = section with { Overhead = overhead with { TaskSeconds = report.Seconds.Total, TaskJoules = joules } };
        }

        section = section with { Shrinks = _shrinks.ToArray() };
        var extensions = report.Extensions is null ? new Dictionary<string, object>() : new Dictionary<string, object>(report.Extensions);
        extensions[ControllerReport.ExtensionName] = section;
        return report with { Extensions = extensions };
    }

    /// <inheritdoc />
    public void OnCheckpoint(TaskContext task, TaskReport report)
    {
        // The task is complete: its report holds the controller's section; the next task starts afresh.
        _current = null;
        _measured = [];
        _shrinks.Clear();
    }

    /// <summary>The controller's state for a checkpoint.</summary>
    internal byte[] SaveState() => ControllerReport.ToUtf8(new ControllerState(_current is null ? null : _current with { Shrinks = _shrinks.ToArray() }, _profileNext, _activeRules));

    /// <summary>Restores the state saved by <see cref="SaveState"/> (before the session runs).</summary>
    internal void RestoreState(byte[] bytes)
    {
        ControllerState state = ControllerReport.FromUtf8(bytes) ?? throw new System.IO.InvalidDataException("The controller state is empty.");
        _current = state.Current;
        _profileNext = state.ProfileNextTask;
        _activeRules = state.ActiveRules;
        _shrinks.Clear();
        if (state.Current is { } current)
        {
            _shrinks.AddRange(current.Shrinks);
            var measured = new List<CandidateMeasurement>();
            foreach (CandidateRow row in current.Candidates)
            {
                measured.Add(new CandidateMeasurement(row.Configuration, row.ValidationAccuracy, row.TaskJoules));
            }

            _measured = measured;
        }
    }

    private long ResourceIntervalTicks => (long)(ResourceInterval.TotalSeconds * Stopwatch.Frequency);
}
