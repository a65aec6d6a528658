using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;
using Miro.Runtime.Native;

namespace Miro.Runtime.Session;

// Size (~400 lines): the task loop and the order of its hooks are one piece of logic; the
// reconfiguration API already lives in MiroSession.Reconfiguration.cs. The loop moves out with the
// composition root (MiroRun), not before, so that change is not merged twice.

/// <summary>
/// The embedding API: drives a policy's continual-learning loop over a class-incremental scenario,
/// task by task (DESIGN.md §4.2). Each task runs the phases of <see cref="SessionPhase"/>; hooks
/// (<see cref="ISessionHook"/>) attach energy meters, budgets, the sample store, swapping and
/// checkpoints at their seams. Seeded and deterministic: the same seed and thread count give the
/// same accuracy matrix.
/// </summary>
public sealed partial class MiroSession : IDisposable
{
    private readonly SessionOptions _options;
    private readonly ISessionHook[] _hooks;
    private readonly SessionObserver _observer;
    private readonly Evaluator _evaluator;
    private readonly List<TaskReport> _reports = new();
    private bool _started;
    private long _runStarted;
    private double _secondsBefore;

    /// <summary>Creates a session; the session owns <paramref name="model"/> from now on.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="model">The network (e.g. from <see cref="ModelFactory.Create"/>).</param>
    /// <param name="scenario">The task stream.</param>
    /// <param name="options">Seed, threads, progress, hooks; null for defaults.</param>
    public MiroSession(PolicySpec policy, ContinualModel model, ClassIncrementalScenario scenario, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scenario);
        _options = options ?? new SessionOptions();
        Policy = policy;
        Model = model;
        Scenario = scenario;
        Threads = _options.Threads ?? policy.Train.Threads;
        TorchRuntime.Initialize(Threads);

