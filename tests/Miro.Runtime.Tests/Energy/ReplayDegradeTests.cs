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
/// <c>on exceed degrade</c> reduces replay first, on a small real run of ER with <c>replay balanced</c>
/// (tiny MLP, embedded Fashion-MNIST, 2 classes per task, 4 epochs of 50 steps of 20 stream rows).
/// A clock hook charges each step by its rows: 0.25 ms of fully busy CPU per row, so 0.0015 J per
/// row at the model's 6 W. Task 1 has an empty memory (20 rows a step: 6 J); task 2 replays 20 rows a
/// step from it (40 rows a step: 12 J).
/// </summary>
public sealed class ReplayDegradeTests
{
    private sealed class RowClock : ISessionHook
    {
        private readonly FakeTimeProvider _time;
        private readonly FakeActivity _activity;
        private readonly EnergyMeter _meter;

        public RowClock(FakeTimeProvider time, FakeActivity activity, EnergyMeter meter)
        {
            _time = time;
            _activity = activity;
            _meter = meter;
        }

        /// <summary>Per task (1-based), the replay rows of every step in order.</summary>
        public Dictionary<int, List<int>> ReplayRows { get; } = new();

        public StepVerdict OnStep(TaskContext task, in StepReport step)
        {
            var rows = step.BatchSize;
            _time.Advance(TimeSpan.FromMilliseconds(0.25 * rows));
            _activity.CpuSeconds += 2 * 0.25e-3 * rows;
            _meter.Sample();
            if (!ReplayRows.TryGetValue(task.Index + 1, out var list)) ReplayRows[task.Index + 1] = list = new List<int>();
            list.Add(step.ReplaySamples);
            return StepVerdict.Continue;
        }
    }

    private static (SessionResult Result, RowClock Clock) Run(int tasks, params BudgetSpec[] budgets)
    {
        var policy = TestPolicies.Er(episodic: 100, epochs: 4, batch: 20, hidden: new[] { 32 }, tasks: tasks, replay: ReplayMix.Balanced) with
        {
            Budgets = EquatableArray.Create(budgets),
        };
        var time = new FakeTimeProvider();
        var activity = new FakeActivity(processors: 2);
        using var meter = new EnergyMeter(new SensorChoice(null, null), MeterKind.Model, EnergyModel.FromDevice(policy.Device), activity, time);
        var clock = new RowClock(time, activity, meter);
        using var energy = new EnergyHook(meter, policy.Budgets);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = 3, Hooks = new ISessionHook[] { clock, energy } });
        return (session.Run(), clock);
    }

    private static EnergyReport EnergyOf(TaskReport report) => (EnergyReport)report.Extensions![EnergyHook.ExtensionName];

    [Fact]
    public void Undegraded_run_replays_a_full_minibatch_and_task_2_costs_twice_task_1()
    {
        var (result, clock) = Run(2);
        Assert.Equal(6, EnergyOf(result.Tasks[0]).TotalJoules, 6);
        Assert.Equal(12, EnergyOf(result.Tasks[1]).TotalJoules, 6);
        Assert.All(clock.ReplayRows[2], rows => Assert.Equal(20, rows));
    }

    [Fact]
    public void Degrade_shrinks_the_replay_minibatch_first_and_lands_task_2_under_the_budget_with_every_epoch_and_task_3_starts_afresh()
    {
        var (result, clock) = Run(3, new BudgetSpec(9, BudgetScope.PerTask, ExceedAction.Degrade));

        var task1 = result.Tasks[0];
        Assert.Empty(EnergyOf(task1).BudgetEvents); // 6 J: within the budget

        var task2 = result.Tasks[1];
        var energy = EnergyOf(task2);
        Assert.InRange(energy.TotalJoules, 8, 9); // undegraded it takes 12 J
        Assert.False(task2.StoppedEarly);
        Assert.Equal(4, task2.Epochs);
        Assert.Equal(200, task2.Steps);

        // Full replay until the projection was trusted, then a smaller replay minibatch to the end.
        var rows = clock.ReplayRows[2];
        Assert.Equal(20, rows[0]);
        Assert.InRange(rows[^1], 5, 12);
        Assert.All(rows.Skip(rows.IndexOf(rows[^1])), r => Assert.Equal(rows[^1], r));

        Assert.Collection(energy.BudgetEvents,
            e => Assert.Equal("degrade", e.Verdict),
            e =>
            {
                Assert.Equal("degrade", e.Verdict);
                Assert.Contains($"replay minibatch cut from 20 to {rows[^1]} rows per step", e.Message);
                Assert.Contains("epochs unchanged", e.Message);
            });

        // The next task starts again from the full replay minibatch.
        Assert.Equal(20, clock.ReplayRows[3][0]);
        Assert.InRange(EnergyOf(result.Tasks[2]).TotalJoules, 8, 9);
    }

    [Fact]
    public void Degrade_cuts_epochs_once_replay_is_at_its_minimum_share()
    {
        var (result, clock) = Run(2, new BudgetSpec(7, BudgetScope.PerTask, ExceedAction.Degrade));

        var task2 = result.Tasks[1];
        var energy = EnergyOf(task2);
        Assert.InRange(energy.TotalJoules, 6.5, 7);
        Assert.False(task2.StoppedEarly);
        Assert.True(task2.Epochs < 4 || task2.Steps < 200);
        var minimum = (int)Math.Ceiling(EnergyHook.MinReplayShare * 20);
        Assert.Equal(minimum, clock.ReplayRows[2][^1]);
        Assert.Contains(energy.BudgetEvents, e => e.Message.Contains($"cut from 20 to {minimum} rows per step", StringComparison.Ordinal)
            && e.Message.Contains("epochs cut from the end", StringComparison.Ordinal));
    }
}
