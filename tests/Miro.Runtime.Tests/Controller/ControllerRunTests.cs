using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Runtime.Controller;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Runs;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Controller;

/// <summary>The controller end to end on the embedded Fashion-MNIST subset, built by <see cref="MiroRun"/>.</summary>
public sealed class ControllerRunTests
{
    private const int Seed = 4;

    // No candidate is the base configuration (EM 100 / SB 400), so an applied choice shows in the reports.
    private static PolicySpec Grid() => ControllerPolicies.Small(tune: "episodic.capacity in {50, 150}\n stream.capacity in {200, 300}");

    private static MiroRunOptions Options(TempDirectory dir, string? root = null) => new()
    {
        Directory = dir.Path,
        Seed = Seed,
        Threads = 1,
        SystemRoot = root ?? dir.Path, // an empty tree: the model meter, resources from the device block
    };

    private static SessionResult Run(PolicySpec policy, MiroRunOptions options)
    {
        using var run = MiroRun.Create(policy, EmbeddedData.Train, EmbeddedData.Test, options);
        return run.Run();
    }

    private static Candidate?[] Choices(SessionResult result) => result.Tasks.Select(t => ControllerReport.Of(t)?.Chosen).ToArray();

    [Fact]
    public void Profiling_runs_from_the_configured_task_picks_applies_and_reports_its_overhead()
    {
        using var dir = new TempDirectory();
        SessionResult result = Run(Grid(), Options(dir));

        Assert.Null(ControllerReport.Of(result.Tasks[0]));
        Assert.Equal(new TaskConfiguration(100, 400, 2, 32, 0.5), result.Tasks[0].Configuration);
        foreach (TaskReport task in result.Tasks.Skip(1))
        {
            ControllerReport report = ControllerReport.Of(task)!;
            Assert.True(report.Profiled);
            Assert.Equal(4, report.Candidates.Count);
            Assert.Single(report.Candidates, c => c.Verdict == CandidateVerdict.Chosen);
            Assert.Equal(2, report.Candidates.Count(c => c.Verdict == CandidateVerdict.BelowCut)); // keep top 50%
            Assert.All(report.Candidates, c => Assert.InRange(c.ValidationAccuracy, 0, 1));
            Assert.All(report.Candidates, c => Assert.True(c.TaskJoules > 0 && c.TrialJoules >= 0));
            Assert.Equal("pooled", report.EnergyBasis);
            // The choice is what the task trained with.
            Assert.Equal(report.Chosen, Candidate.Of(task.Configuration));
            Assert.Contains(task.Configuration.EpisodicCapacity, new[] { 50, 150 });
            Assert.Equal(task.Configuration.StreamCapacity, task.StreamSamples);
            ProfilingOverhead overhead = report.Overhead!;
            Assert.True(overhead.Seconds > 0 && overhead.Joules > 0);
            Assert.InRange(overhead.SecondsShare, 0, 1);
            Assert.InRange(overhead.JoulesShare, 0, 1);
            Assert.True(task.Seconds.Profiling >= overhead.Seconds * 0.5);
        }

        Assert.True(File.Exists(Path.Combine(dir.Path, "task-02.json")));
        Assert.Contains("\"controller\"", File.ReadAllText(Path.Combine(dir.Path, "task-02.json")));
    }

    [Fact]
    public void Candidates_that_differ_only_in_epochs_share_one_trial_and_are_extrapolated_to_their_own_epochs()
    {
        using var dir = new TempDirectory();
        PolicySpec policy = ControllerPolicies.Small(tune: "episodic.capacity in {50, 150}\n train.epochs in {1, 3}");

        SessionResult result = Run(policy, Options(dir));

        ControllerReport report = ControllerReport.Of(result.Tasks[1])!;
        Assert.Equal(4, report.Candidates.Count);
        foreach (int em in new[] { 50, 150 })
        {
            CandidateRow one = report.Candidates.Single(c => c.Configuration.EpisodicCapacity == em && c.Configuration.Epochs == 1);
            CandidateRow three = report.Candidates.Single(c => c.Configuration.EpisodicCapacity == em && c.Configuration.Epochs == 3);
            // Grid order runs epochs 1 first: its trial was measured, the 3-epoch candidate reused it.
            Assert.True(one.TrialJoules > 0 && one.TrialSeconds > 0);
            Assert.Equal(0, three.TrialJoules);
            Assert.Equal(0, three.TrialSeconds);
            Assert.Equal(one.ValidationAccuracy, three.ValidationAccuracy);
            // Compute and swap reads scale with epochs; the one-time read that grows the memory does not
            // (without growth the ratio is 3 up to float rounding, hence the relative 1e-9).
            Assert.InRange(three.TaskJoules, 2.5 * one.TaskJoules, 3 * one.TaskJoules * (1 + 1e-9));
        }
    }

