using System;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Time.Testing;
using Miro.Dsl.Model;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Energy;
using Miro.Runtime.Energy.Sources;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Energy;

/// <summary>
/// Issue 12 class 3: a budget run killed inside a task and resumed degrades and stops where the
/// uninterrupted run does and reports the same joules. Energy is deterministic (a fake clock
/// charges 10 ms of busy CPU per step, as in <see cref="BudgetRunTests"/>); the resumed process
/// starts a new meter at zero, as a restarted device would.
/// </summary>
public sealed class BudgetResumeTests
{
    private sealed class ClockHook : ISessionHook
    {
        private readonly FakeTimeProvider _time = new();
        private readonly FakeActivity _activity = new(processors: 2);
        private readonly CancellationTokenSource? _cancel;
        private readonly long _cancelAtStep;
        private long _steps;

        public ClockHook(CancellationTokenSource? cancel = null, long cancelAtStep = 0)
        {
            _cancel = cancel;
            _cancelAtStep = cancelAtStep;
        }

        public EnergyMeter Meter(PolicySpec policy) =>
            new(new SensorChoice(null, null), MeterKind.Model, EnergyModel.FromDevice(policy.Device), _activity, _time);

        public EnergyMeter? Attached { get; set; }

        public StepVerdict OnStep(TaskContext task, in StepReport step)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            _activity.CpuSeconds += 0.02;
            Attached?.Sample();
            if (++_steps == _cancelAtStep)
            {
                _cancel!.Cancel();
            }

            return StepVerdict.Continue;
        }
    }

    private static readonly PolicySpec Policy = TestPolicies.Er(episodic: 100, epochs: 4, batch: 20, hidden: new[] { 32 }, tasks: 3) with
    {
        Budgets = EquatableArray.Create(
            new BudgetSpec(6.03, BudgetScope.PerTask, ExceedAction.Degrade),
            new BudgetSpec(14, BudgetScope.PerRun, ExceedAction.Stop)),
    };

    private static SessionResult Run(string directory, CancellationTokenSource? cancel, long cancelAtStep, bool resume)
    {
        var clock = new ClockHook(cancel, cancelAtStep);
        using var meter = clock.Meter(Policy);
        clock.Attached = meter;
        using var energy = new EnergyHook(meter, Policy.Budgets);
        var checkpointer = new Checkpointer(directory, everyEpochs: 1, everySteps: 7);
        using var session = MiroSession.Create(Policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = 3, Hooks = new ISessionHook[] { clock, energy, checkpointer } });
        if (resume)
        {
            checkpointer.Resume(session);
        }

        return session.Run(cancel?.Token ?? CancellationToken.None);
    }

    /// <summary>A task's energy section as written to its report (a task restored from a checkpoint holds it as JSON).</summary>
    private static (double Total, bool Stopped, string Verdicts) EnergyOf(TaskReport report)
    {
        using var json = System.Text.Json.JsonDocument.Parse(ReportWriter.ToJson(report.Extensions![EnergyHook.ExtensionName]));
        var root = json.RootElement;
        return (root.GetProperty("totalJoules").GetDouble(), root.GetProperty("stoppedByBudget").GetBoolean(),
            string.Join(",", root.GetProperty("budgetEvents").EnumerateArray().Select(e => e.GetProperty("verdict").GetString())));
    }

    [Theory]
    [InlineData(75)]  // task 1, after the degrade decision, between two step checkpoints
    [InlineData(140)] // task 2 or 3, after the per-task degrade and close to the run budget
    public void A_killed_and_resumed_budget_run_stops_where_the_straight_run_stops_with_the_same_joules(long killAtStep)
    {
        using var straightDir = new TempDirectory();
        SessionResult straight = Run(straightDir.Path, null, 0, resume: false);

        using var dir = new TempDirectory();
        using (var cancel = new CancellationTokenSource())
        {
            Assert.Throws<OperationCanceledException>(() => Run(dir.Path, cancel, killAtStep, resume: false));
        }

        SessionResult resumed = Run(dir.Path, null, 0, resume: true);

        Assert.Equal(straight.Tasks.Select(t => (t.Epochs, t.Steps, t.StoppedEarly)), resumed.Tasks.Select(t => (t.Epochs, t.Steps, t.StoppedEarly)));
        for (int i = 0; i < straight.Tasks.Count; i++)
        {
            var (a, b) = (EnergyOf(straight.Tasks[i]), EnergyOf(resumed.Tasks[i]));
            Assert.Equal(a.Total, b.Total, 6);
            Assert.Equal(a.Stopped, b.Stopped);
            Assert.Equal(a.Verdicts, b.Verdicts);
        }

        // Tasks completed before the restart keep a typed energy section (the printed table and its total use it).
        Assert.All(resumed.Tasks, t => Assert.IsType<EnergyReport>(t.Extensions![EnergyHook.ExtensionName]));
        Assert.Equal(straight.AccuracyMatrix.Select(r => string.Join(",", r)), resumed.AccuracyMatrix.Select(r => string.Join(",", r)));
    }
}
