using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;
using Miro.Runtime.Session;
using static TorchSharp.torch;

namespace Miro.Runtime.Controller;

/// <summary>
/// Runs profiling trials for one task (DESIGN.md §5) on copies, so the real run is untouched: each
/// trial builds a model from the start state (the task's model, or the warm-started one), a copy of
/// the episodic memory resized to the candidate's capacity × <c>sample</c> (growing from the store),
/// a stream buffer of the candidate's capacity × <c>sample</c>, and a learner of the session's kind
/// with the candidate's batch; trains <c>trial</c> epochs while a swap worker of its own swaps at
/// the candidate's ratio; and measures validation accuracy and the meter's joules. Every random
/// choice of a trial comes from streams named <c>trial*</c> (<see cref="SeedStreams"/>), the same for
/// every candidate of the task (so candidates are compared on the same shuffles), and libtorch's
/// global generator is restored after each model is built.
/// </summary>
internal sealed class TrialRunner : IDisposable
{
    private readonly MiroSession _session;
    private readonly ProfileSpec _profile;
    private readonly StorageTier? _tier;
    private readonly IEnergyMeter _meter;
    private readonly TaskContext _task;
    private readonly EvaluationSet _validation;
    private readonly Dictionary<int, StreamBuffer> _streams = new();
    private ContinualModel? _model;
    private ModelState _start;
    private ReplayMemory _startMemory;

    /// <summary>A runner for <paramref name="task"/>'s trials, validated on <paramref name="validation"/>: the validation samples of tasks 1..current (<see cref="ValidationIndices"/>), which the caller owns.</summary>
    public TrialRunner(TaskContext task, ProfileSpec profile, StorageTier? tier, IEnergyMeter meter, EvaluationSet validation)
    {
        _task = task;
        _session = task.Session;
        _profile = profile;
        _tier = tier;
        _meter = meter;
        _validation = validation;
        _start = ModelState.Of(_session.Model);
        // Read in place by every trial (RestoreResized copies what it keeps); nothing writes it while profiling.
        _startMemory = _session.Memory;
    }

    /// <summary>
    /// The warm start: trains a copy of the model for <c>warmup</c> epochs on the current episodic
    /// memory and a <c>sample</c> share of the stream, with swapping at the policy's ratio; every trial
    /// then starts from that model and memory.
    /// </summary>
    public void WarmUp()
    {
        if (_profile.WarmupEpochs <= 0)
        {
            return;
        }

        Candidate current = Candidate.Of(_session.Configuration);
        int em = _session.Memory.Capacity;
        ContinualModel model = StartModel();
        ReplayMemory memory = CopyMemory(em, out _);
        var stream = new StreamBuffer(Scaled(current.StreamCapacity), _session.Stream.SampleSize);
        stream.Load(_session.Scenario.Train, _task.Task.TrainIndices, SeedStreams.Create(_session.Seed, "trial-warmup-stream", _task.Index));
        Train(model, memory, stream, current, _profile.WarmupEpochs, "trial-warmup", out _, out _);
        ModelState warm = ModelState.Of(model);
        _start.Dispose();
        _start = warm;
        _startMemory = memory; // the warm-up's own copy, trained no further
    }

    /// <summary>Runs the trial of <paramref name="candidate"/>.</summary>
    public TrialResult Run(Candidate candidate)
    {
        long start = Stopwatch.GetTimestamp();
        EnergySnapshot before = _meter.Snapshot();
        ContinualModel model = StartModel();
        ReplayMemory memory = CopyMemory(candidate.EpisodicCapacity == 0 ? 0 : Scaled(candidate.EpisodicCapacity), out long growthBytes);
        StreamBuffer stream = Stream(Scaled(candidate.StreamCapacity));
        // Only the training epochs scale to the task: copying, building the learner and validating are a
        // fixed cost per trial (its overhead), which a per-row rate must not include.
        double trainStart = _meter.Snapshot().TotalJoules;
        int epochs = Train(model, memory, stream, candidate, _profile.TrialEpochs, "trial", out long rows, out long swapBytes, out ILearner learner);
        double trainJoules = _meter.Snapshot().TotalJoules - trainStart;
        double accuracy;
        using (learner)
        {
            accuracy = _validation.Accuracy(learner, model);
        }

        EnergySnapshot after = _meter.Snapshot();
        return new TrialResult(candidate, accuracy, after.TotalJoules - before.TotalJoules, trainJoules, Stopwatch.GetElapsedTime(start).TotalSeconds,
            epochs, stream.Count, memory.Count, rows, swapBytes, growthBytes);
    }