    [Fact]
    public void Every_trial_starts_from_the_same_state_whatever_trial_ran_before_it()
    {
        // Trials share one model (and cached streams and validation samples): run the same grid in the
        // opposite order and every candidate must measure exactly what it measured before.
        using var a = new TempDirectory();
        using var b = new TempDirectory();

        SessionResult forward = Run(ControllerPolicies.Small(), Options(a));
        SessionResult backward = Run(ControllerPolicies.Small(tune: "episodic.capacity in {100, 50}\n stream.capacity in {400, 200}"), Options(b));

        // The first profiled task: everything before it is the same in both runs.
        IReadOnlyList<CandidateRow> first = ControllerReport.Of(forward.Tasks[1])!.Candidates;
        IReadOnlyList<CandidateRow> second = ControllerReport.Of(backward.Tasks[1])!.Candidates;
        Assert.Equal(first.Select(c => c.Configuration), second.Select(c => c.Configuration).Reverse());
        Assert.Equal(
            first.ToDictionary(c => c.Configuration, c => c.ValidationAccuracy),
            second.ToDictionary(c => c.Configuration, c => c.ValidationAccuracy));
    }

    [Fact]
    public void The_same_seed_gives_the_same_choices_and_accuracy_matrix()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();

        SessionResult first = Run(Grid(), Options(a));
        SessionResult second = Run(Grid(), Options(b));

