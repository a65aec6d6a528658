using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Time.Testing;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Energy.Sources;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

/// <summary>
/// Each <c>on exceed</c> action on a small real run (tiny MLP, embedded Fashion-MNIST, 2 classes per
/// task). Energy is made deterministic: a clock hook, registered before the energy hook, advances a
/// fake clock by 10 ms of fully busy CPU per training step, so the model meter charges exactly
/// 10 ms × 6 W = 0.06 J per step. Unconstrained, task 1 is 50 steps × 4 epochs = 12 J.
/// </summary>
public sealed class BudgetRunTests
{
    private const double JoulesPerStep = 0.06;

    private sealed class ClockHook : ISessionHook
    {
        private readonly FakeTimeProvider _time;
        private readonly FakeActivity _activity;
        private readonly EnergyMeter _meter;

        private readonly int _sampleEvery;
        private long _steps;

        public ClockHook(FakeTimeProvider time, FakeActivity activity, EnergyMeter meter, int sampleEvery = 1)
        {
            _time = time;
            _activity = activity;
            _meter = meter;
            _sampleEvery = sampleEvery;
        }

        public List<TaskReport> Checkpointed { get; } = new();

        public StepVerdict OnStep(TaskContext task, in StepReport step)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            _activity.CpuSeconds += 0.02; // both cores busy: the model's active power
            // The meter's own sampling (as its thread does, every sampleEvery steps): in between, its
            // TotalJoules is stale.
            if (++_steps % _sampleEvery == 0) _meter.Sample();
            return StepVerdict.Continue;
        }