    private int Train(ContinualModel model, ReplayMemory memory, StreamBuffer stream, Candidate candidate, int epochs, string purpose,
        out long rows, out long swapBytes)
    {
        int done = Train(model, memory, stream, candidate, epochs, purpose, out rows, out swapBytes, out ILearner learner);
        learner.Dispose();
        return done;
    }

    private int Train(ContinualModel model, ReplayMemory memory, StreamBuffer stream, Candidate candidate, int epochs, string purpose,
        out long rows, out long swapBytes, out ILearner learner)
    {
        // A seed of its own: the learner derives its shuffles and replay draws from it, apart from the real task's.
        var context = new LearnerContext(model, stream, memory, _session.Policy.Train, _session.Scenario.Shape, SeedStreams.Derive(_session.Seed, purpose, _task.Index))
        {
            Batch = candidate.Batch,
        };
        learner = _session.CreateLearner(context);
        learner.BeginTask(_task.Index, _task.Task.Classes);
        SwapWorker? worker = null;
        if (_tier?.Swap is { } swap && candidate.SwapRatio is { } ratio && _task.Index + 1 >= SwapSchedule.FirstTask)
        {
            // Synchronous: a trial swaps a few dozen samples, fewer than the asynchronous worker would
            // prefetch per label before its first swap; reading just those on this thread is cheaper,
            // and the bytes read are exactly the swaps' (what the extrapolation scales).
            worker = SwapWorker.Synchronous(_tier.Store, memory, swap with { Ratio = ratio }, SeedStreams.Create(_session.Seed, purpose + "-swap", _task.Index));
        }

        rows = 0;
        var observer = new TrialObserver(worker, _task.Index + 1, _tier?.WantsReplayPredictions == true, _task.CancellationToken);
        int run = learner.EpochsFor(epochs);
        try
        {
            for (int epoch = 0; epoch < run; epoch++)
            {
                EpochSummary summary = learner.TrainEpoch(epoch, observer);
                rows += summary.Samples;
                worker?.Drain();
            }
        }
        finally
        {
            worker?.Dispose();
        }

        swapBytes = worker?.Metrics.BytesRead ?? 0;
        return run;
    }

    /// <summary>
    /// The trials' model with the start state's weights, buffers and head generator: one model for all
    /// of a task's trials, built once and set back to the start state before each (cheaper than a new
    /// module per trial, whose weights would be drawn and then overwritten). Gradients are cleared,
    /// so each trial's learner and optimizer see what they would see on a new copy.
    /// </summary>
    private ContinualModel StartModel()
    {
        if (_model is null)
        {
            // Building a module draws initial weights from libtorch's global generator (ModelFactory seeds
            // it): put the generator back as it was, so the real task's randomness does not see profiling.
            using Tensor global = random.get_rng_state();
            _model = ModelFactory.Create(_session.Policy.Train.Model, _session.Scenario.Shape, _session.Seed);
            random.set_rng_state(global);
        }

        _start.LoadInto(_model);
        return _model;
    }

