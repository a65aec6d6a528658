using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Miro.Dsl.Model;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;
using Miro.Runtime.Tests.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Session;

public sealed class MiroSessionTests
{
    private static MiroSession Create(PolicySpec policy, params ISessionHook[] hooks) =>
        MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = 3, Hooks = hooks });

    private static PolicySpec Small(int epochs = 2) => TestPolicies.Er(episodic: 60, stream: 200, epochs: epochs, batch: 20, tasks: 2);

    [Fact]
    public void Hooks_see_the_phases_and_seams_of_every_task_in_order()
    {
        var hook = new RecordingHook();
        using MiroSession session = Create(Small(), hook);

        session.Run();

        string[] task0 =
        {
            "0:StoreWrite>", "0:task-start:200", "0:StoreWrite<",
            "0:Profiling>", "0:profile", "0:Profiling<",
            "0:Training>", "0:epoch-start:0", "0:epoch-end:0", "0:epoch-start:1", "0:epoch-end:1", "0:training-end", "0:Training<",
            "0:MemoryUpdate>", "0:memory-updated", "0:MemoryUpdate<",
            "0:Evaluation>", "0:Evaluation<",
            "0:report",
            "0:Checkpoint>", "0:checkpoint:1.5", "0:Checkpoint<",
        };
        Assert.Equal(new[] { "session-start" }.Concat(task0).Concat(task0.Select(c => "1" + c[1..])).Append("session-end"), hook.Calls);
        // Task 1: 200 stream samples / 20 = 10 steps; task 2 adds 60 memory slots: 13 steps; 2 epochs each.
        Assert.Equal(2 * (10 + 13), hook.StepsSeen);
        Assert.Equal(1.5, session.Reports[1].EnergyJoules!["training"]);
    }

    [Fact]
    public void A_stop_task_verdict_ends_training_but_the_task_still_evaluates_and_reports()
    {
        var hook = new RecordingHook { StopTaskAfterSteps = 3 };
        using MiroSession session = Create(Small(epochs: 5), hook);

        TaskReport report = session.RunTask(0);

        Assert.True(report.StoppedEarly);
        Assert.Equal(3, report.Steps);
        Assert.Equal(1, report.Epochs);
        Assert.Single(report.Accuracies);
        Assert.Contains("0:memory-updated", hook.Calls);
    }

    [Fact]
    public void Lowering_the_task_epochs_from_a_hook_degrades_training()
    {
        var hook = new RecordingHook { DegradeEpochsTo = 2 };
        using MiroSession session = Create(Small(epochs: 5), hook);

        TaskReport report = session.RunTask(0);

        Assert.Equal(2, report.Epochs);
        Assert.False(report.StoppedEarly);
    }

    [Fact]
    public void Reconfigure_resizes_the_memories_and_sets_epochs_and_batch()
    {
        using MiroSession session = Create(Small());
        session.RunTask(0);

        session.Reconfigure(episodicCapacity: 30, streamCapacity: 100, epochs: 1, batch: 5, source: new ArraySampleSource(EmbeddedData.Train));
        TaskReport report = session.RunTask(1);

        Assert.Equal(new TaskConfiguration(30, 100, 1, 5), report.Configuration);
        Assert.Equal(100, report.StreamSamples);
        Assert.Equal((30 + 100) / 5, report.Steps);
        Assert.Equal(30, report.MemoryPerClass.Values.Sum());
    }

    [Fact]
    public void A_configuration_chosen_while_profiling_is_applied_after_the_profiling_phase()
    {
        var hook = new ReconfigureWhileProfiling();
        using MiroSession session = Create(Small(), hook);
        session.RunTask(0);

        TaskReport report = session.RunTask(1);

        // Inside OnProfile nothing changed yet; the task trained with the choice.
        Assert.Equal(hook.CapacityBefore, hook.CapacityInside);
        Assert.NotEqual(30, hook.CapacityBefore);
        Assert.Equal(new TaskConfiguration(30, 100, 1, 5), report.Configuration);
        Assert.Equal(30, report.MemoryPerClass.Values.Sum());
        // The resize ran in a memory-update phase after profiling, before training.
        Assert.Equal(new[] { SessionPhase.StoreWrite, SessionPhase.Profiling, SessionPhase.MemoryUpdate, SessionPhase.Training }, hook.Phases.Skip(hook.Phases.IndexOf(SessionPhase.StoreWrite, 1)).Take(4));
    }

    private sealed class ReconfigureWhileProfiling : ISessionHook
    {
        public int CapacityBefore { get; private set; } = -1;

        public int CapacityInside { get; private set; } = -1;

        public List<SessionPhase> Phases { get; } = new();

        public void OnPhaseStart(SessionPhase phase, TaskContext task) => Phases.Add(phase);

        public void OnProfile(TaskContext task)
        {
            if (task.Index == 0)
            {
                return;
            }

            CapacityBefore = task.Session.Memory.Capacity;
            task.Session.Reconfigure(episodicCapacity: 30, streamCapacity: 100, epochs: 1, batch: 5, source: new ArraySampleSource(EmbeddedData.Train));
            CapacityInside = task.Session.Memory.Capacity;
        }
    }

    [Fact]
    public void Tasks_run_in_order_only()
    {
        using MiroSession session = Create(Small());

        var e = Assert.Throws<InvalidOperationException>(() => session.RunTask(1));

        Assert.Contains("0 of 2 tasks are done", e.Message);
    }

    [Fact]
    public void Cancellation_stops_at_a_batch_boundary_and_throws()
    {
        using var cts = new CancellationTokenSource();
        var hook = new CancelAfterSteps(cts, 5);
        using MiroSession session = Create(Small(), hook);

        Assert.Throws<OperationCanceledException>(() => session.Run(cts.Token));
        Assert.Equal(5, hook.Steps);
        Assert.Empty(session.Reports);
    }

    [Fact]
    public void Progress_reports_tasks_epochs_and_batches_with_loss_and_accuracy()
    {
        var reports = new List<SessionProgress>();
        using var session = MiroSession.Create(Small(), EmbeddedData.Train, EmbeddedData.Test, new SessionOptions
        {
            Seed = 3,
            Progress = new SynchronousProgress(reports.Add),
            ProgressInterval = TimeSpan.Zero,
        });

        session.Run();

        Assert.Equal(SessionProgressKind.TaskStarted, reports[0].Kind);
        Assert.Equal(2, reports.Count(r => r.Kind == SessionProgressKind.TaskCompleted));
        Assert.Equal(4, reports.Count(r => r.Kind == SessionProgressKind.EpochCompleted));
        List<SessionProgress> batches = reports.Where(r => r.Kind == SessionProgressKind.Batch).ToList();
        Assert.Equal(2 * (10 + 13), batches.Count);
        Assert.All(batches, b => Assert.False(double.IsNaN(b.Loss)));
        Assert.All(batches, b => Assert.InRange(b.RunningAccuracy, 0, 1));
        SessionProgress last = reports[^1];
        Assert.Equal(SessionProgressKind.TaskCompleted, last.Kind);
        Assert.Equal(session.Accuracy.AverageAccuracy(1), last.AverageAccuracy);
    }

    private sealed class SynchronousProgress : IProgress<SessionProgress>
    {
        private readonly Action<SessionProgress> _report;

        public SynchronousProgress(Action<SessionProgress> report) => _report = report;

        public void Report(SessionProgress value) => _report(value);
    }

    private sealed class CancelAfterSteps : ISessionHook
    {
        private readonly CancellationTokenSource _cts;
        private readonly int _after;

        public CancelAfterSteps(CancellationTokenSource cts, int after)
        {
            _cts = cts;
            _after = after;
        }

        public int Steps { get; private set; }

        public StepVerdict OnStep(TaskContext task, in StepReport step)
        {
            if (++Steps == _after)
            {
                _cts.Cancel();
            }

            return StepVerdict.Continue;
        }
    }
}