        int sampleSize = scenario.Shape.Size;
        Stream = new StreamBuffer(policy.Memory.Stream.Capacity, sampleSize);
        Memory = policy.Memory.Episodic.Selection == EpisodicSelection.Reservoir
            ? new ReservoirMemory(policy.Memory.Episodic.Capacity, sampleSize)
            : new EpisodicMemory(policy.Memory.Episodic.Capacity, sampleSize);
        LearnerContext = new LearnerContext(model, Stream, Memory, policy.Train, scenario.Shape, _options.Seed);
        Learner = _options.LearnerFactory?.Invoke(LearnerContext) ?? LearnerContext.CreateLearner();
        Epochs = policy.Train.Epochs;
        SwapRatio = policy.Memory.Swap?.Ratio;
        Accuracy = new AccuracyMatrix(scenario.Tasks.Count);
        _hooks = new List<ISessionHook>(_options.Hooks).ToArray();
        Hooks = _hooks;
        _observer = new SessionObserver(_hooks, _options.Progress, _options.ProgressInterval);
        _evaluator = new Evaluator(scenario.Shape);
    }

    /// <summary>Creates a session for a compiled policy (e.g. a generated policy class).</summary>
    public MiroSession(IMiroPolicy policy, ContinualModel model, ClassIncrementalScenario scenario, SessionOptions? options = null)
        : this((policy ?? throw new ArgumentNullException(nameof(policy))).Spec, model, scenario, options)
    {
    }

    /// <summary>
    /// Builds the scenario and the model the policy describes from a training and a test set, and
    /// a session over them.
    /// </summary>
    public static MiroSession Create(PolicySpec policy, Dataset train, Dataset test, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        options ??= new SessionOptions();
        TorchRuntime.Initialize(options.Threads ?? policy.Train.Threads);
        var scenario = ClassIncrementalScenario.Create(train, test, policy.Data, options.Seed);
        ContinualModel model = ModelFactory.Create(policy.Train.Model, scenario.Shape, options.Seed);
        return new MiroSession(policy, model, scenario, options);
    }

    /// <summary>The policy.</summary>
    public PolicySpec Policy { get; }

    /// <summary>The network.</summary>
    public ContinualModel Model { get; }

    /// <summary>The task stream.</summary>
    public ClassIncrementalScenario Scenario { get; }

    /// <summary>The stream buffer (current task's samples).</summary>
    public StreamBuffer Stream { get; }

    /// <summary>The episodic (replay) memory.</summary>
    public ReplayMemory Memory { get; }

    /// <summary>The learner.</summary>
    public ILearner Learner { get; }

    /// <summary>What the learner works with (its <see cref="LearnerContext.Batch"/> is the batch size in force).</summary>
    public LearnerContext LearnerContext { get; }

    /// <summary>Epochs per task in force (a tunable).</summary>
    public int Epochs { get; private set; }

    /// <summary>The swap ratio in force (a tunable; the storage tier's swap worker uses it); null when the policy does not swap.</summary>
    public double? SwapRatio { get; private set; }

    /// <summary>The run's seed.</summary>
    public int Seed => _options.Seed;

    /// <summary>TorchSharp intra-op threads.</summary>
    public int Threads { get; }

    /// <summary>The accuracy matrix so far.</summary>
    public AccuracyMatrix Accuracy { get; }

    /// <summary>
    /// Seconds the run has been running: this process's time since its first task started plus, for a
    /// resumed run, the time of the processes before it up to their last checkpoint.
    /// </summary>
    public double ElapsedSeconds => _secondsBefore + (_runStarted == 0 ? 0 : Stopwatch.GetElapsedTime(_runStarted).TotalSeconds);

    /// <summary>The reports of the tasks run so far.</summary>
    public IReadOnlyList<TaskReport> Reports => _reports;

    /// <summary>The configuration in force.</summary>
    public TaskConfiguration Configuration => new(Memory.Capacity, Stream.Capacity, Epochs, LearnerContext.Batch, SwapRatio);

    /// <summary>Runs every remaining task and returns the result.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (the current task ends at a batch boundary first).</exception>
    public SessionResult Run(CancellationToken cancellationToken = default)
    {
        for (int t = _reports.Count; t < Scenario.Tasks.Count; t++)
        {
            RunTask(t, cancellationToken);
        }

        SessionResult result = Result(ElapsedSeconds);
        foreach (ISessionHook hook in _hooks)
        {
            hook.OnSessionEnd(result);
        }

        return result;
    }

    /// <summary>Runs task <paramref name="index"/> (tasks run in order; a resumed session starts at the first task not yet run).</summary>
    public TaskReport RunTask(int index, CancellationToken cancellationToken = default)
    {
        if (index != _reports.Count || index >= Scenario.Tasks.Count)
        {
            throw new InvalidOperationException($"Task {index + 1} cannot run now: {_reports.Count} of {Scenario.Tasks.Count} tasks are done.");
        }

        if (!_started)
        {
            _started = true;
            _runStarted = Stopwatch.GetTimestamp();
            foreach (ISessionHook hook in _hooks)
            {
                hook.OnSessionStart(this);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        ScenarioTask task = Scenario.Tasks[index];
        InTaskResume? resume = _inTaskResume?.Task == index ? _inTaskResume : null;
        _inTaskResume = null;
        var context = new TaskContext(this, task, Epochs, cancellationToken) { ResumedInTask = resume is not null };
        int tasks = Scenario.Tasks.Count;
        Report(SessionProgressKind.TaskStarted, index, 0, 0);
        var seconds = new double[Enum.GetValues<SessionPhase>().Length];

        // 1. Receive the task; the store hook writes it to flash.
        Phase(SessionPhase.StoreWrite, context, seconds, () =>
        {
            Stream.Load(Scenario.Train, task.TrainIndices, SeedStreams.Create(Seed, "stream", index));
            foreach (ISessionHook hook in _hooks)
            {
                hook.OnTaskStart(context);
            }
        });

        // 2. Profiling (the controller hook may choose another configuration), then the choice is applied:
        // resizing the memories (growing from the store) is a memory update, not profiling.
        Phase(SessionPhase.Profiling, context, seconds, () =>
        {
            _profiling = true;
            try
            {
                foreach (ISessionHook hook in _hooks)
                {
                    hook.OnProfile(context);
                }
            }
            finally
            {
                _profiling = false;
            }
        });
        if (_pending is not null)
        {
            Phase(SessionPhase.MemoryUpdate, context, seconds, ApplyPendingConfiguration);
        }

        context.Epochs = Epochs;

        // 3. Train.
        int epochsRun = 0;
        int steps = 0;
        long trained = 0;
        double finalLoss = double.NaN;
        bool stoppedEarly = false;
        TaskConfiguration configuration = Configuration;
        Phase(SessionPhase.Training, context, seconds, () =>
        {
            Learner.BeginTask(index, task.Classes);
            if (resume is not null)
            {
                ((IResumableLearner)Learner).RestoreTaskState(resume.LearnerState);
                (epochsRun, steps, trained, finalLoss) = (resume.EpochsDone, resume.Steps, resume.Trained, resume.FinalLoss);
            }

            for (int epoch = epochsRun; epoch < Learner.EpochsFor(context.Epochs); epoch++)
            {
                int epochs = Learner.EpochsFor(context.Epochs);
                foreach (ISessionHook hook in _hooks)
                {
                    hook.OnEpochStart(context, epoch);
                }

                Report(SessionProgressKind.EpochStarted, index, epoch + 1, epochs);
                _observer.BeginEpoch(context, tasks, epoch, epochs);
                EpochSummary summary = Learner.TrainEpoch(epoch, _observer);
                epochsRun++;
                steps += summary.Steps;
                trained += summary.Samples;
                finalLoss = summary.MeanLoss;
                foreach (ISessionHook hook in _hooks)
                {
                    hook.OnEpochEnd(context, epoch, summary);
                }

                _options.Progress?.Report(new SessionProgress(
                    SessionProgressKind.EpochCompleted, index + 1, tasks, epoch + 1, epochs,
                    summary.Steps, summary.Steps, summary.MeanLoss, _observer.RunningAccuracy, double.NaN));
                if (summary.Verdict == StepVerdict.StopTask)
                {
                    stoppedEarly = true;
                    break;
                }
            }

            foreach (ISessionHook hook in _hooks)
            {
                hook.OnTrainingEnd(context);
            }
        });
        cancellationToken.ThrowIfCancellationRequested();

        // 4. Update the episodic memory, evaluate on every seen task, report, checkpoint.
        Phase(SessionPhase.MemoryUpdate, context, seconds, () =>
        {
            Learner.EndTask();
            foreach (ISessionHook hook in _hooks)
            {
                hook.OnMemoryUpdated(context);
            }
        });

        var accuracies = new double[index + 1];
        Phase(SessionPhase.Evaluation, context, seconds, () =>
        {
            for (int j = 0; j <= index; j++)
            {
                accuracies[j] = _evaluator.Accuracy(Learner, Model, Scenario.Test, Scenario.Tasks[j].TestIndices);
            }

            Accuracy.SetRow(index, accuracies);
        });

        TaskReport report = new()
        {
            Task = index + 1,
            Classes = task.OriginalClasses,
            StreamSamples = Stream.Count,
            Epochs = epochsRun,
            Steps = steps,
            TrainedSamples = trained,
            FinalLoss = finalLoss,
            StoppedEarly = stoppedEarly,
            Accuracies = accuracies,
            AverageAccuracy = Accuracy.AverageAccuracy(index),
            MemoryPerClass = MemoryPerClass(),
            Configuration = configuration,
            Seconds = Times(seconds),
        };
        foreach (ISessionHook hook in _hooks)
        {
            report = hook.OnTaskReport(context, report);
        }

        Phase(SessionPhase.Checkpoint, context, seconds, () =>
        {
            foreach (ISessionHook hook in _hooks)
            {
                hook.OnCheckpoint(context, report);
            }
        });

        report = report with { Seconds = Times(seconds) };
        _reports.Add(report);
        _options.Progress?.Report(new SessionProgress(
            SessionProgressKind.TaskCompleted, index + 1, tasks, epochsRun, epochsRun, 0, 0, finalLoss, double.NaN, report.AverageAccuracy));
        return report;
    }

    /// <summary>The session's hooks, in order (the checkpointer saves the state of those that are <see cref="IResumableHook"/>).</summary>
    internal IReadOnlyList<ISessionHook> Hooks { get; }

    /// <summary>The result of the tasks run so far.</summary>
    public SessionResult Result(double seconds)
    {
        int last = Accuracy.CompletedRows - 1;
        return new SessionResult
        {
            Policy = Policy.Name,
            Learner = Learner.Name,
            Seed = Seed,
            Threads = Threads,
            Data = _options.DataDescription,
            ClassOrder = Scenario.ClassOrder,
            AccuracyMatrix = Accuracy.ToRows(),
            AverageAccuracy = last >= 0 ? Accuracy.AverageAccuracy(last) : double.NaN,
            Forgetting = last >= 0 ? Accuracy.Forgetting(last) : double.NaN,
            BackwardTransfer = last >= 0 ? Accuracy.BackwardTransfer(last) : double.NaN,
            Seconds = seconds,
            Tasks = _reports.ToArray(),
            CorruptedSamples = Miro.Runtime.Memory.CorruptSampleReport.FromReports(_reports),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Learner.Dispose();
        _evaluator.Dispose();
        Model.Dispose();
    }

    private void Phase(SessionPhase phase, TaskContext context, double[] seconds, Action body)
    {
        foreach (ISessionHook hook in _hooks)
        {
            hook.OnPhaseStart(phase, context);
        }

        long start = Stopwatch.GetTimestamp();
        body();
        seconds[(int)phase] += Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (ISessionHook hook in _hooks)
        {
            hook.OnPhaseEnd(phase, context);
        }
    }

    /// <summary>Reports progress from a hook (e.g. the controller's "profiling candidate i of n").</summary>
    internal void ReportProgress(in SessionProgress progress) => _options.Progress?.Report(progress);

    /// <summary>A learner of the kind this session trains with, over <paramref name="context"/> (profiling trials use it).</summary>
    internal ILearner CreateLearner(LearnerContext context) => _options.LearnerFactory?.Invoke(context) ?? context.CreateLearner();

    private void Report(SessionProgressKind kind, int task, int epoch, int epochs)
        => _options.Progress?.Report(new SessionProgress(kind, task + 1, Scenario.Tasks.Count, epoch, epochs, 0, 0, double.NaN, double.NaN, double.NaN));

    private SortedDictionary<int, int> MemoryPerClass()
    {
        var counts = new SortedDictionary<int, int>();
        for (int slot = 0; slot < Memory.Count; slot++)
        {
            int label = Memory.Label(slot);
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        return counts;
    }

    private static PhaseTimes Times(double[] s) => new(
        s[(int)SessionPhase.StoreWrite], s[(int)SessionPhase.Profiling], s[(int)SessionPhase.Training],
        s[(int)SessionPhase.MemoryUpdate], s[(int)SessionPhase.Evaluation], s[(int)SessionPhase.Checkpoint]);
}
