using System;
using System.Collections.Generic;
using Miro.Dsl.Model;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Runs;
using Miro.Runtime.Session;

namespace Miro.Runtime.ResumeChild;

/// <summary>The run both the child process and the in-process resume tests perform.</summary>
public static class ResumeScenario
{
    /// <summary>The run's seed.</summary>
    public const int Seed = 5;

    private static readonly Lazy<(Dataset Train, Dataset Test)> Data = new(() => DataSource.EmbeddedFashionMnist().Load());

    /// <summary>
    /// ER with a 60-slot EM, the storage tier and 50% random swapping, 4 tasks x 2 classes, 2 epochs, SGD with
    /// momentum (optimiser state to checkpoint); with <see cref="LearnerKind.OnlineEr"/>, online ER (one pass,
    /// balanced replay) over a reservoir memory updated after every step.
    /// </summary>
    public static PolicySpec Policy(ReplayMix replay = ReplayMix.Balanced, LearnerKind learner = LearnerKind.Er) => new(
        Name: "Resume",
        Namespace: null,
        Device: new DeviceSpec(4L << 30, null, new PowerSpec(2, 6), MeterKind.Model, null),
        Data: new DataSpec("fashion_mnist", 4, 2, 784 * 4, 0, null),
        Memory: new MemorySpec(new StreamSpec(100_000), new EpisodicSpec(60, learner == LearnerKind.OnlineEr ? EpisodicSelection.Reservoir : EpisodicSelection.Balanced),
            new StorageTierSpec(null, "store"), new SwapSpec(0.5, 1, SwapPolicy.Random)),
        Train: new TrainSpec(new ModelSpec(ModelKind.Mlp, new EquatableArray<int>([100, 100])), learner, 2, 10, 1, learner == LearnerKind.OnlineEr ? ReplayMix.Balanced : replay,
            LossKind.CrossEntropy, new OptimizerSpec(OptimizerKind.Sgd, 0.01, 0.9, 0)),
        Budgets: EquatableArray<BudgetSpec>.Empty,
        Tunables: EquatableArray<TunableSpec>.Empty,
        Profile: null,
        Rules: EquatableArray<WhenRuleSpec>.Empty);

    /// <summary>
    /// Runs the policy in <paramref name="runDirectory"/> with a checkpoint after every
    /// <paramref name="checkpointEveryEpochs"/> epochs, every <paramref name="checkpointEverySteps"/> steps (0: none)
    /// (or at the first step <paramref name="checkpointInterval"/> after the last checkpoint on <paramref name="checkpointClock"/>)
    /// and every task, resuming from its checkpoint when
    /// there is one; stops after <paramref name="tasks"/> tasks when given. <paramref name="onTaskDone"/>
    /// sees each completed task; <paramref name="extraHook"/> runs after the checkpointer.
    /// </summary>
    public static SessionResult Run(string runDirectory, PolicySpec policy, int? tasks = null, Action<TaskReport>? onTaskDone = null,
        int checkpointEveryEpochs = 1, ISessionHook? extraHook = null, int checkpointEverySteps = 0,
        TimeSpan checkpointInterval = default, TimeProvider? checkpointClock = null, Energy.IIoCounters? storeIo = null)
    {
        using var run = System.IO.File.Exists(System.IO.Path.Combine(runDirectory, Checkpointer.FileName))
            ? MiroRun.Resume(policy, Data.Value.Train, Data.Value.Test, Options(runDirectory, checkpointEveryEpochs, checkpointEverySteps, extraHook, checkpointInterval, checkpointClock, storeIo))
            : MiroRun.Create(policy, Data.Value.Train, Data.Value.Test, Options(runDirectory, checkpointEveryEpochs, checkpointEverySteps, extraHook, checkpointInterval, checkpointClock, storeIo));
        MiroSession session = run.Session;
        int last = Math.Min(tasks ?? int.MaxValue, session.Scenario.Tasks.Count);
        for (int t = session.Reports.Count; t < last; t++)
        {
            TaskReport report = session.RunTask(t);
            onTaskDone?.Invoke(report);
        }
        return session.Result(0);
    }

    private static MiroRunOptions Options(string directory, int everyEpochs, int everySteps, ISessionHook? extraHook,
        TimeSpan interval, TimeProvider? clock, Energy.IIoCounters? storeIo) => new()
    {
        Directory = directory,
        Seed = Seed,
        Threads = 1,
        CheckpointEveryEpochs = everyEpochs,
        CheckpointEverySteps = everySteps,
        CheckpointInterval = interval,
        CheckpointClock = clock,
        IoCounters = storeIo,
        // A model meter over an empty tree: no sensor is read, energy does not change what the run computes.
        SystemRoot = System.IO.Path.GetTempPath(),
        Hooks = extraHook is null ? [] : [extraHook],
    };
}