    /// <summary>
    /// The trials' stream buffer of <paramref name="capacity"/>: the task's samples chosen with the
    /// <c>trial-stream</c> random stream, the same for every candidate of that capacity, so it is
    /// filled once per capacity (training only reads it).
    /// </summary>
    private StreamBuffer Stream(int capacity)
    {
        if (!_streams.TryGetValue(capacity, out StreamBuffer? stream))
        {
            stream = new StreamBuffer(capacity, _session.Stream.SampleSize);
            stream.Load(_session.Scenario.Train, _task.Task.TrainIndices, SeedStreams.Create(_session.Seed, "trial-stream", _task.Index));
            _streams.Add(capacity, stream);
        }

        return stream;
    }

    /// <summary>A copy of the start memory resized to <paramref name="capacity"/> (growing from the store).</summary>
    private ReplayMemory CopyMemory(int capacity, out long growthBytes)
    {
        ReplayMemory memory = _session.Memory is ReservoirMemory
            ? new ReservoirMemory(0, _session.Memory.SampleSize)
            : new EpisodicMemory(0, _session.Memory.SampleSize);
        long read = _tier?.Store.BytesRead ?? 0;
        memory.RestoreResized(_startMemory, capacity, _tier?.Store, SeedStreams.Create(_session.Seed, "trial-memory", _task.Index));

        growthBytes = (_tier?.Store.BytesRead ?? 0) - read;
        return memory;
    }

    private int Scaled(int capacity) => Math.Max(1, (int)Math.Round(capacity * _profile.SampleFraction));

    /// <summary>
    /// The validation samples task <paramref name="task"/> contributes to the trials of it and of every
    /// later task: the <c>sample</c> share of its held-out split, but at least
    /// <see cref="MinValidationPerTask"/> (or all it has): evaluating every held-out sample would cost
    /// more than the trials' training on a full dataset. The split lists its samples class by class,
    /// so the subset takes them at an even stride (each class keeps its share).
    /// </summary>
    internal static int[] ValidationIndices(MiroSession session, int task, double sample)
    {
        IReadOnlyList<int> split = session.Scenario.Tasks[task].ValidationIndices;
        var indices = new int[ValidationTake(split.Count, sample)];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = split[(int)((long)i * split.Count / indices.Length)];
        }

        return indices;
    }

    /// <summary>The validation samples of all of the scenario's tasks together (<see cref="ValidationIndices"/>).</summary>
    internal static int ValidationRows(MiroSession session, double sample)
    {
        int rows = 0;
        foreach (var task in session.Scenario.Tasks)
        {
            rows += ValidationTake(task.ValidationIndices.Count, sample);
        }

        return rows;
    }

    private static int ValidationTake(int split, double sample) => Math.Min(split, Math.Max(MinValidationPerTask, (int)Math.Ceiling(sample * split)));

    /// <summary>The fewest validation samples per seen task a trial is evaluated on (when the split has them): ±5% accuracy resolution.</summary>
    internal const int MinValidationPerTask = 100;

    public void Dispose()
    {
        _start.Dispose();
        _model?.Dispose();
    }

    /// <summary>Hands each trial step's replay slots to the trial's swap worker (as the storage tier does for the real task).</summary>
    private sealed class TrialObserver : ITrainingObserver
    {
        private readonly SwapWorker? _worker;
        private readonly int _task;
        private readonly bool _predictions;
        private readonly System.Threading.CancellationToken _cancel;

        public TrialObserver(SwapWorker? worker, int task, bool predictions, System.Threading.CancellationToken cancel)
        {
            _worker = worker;
            _task = task;
            _predictions = predictions && worker is not null;
            _cancel = cancel;
        }

        public bool AccuracyDue => false;

        public bool ReplayPredictionsDue => _predictions;

        public StepVerdict OnStep(in StepReport report)
        {
            _cancel.ThrowIfCancellationRequested();
            if (_worker is not null)
            {
                _worker.Submit(_task, report.Epoch + 1, report.ReplaySlots, report.ReplayEntropy, report.ReplayCorrect);
                _worker.Publish();
            }

            return StepVerdict.Continue;
        }
    }
}