        Assert.Equal(Choices(first), Choices(second));
        Assert.Equal(first.AccuracyMatrix, second.AccuracyMatrix);
        Assert.Equal(
            first.Tasks.Skip(1).Select(t => ControllerReport.Of(t)!.Candidates.Select(c => c.ValidationAccuracy)),
            second.Tasks.Skip(1).Select(t => ControllerReport.Of(t)!.Candidates.Select(c => c.ValidationAccuracy)));
    }

    [Fact]
    public void Profiling_a_grid_of_only_the_base_configuration_leaves_the_run_as_it_would_be_without_profiling()
    {
        PolicySpec policy = ControllerPolicies.Small() with
        {
            Tunables = new EquatableArray<TunableSpec>([new TunableSpec(TunableParameter.EpisodicCapacity, new EquatableArray<double>([100]))]),
        };
        using var profiled = new TempDirectory();
        using var plain = new TempDirectory();

        SessionResult with = Run(policy, Options(profiled));
        SessionResult without = Run(policy, Options(plain) with { Profiling = false });

        // The trials trained copies: the real run's model, memories and random streams never saw them.
        Assert.Single(ControllerReport.Of(with.Tasks[1])!.Candidates);
        Assert.Null(ControllerReport.Of(without.Tasks[1]));
        Assert.Equal(without.AccuracyMatrix, with.AccuracyMatrix);
        Assert.Equal(without.Tasks.Select(t => t.FinalLoss), with.Tasks.Select(t => t.FinalLoss));
    }

    [Fact]
    public void A_run_killed_while_profiling_and_resumed_ends_as_the_uninterrupted_run()
    {
        using var whole = new TempDirectory();
        SessionResult expected = Run(Grid(), Options(whole));

        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var killer = new CancelAt(cancel, p => p.Kind == SessionProgressKind.Profiling && p.Task == 3 && p.Step == 2);
        using (var run = MiroRun.Create(Grid(), EmbeddedData.Train, EmbeddedData.Test, Options(dir) with { Progress = killer }))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => run.Run(cancel.Token));
            Assert.Equal(2, run.Session.Reports.Count);
        }

        SessionResult resumed;
        using (var run = MiroRun.Resume(Grid(), EmbeddedData.Train, EmbeddedData.Test, Options(dir)))
        {
            Assert.Equal(2, run.Session.Reports.Count);
            resumed = run.Run();
        }

        Assert.Equal(Choices(expected), Choices(resumed));
        Assert.Equal(expected.AccuracyMatrix, resumed.AccuracyMatrix);
    }

    [Fact]
    public void A_run_killed_while_training_after_profiling_keeps_its_choice_on_resume()
    {
        using var whole = new TempDirectory();
        SessionResult expected = Run(Grid(), Options(whole));

        using var dir = new TempDirectory();
        using (var run = MiroRun.Create(Grid(), EmbeddedData.Train, EmbeddedData.Test, Options(dir) with { Hooks = [new CrashAfterEpoch(task: 2, epoch: 0)] }))
        {
            Assert.Throws<SimulatedCrash>(() => run.Run());
        }

        SessionResult resumed;
        using (var run = MiroRun.Resume(Grid(), EmbeddedData.Train, EmbeddedData.Test, Options(dir)))
        {
            resumed = run.Run();
        }

        // Task 3 was not profiled again: its table is the one saved in the checkpoint before the crash.
        Assert.Equal(Choices(expected), Choices(resumed));
        Assert.Equal(expected.AccuracyMatrix, resumed.AccuracyMatrix);
        Assert.Equal(4, ControllerReport.Of(resumed.Tasks[2])!.Candidates.Count);
    }

    [Fact]
    public void A_mid_task_drop_in_available_dram_shrinks_the_memory_at_once_and_profiles_the_next_task_again()
    {
        PolicySpec policy = ControllerPolicies.Small(
            tune: "episodic.capacity in {50, 100}\n stream.capacity in {200, 400}",
            profile: "from task 3  sample 20%  trial 1 epoch  keep top 50%  navigate grid  objective accuracy per joule",
            extra: "when dram.available < 512 MiB { tune episodic.capacity in {50} }");
        using var dir = new TempDirectory();
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File("proc"));
        string meminfo = root.File("proc/meminfo");
        File.WriteAllText(meminfo, "MemTotal: 4000000 kB\nMemAvailable: 2000000 kB\n");
        var drop = new AtStep(task: 1, epoch: 0, step: 3, () => File.WriteAllText(meminfo, "MemTotal: 4000000 kB\nMemAvailable: 200000 kB\n"));

        SessionResult result = Run(policy, Options(dir, root.Path) with { ResourceInterval = TimeSpan.Zero, Hooks = [drop] });

        ControllerReport task2 = ControllerReport.Of(result.Tasks[1])!;
        Assert.False(task2.Profiled);
        ResourceShrink shrink = Assert.Single(task2.Shrinks);
        Assert.Equal((1, 5), (shrink.Epoch, shrink.Step)); // read at the first batch boundary after the drop
        Assert.Equal((100, 50), (shrink.From.EpisodicCapacity, shrink.To.EpisodicCapacity));
        Assert.Equal([0], shrink.ActiveRules);
        Assert.Equal(50, result.Tasks[1].MemoryPerClass.Values.Sum());
        Assert.False(result.Tasks[1].StoppedEarly);
        Assert.Equal(2, result.Tasks[1].Epochs);
        // Task 3 is profiled under the rule: every candidate has EM 50.
        ControllerReport task3 = ControllerReport.Of(result.Tasks[2])!;
        Assert.True(task3.Profiled);
        Assert.All(task3.Candidates, c => Assert.Equal(50, c.Configuration.EpisodicCapacity));
    }

    [Fact]
    public void Profiling_reports_its_progress_candidate_by_candidate()
    {
        using var dir = new TempDirectory();
        var seen = new List<SessionProgress>();
        Run(Grid(), Options(dir) with { Progress = new CancelAt(null, p => { seen.Add(p); return false; }) });

        var profiling = seen.Where(p => p.Kind == SessionProgressKind.Profiling).ToList();
        Assert.Equal(new[] { (2, 1, 4), (2, 2, 4), (2, 3, 4), (2, 4, 4), (3, 1, 4), (3, 2, 4), (3, 3, 4), (3, 4, 4) },
            profiling.Select(p => (p.Task, p.Step, p.Steps)));
    }

    private sealed class CancelAt(CancellationTokenSource? cancel, Func<SessionProgress, bool> when) : IProgress<SessionProgress>
    {
        public void Report(SessionProgress value)
        {
            if (when(value))
            {
                cancel?.Cancel();
            }
        }
    }

    private sealed class SimulatedCrash : Exception;

    /// <summary>Dies after epoch <c>epoch</c> of task <c>task</c> (zero-based), after the checkpointer saved it.</summary>
    private sealed class CrashAfterEpoch(int task, int epoch) : ISessionHook
    {
        public void OnEpochEnd(TaskContext context, int e, EpochSummary summary)
        {
            if (context.Index == task && e == epoch)
            {
                throw new SimulatedCrash();
            }
        }
    }

    /// <summary>Runs an action after step <c>step</c> of epoch <c>epoch</c> of task <c>task</c> (zero-based).</summary>
    private sealed class AtStep(int task, int epoch, int step, Action action) : ISessionHook
    {
        public StepVerdict OnStep(TaskContext context, in StepReport report)
        {
            if (context.Index == task && report.Epoch == epoch && report.Step == step)
            {
                action();
            }

            return StepVerdict.Continue;
        }
    }
}