        public void OnCheckpoint(TaskContext task, TaskReport report) => Checkpointed.Add(report);
    }

    /// <summary>After the energy hook has marked the session start: keeps both cores busy for a while
    /// (as building the model and touching the data do before the first task's store write).</summary>
    private sealed class BusyStartHook : ISessionHook
    {
        private readonly FakeTimeProvider _time;
        private readonly FakeActivity _activity;

        public BusyStartHook(FakeTimeProvider time, FakeActivity activity)
        {
            _time = time;
            _activity = activity;
        }

        public void OnSessionStart(MiroSession session)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500)); // 50 steps' worth: 3 J
            _activity.CpuSeconds += 1.0;
        }
    }

    private static (SessionResult Result, ClockHook Clock) Run(int tasks, params BudgetSpec[] budgets) => Run(LearnerKind.Er, tasks, budgets);

    private static (SessionResult Result, ClockHook Clock) Run(LearnerKind learner, int tasks, params BudgetSpec[] budgets) =>
        Run(learner, tasks, sampleEvery: 1, busyStart: false, budgets);

    private static (SessionResult Result, ClockHook Clock) Run(LearnerKind learner, int tasks, int sampleEvery, bool busyStart, params BudgetSpec[] budgets)
    {
        var policy = TestPolicies.Er(episodic: 100, epochs: 4, batch: 20, hidden: new[] { 32 }, tasks: tasks, learner: learner) with
        {
            Budgets = EquatableArray.Create(budgets),
        };
        var time = new FakeTimeProvider();
        var activity = new FakeActivity(processors: 2);
        using var meter = new EnergyMeter(new SensorChoice(null, null), MeterKind.Model, EnergyModel.FromDevice(policy.Device), activity, time);
        var clock = new ClockHook(time, activity, meter, sampleEvery);
        using var energy = new EnergyHook(meter, policy.Budgets);
        var hooks = busyStart ? new ISessionHook[] { clock, energy, new BusyStartHook(time, activity) } : new ISessionHook[] { clock, energy };
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = 3, Hooks = hooks });
        return (session.Run(), clock);
    }

    private static EnergyReport EnergyOf(TaskReport report) => (EnergyReport)report.Extensions![EnergyHook.ExtensionName];

    [Fact]
    public void Unconstrained_run_charges_every_step_to_training()
    {
        var (result, _) = Run(1);
        var task = result.Tasks[0];
        Assert.Equal(200, task.Steps);
        Assert.Equal(200 * JoulesPerStep, EnergyOf(task).TotalJoules, 6);
        Assert.Equal(200 * JoulesPerStep, task.EnergyJoules!["train_compute"], 6);
        Assert.Equal("model", EnergyOf(task).Phases[0].Provenance);
        Assert.Empty(EnergyOf(task).BudgetEvents);
    }

    [Fact]
    public void Stop_budget_ends_each_task_cleanly_at_the_limit_and_the_report_says_why()
    {
        var (result, clock) = Run(2, new BudgetSpec(6, BudgetScope.PerTask, ExceedAction.Stop));

        Assert.Equal(2, result.Tasks.Count);
        foreach (var task in result.Tasks)
        {
            var energy = EnergyOf(task);
            Assert.True(task.StoppedEarly);
            Assert.True(energy.StoppedByBudget);
            Assert.InRange(energy.TotalJoules, 6, 6 + JoulesPerStep + 1e-9);
            Assert.InRange(task.Steps, 99, 101);
            var stop = Assert.Single(energy.BudgetEvents);
            Assert.Equal("stop", stop.Verdict);
            Assert.Contains("stops after", stop.Message);
            Assert.Equal(task.Accuracies.Count, task.Task); // still evaluated on every seen task
        }

        // The checkpoint seam still ran for every task, with the enriched report.
        Assert.Equal(new[] { 1, 2 }, clock.Checkpointed.Select(r => r.Task).ToArray());
        Assert.All(clock.Checkpointed, r => Assert.True(EnergyOf(r).StoppedByBudget));
    }

    [Fact]
    public void Degrade_budget_trains_fewer_steps_and_lands_under_the_budget_without_stopping()
    {
        var (result, _) = Run(2, new BudgetSpec(6.03, BudgetScope.PerTask, ExceedAction.Degrade));

        foreach (var task in result.Tasks)
        {
            var energy = EnergyOf(task);
            Assert.False(task.StoppedEarly);
            Assert.False(energy.StoppedByBudget);
            Assert.True(energy.TotalJoules <= 6.03, $"task {task.Task} used {energy.TotalJoules} J");
            Assert.True(energy.TotalJoules >= 6.03 - 2 * JoulesPerStep, $"task {task.Task} degraded too far: {energy.TotalJoules} J");
            Assert.True(task.Epochs < 4);
            // The decision, then how it was carried out (concat replay: fewer batches, no minibatch to shrink).
            Assert.Equal(2, energy.BudgetEvents.Count);
            Assert.All(energy.BudgetEvents, e => Assert.Equal("degrade", e.Verdict));
            Assert.InRange(energy.BudgetEvents[0].WorkScale, 0.3, 0.6);
            Assert.Contains("epochs cut from the end; replay concat", energy.BudgetEvents[1].Message);
        }
    }

    [Fact]
    public void Degrade_budget_shortens_the_single_pass_of_online_er()
    {
        // Online ER makes one pass of 50 steps (3 J); the budget allows about half.
        var (result, _) = Run(LearnerKind.OnlineEr, 1, new BudgetSpec(1.53, BudgetScope.PerTask, ExceedAction.Degrade));
        var task = result.Tasks[0];
        var energy = EnergyOf(task);

        Assert.False(task.StoppedEarly);
        Assert.InRange(energy.TotalJoules, 1.53 - 2 * JoulesPerStep, 1.53);
        Assert.InRange(task.Steps, 20, 26);
        Assert.Equal(new[] { "degrade", "degrade" }, energy.BudgetEvents.Select(e => e.Verdict).ToArray());
        Assert.Contains("the memory is empty", energy.BudgetEvents[1].Message); // nothing to replay in task 1 yet
    }

    [Fact]
    public void Warn_budget_reports_but_trains_everything()
    {
        var (result, _) = Run(1, new BudgetSpec(6, BudgetScope.PerTask, ExceedAction.Warn));
        var task = result.Tasks[0];
        var energy = EnergyOf(task);

        Assert.Equal(200, task.Steps);
        Assert.Equal(4, task.Epochs);
        Assert.False(task.StoppedEarly);
        Assert.Equal(12, energy.TotalJoules, 6);
        var warn = Assert.Single(energy.BudgetEvents);
        Assert.Equal("warn", warn.Verdict);
        Assert.Contains("continuing", warn.Message);
    }

    [Fact]
    public void Spent_run_budget_stops_the_task_and_later_tasks_train_nothing()
    {
        var (result, _) = Run(3, new BudgetSpec(15, BudgetScope.PerRun, ExceedAction.Stop));

        Assert.False(result.Tasks[0].StoppedEarly);
        Assert.True(result.Tasks[1].StoppedEarly);
        Assert.Equal(0, result.Tasks[2].Steps);
        Assert.Equal(0, result.Tasks[2].Epochs);
        Assert.Contains("every later task", EnergyOf(result.Tasks[2]).BudgetEvents.Single().Message);
        Assert.InRange(result.Tasks.Sum(t => EnergyOf(t).TotalJoules), 15, 15 + JoulesPerStep + 1e-9);
    }

    [Fact]
    public void Run_budget_counts_the_energy_spent_before_the_first_task_trains()
    {
        // 3 J go before task 1's store write (in task 1's report): the run stops at 18 J of reported energy, not 21.
        var (result, _) = Run(LearnerKind.Er, 3, sampleEvery: 1, busyStart: true, new BudgetSpec(18, BudgetScope.PerRun, ExceedAction.Stop));

        Assert.InRange(EnergyOf(result.Tasks[0]).TotalJoules, 3 + 12 - 1e-9, 3 + 12 + 1e-9);
        Assert.True(result.Tasks[1].StoppedEarly);
        Assert.InRange(result.Tasks[1].Steps, 49, 51); // 3 J left after task 1: 50 steps
        Assert.InRange(result.Tasks.Sum(t => EnergyOf(t).TotalJoules), 18, 18 + JoulesPerStep + 1e-9);
    }

    [Theory]
    [InlineData(BudgetScope.PerTask)]
    [InlineData(BudgetScope.PerRun)]
    public void Stop_budget_stops_at_the_first_batch_past_the_limit_although_the_meter_samples_rarely(BudgetScope scope)
    {
        // The meter samples every 30 steps (1.8 J): a check on its stale total alone trains up to 30 steps past 6 J.
        var (result, _) = Run(LearnerKind.Er, 1, sampleEvery: 30, busyStart: false, new BudgetSpec(6.5, scope, ExceedAction.Stop));
        var task = result.Tasks[0];

        Assert.True(task.StoppedEarly);
        Assert.Equal(109, task.Steps); // 6.54 J: the first step at or above 6.5 J
        Assert.InRange(EnergyOf(task).TotalJoules, 6.5, 6.5 + JoulesPerStep + 1e-9);
        Assert.Equal("stop", Assert.Single(EnergyOf(task).BudgetEvents).Verdict);
    }
}

public sealed class ResumedBudgetRunTests
{
    [Fact]
    public void Energy_of_restored_tasks_counts_against_the_run_budget()
    {
        var policy = TestPolicies.Er(episodic: 50, epochs: 1, batch: 50, hidden: new[] { 16 }, tasks: 2) with
        {
            Device = TestDevices.Nano(MeterKind.Model),
            Budgets = EquatableArray.Create(new BudgetSpec(5, BudgetScope.PerRun, ExceedAction.Stop)),
        };
        // Task 1 as a checkpoint restores it: its report says it used 6 J, more than the whole run budget.
        TaskReport first;
        using (var earlier = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = 2 }))
            first = earlier.RunTask(0) with { EnergyJoules = new Dictionary<string, double> { ["train_compute"] = 6 } };

        using var energy = EnergyHook.Start(policy, new EnergyMeterOptions { Root = System.IO.Path.GetTempPath() });
        using var resumed = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = 2, Hooks = new ISessionHook[] { energy } });
        resumed.RestoreProgress(new[] { first });
        var task2 = resumed.RunTask(1);

        Assert.Equal(0, task2.Steps);
        Assert.True(((EnergyReport)task2.Extensions![EnergyHook.ExtensionName]).StoppedByBudget);
    }
}
