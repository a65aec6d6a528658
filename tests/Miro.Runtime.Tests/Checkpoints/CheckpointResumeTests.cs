using System;
using System.IO;
using Miro.Dsl.Model;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Memory;
using Miro.Runtime.ResumeChild;
using Miro.Runtime.Session;
using Miro.Runtime.Tests.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Checkpoints;

public sealed class CheckpointResumeTests
{
    [Theory]
    [InlineData(ReplayMix.Concat)]
    [InlineData(ReplayMix.Balanced)]
    public void A_run_stopped_after_a_checkpoint_resumes_to_the_uninterrupted_accuracy_matrix(ReplayMix replay)
    {
        var policy = ResumeScenario.Policy(replay);
        using var straight = new TempDirectory();
        using var interrupted = new TempDirectory();
        var expected = ResumeScenario.Run(straight.Path, policy);
        Assert.Equal(4, expected.Tasks.Count);

        ResumeScenario.Run(interrupted.Path, policy, tasks: 2); // the process "dies" after task 2's checkpoint
        var resumed = ResumeScenario.Run(interrupted.Path, policy);

        Assert.Equal(expected.AccuracyMatrix, resumed.AccuracyMatrix);
    }

    [Theory]
    [InlineData(ReplayMix.Concat)]
    [InlineData(ReplayMix.Balanced)]
    public void A_run_that_dies_between_two_epochs_of_a_task_resumes_inside_it_to_the_uninterrupted_result(ReplayMix replay)
    {
        var policy = ResumeScenario.Policy(replay);
        using var straight = new TempDirectory();
        using var interrupted = new TempDirectory();
        var expected = ResumeScenario.Run(straight.Path, policy);

        Assert.Throws<SimulatedCrash>(() => ResumeScenario.Run(interrupted.Path, policy, extraHook: new CrashAfterEpoch(task: 2, epoch: 0)));
        var identity = Checkpointer.Inspect(interrupted.Path);
        Assert.Equal((2, 1), (identity.CompletedTasks, identity.EpochsDoneInTask));
        var resumed = ResumeScenario.Run(interrupted.Path, policy);

        Assert.Equal(expected.AccuracyMatrix, resumed.AccuracyMatrix);
        Assert.Equal(expected.Tasks[2].Steps, resumed.Tasks[2].Steps);
    }

    [Theory]
    [InlineData(LearnerKind.Er, ReplayMix.Concat)]
    [InlineData(LearnerKind.Er, ReplayMix.Balanced)]
    [InlineData(LearnerKind.OnlineEr, ReplayMix.Balanced)]
    public void A_run_that_dies_inside_an_epoch_resumes_at_its_last_step_checkpoint_to_the_uninterrupted_result(LearnerKind learner, ReplayMix replay)
    {
        var policy = ResumeScenario.Policy(replay, learner);
        using var straight = new TempDirectory();
        using var interrupted = new TempDirectory();
        // The reference run takes no step checkpoints: checkpointing must not change what a run computes.
        var expected = ResumeScenario.Run(straight.Path, policy);

        // Step checkpoints after every 16 steps of task 3's first epoch (steps 16, 32, 48); it dies after step 51,
        // with two swap requests in flight (finished, not yet published) and the swap generator mid-stream.
        Assert.Throws<SimulatedCrash>(() => ResumeScenario.Run(interrupted.Path, policy,
            extraHook: new CrashAfterStep(task: 2, epoch: 0, step: 50), checkpointEverySteps: 16));
        var identity = Checkpointer.Inspect(interrupted.Path);
        Assert.Equal((2, 0, 48), (identity.CompletedTasks, identity.EpochsDoneInTask, identity.StepsDoneInEpoch));
        var resumed = ResumeScenario.Run(interrupted.Path, policy, checkpointEverySteps: 16);

        Assert.Equal(expected.AccuracyMatrix, resumed.AccuracyMatrix);
        Assert.Equal(expected.Tasks[2].Steps, resumed.Tasks[2].Steps);
        Assert.Equal(expected.Tasks[2].TrainedSamples, resumed.Tasks[2].TrainedSamples);
        Assert.Equal(expected.Tasks[2].FinalLoss, resumed.Tasks[2].FinalLoss);
    }

    [Theory]
    [InlineData(ReplayMix.Concat, 31)]
    [InlineData(ReplayMix.Balanced, 32)]
    public void Time_based_checkpoints_at_irregular_steps_resume_to_the_uninterrupted_result(ReplayMix replay, int seed)
    {
        var policy = ResumeScenario.Policy(replay);
        using var straight = new TempDirectory();
        using var interrupted = new TempDirectory();
        var expected = ResumeScenario.Run(straight.Path, policy, checkpointEveryEpochs: 0);

        // A clock that advances 0-3 ms per reading, with a 40 ms interval: checkpoints land at irregular steps.
        var interval = TimeSpan.FromMilliseconds(40);
        Assert.Throws<SimulatedCrash>(() => ResumeScenario.Run(interrupted.Path, policy, checkpointEveryEpochs: 0,
            extraHook: new CrashAfterStep(task: 2, epoch: 1, step: 50), checkpointInterval: interval, checkpointClock: new SteppingClock(seed)));
        var identity = Checkpointer.Inspect(interrupted.Path);
        Assert.Equal(2, identity.CompletedTasks);
        // The last checkpoint is a time-based one inside task 3's second epoch (there are no epoch or step-count checkpoints).
        Assert.Equal(1, identity.EpochsDoneInTask);
        Assert.InRange(identity.StepsDoneInEpoch, 1, 51);
        var resumed = ResumeScenario.Run(interrupted.Path, policy, checkpointEveryEpochs: 0, checkpointInterval: interval, checkpointClock: new SteppingClock(seed + 100));

        Assert.Equal(expected.AccuracyMatrix, resumed.AccuracyMatrix);
        Assert.Equal(expected.Tasks[2].FinalLoss, resumed.Tasks[2].FinalLoss);
    }

    /// <summary>A deterministic clock: every reading advances it by a seeded 0-3 ms.</summary>
    private sealed class SteppingClock(int seed) : TimeProvider
    {
        private readonly Random _random = new(seed);
        private long _now;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => _now += _random.Next(0, 4);
    }

    [Fact]
    public void A_resumed_run_reports_the_seconds_of_every_process_in_its_result()
    {
        var policy = ResumeScenario.Policy();
        using var dir = new TempDirectory();
        var options = new Miro.Runtime.Runs.MiroRunOptions { Directory = dir.Path, Seed = ResumeScenario.Seed, Threads = 1, SystemRoot = Path.GetTempPath() };
        double firstProcess;
        using (var first = Miro.Runtime.Runs.MiroRun.Create(policy, EmbeddedData.Train, EmbeddedData.Test, options))
        {
            first.Session.RunTask(0);
            first.Session.RunTask(1);
            firstProcess = first.Session.ElapsedSeconds;
        }

        using var resumed = Miro.Runtime.Runs.MiroRun.Resume(policy, EmbeddedData.Train, EmbeddedData.Test, options);
        // Restored up to the task-2 checkpoint: more than tasks 1 and 2 took, at most what the first process ran.
        double restored = resumed.Session.ElapsedSeconds;
        Assert.InRange(restored, resumed.Session.Reports[0].Seconds.Total + resumed.Session.Reports[1].Seconds.Total, firstProcess);
        var result = resumed.Run();
        double tasks = 0;
        foreach (var task in result.Tasks)
        {
            tasks += task.Seconds.Total;
        }

        Assert.True(result.Seconds >= tasks, $"the run's {result.Seconds:F3} s must cover its tasks' {tasks:F3} s");
    }

    private sealed class SimulatedCrash : Exception;

    /// <summary>Dies right after step <c>step</c> of epoch <c>epoch</c> of task <c>task</c> (all zero-based), after the checkpointer saw it.</summary>
    private sealed class CrashAfterStep(int task, int epoch, int step) : ISessionHook
    {
        public Miro.Runtime.Learning.StepVerdict OnStep(TaskContext context, in Miro.Runtime.Learning.StepReport report)
        {
            if (context.Index == task && report.Epoch == epoch && report.Step == step)
            {
                throw new SimulatedCrash();
            }

            return Miro.Runtime.Learning.StepVerdict.Continue;
        }
    }

    /// <summary>Dies right after the checkpoint of epoch <c>epoch</c> (zero-based) of task <c>task</c> (zero-based).</summary>
    private sealed class CrashAfterEpoch(int task, int epoch) : ISessionHook
    {
        public void OnEpochEnd(TaskContext context, int e, Miro.Runtime.Learning.EpochSummary summary)
        {
            if (context.Index == task && e == epoch)
            {
                throw new SimulatedCrash();
            }
        }
    }

    [Fact]
    public void Resuming_with_another_seed_is_refused_with_the_reason()
    {
        var policy = ResumeScenario.Policy();
        using var dir = new TempDirectory();
        ResumeScenario.Run(dir.Path, policy, tasks: 1);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = ResumeScenario.Seed + 1, Threads = 1 });
        var error = Assert.Throws<CheckpointException>(() => new Checkpointer(dir.Path).Resume(session));
        // The fingerprint names the setting that differs, with both values.
        Assert.Contains("setting(s) differ from the run that wrote it", error.Message);
        Assert.Contains($"run.seed: {ResumeScenario.Seed} in the checkpoint, {ResumeScenario.Seed + 1} now", error.Message);
    }

    [Fact]
    public void A_damaged_checkpoint_is_reported_not_loaded()
    {
        var policy = ResumeScenario.Policy();
        using var dir = new TempDirectory();
        ResumeScenario.Run(dir.Path, policy, tasks: 1);
        string path = Path.Combine(dir.Path, Checkpointer.FileName);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = ResumeScenario.Seed, Threads = 1 });
        var error = Assert.Throws<CheckpointException>(() => new Checkpointer(dir.Path).Resume(session));
        Assert.Contains("damaged", error.Message);
        Assert.Empty(session.Reports);
    }

    [Fact]
    public void A_store_older_than_the_checkpoint_is_refused_on_resume()
    {
        var policy = ResumeScenario.Policy();
        using var dir = new TempDirectory();
        ResumeScenario.Run(dir.Path, policy, tasks: 2);
        Directory.Delete(Path.Combine(dir.Path, "store"), recursive: true);
        var error = Assert.Throws<CheckpointException>(() => ResumeScenario.Run(dir.Path, policy));
        Assert.Contains(Path.Combine(dir.Path, "store"), error.Message);
        Assert.Contains("behind the checkpoint", error.Message);
    }
}
