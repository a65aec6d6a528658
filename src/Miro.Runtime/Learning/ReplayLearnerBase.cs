using System;
using System.Collections.Generic;
using Miro.Runtime.Memory;
using static TorchSharp.torch;

namespace Miro.Runtime.Learning;

// Size (~350 lines): the epoch loop, replay draws and the optimisation step share the batch
// buffers and must change together (allocation-free hot loop); the resumable state is in
// ReplayLearnerBase.State.cs.

/// <summary>
/// What the experience-replay learners share: head growth and a fresh optimiser per task (as in
/// the reference code), preallocated batch buffers and index arrays, and the optimisation step in
/// its own dispose scope.
/// </summary>
public abstract partial class ReplayLearnerBase : ILearner
{
    private readonly BatchAssembler _batch;
    private optim.Optimizer? _optimizer;
    private int[] _order = Array.Empty<int>();
    private int[] _slotPool = Array.Empty<int>();
    private int _poolCount;
    private int[] _replaySlots = Array.Empty<int>();
    private int[] _replayRows = Array.Empty<int>();
    private float[] _replayEntropy = Array.Empty<float>();
    private bool[] _replayCorrect = Array.Empty<bool>();
    private EpochProgress _progress;
    private EpochProgress? _resume;

    /// <summary>Creates the learner over <paramref name="context"/>.</summary>
    protected ReplayLearnerBase(LearnerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        _batch = new BatchAssembler(context.Shape, 2 * context.Batch);
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The model, memories and settings.</summary>
    protected LearnerContext Context { get; }

    /// <summary>Shuffles and replay draws of the current task.</summary>
    protected Random TaskRandom { get; private set; } = new(0);

    /// <summary>Memory updates of the current task.</summary>
    protected Random MemoryRandom { get; private set; } = new(0);

    /// <summary>The current task.</summary>
    protected int Task { get; private set; }

    /// <inheritdoc />
    public abstract int EpochsFor(int configured);

    /// <inheritdoc />
    public virtual void BeginTask(int task, IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        Task = task;
        TaskRandom = SeedStreams.Create(Context.Seed, "learner", task);
        MemoryRandom = SeedStreams.Create(Context.Seed, "memory", task);
        // The replay-draw pool restarts as the identity each task, so all of a task's randomness
        // derives from (seed, task) and a run resumed at a task boundary draws like the original.
        _poolCount = 0;
        _progress = default;
        _resume = null;
        int needed = Context.Model.ClassCount;
        foreach (int c in classes)
        {
            needed = Math.Max(needed, c + 1);
        }

        Context.Model.GrowHead(needed);
        _optimizer?.Dispose();
        _optimizer = OptimizerFactory.Create(Context.Train.Optimizer, Context.Model.parameters());
        Context.Model.train();
    }

    /// <inheritdoc />
    public abstract EpochSummary TrainEpoch(int epoch, ITrainingObserver observer);

    /// <inheritdoc />
    public abstract void EndTask();

    /// <inheritdoc />
    public virtual Tensor Predict(Tensor inputs) => Context.Model.forward(inputs);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the optimiser and the batch buffers.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _optimizer?.Dispose();
            _batch.Dispose();
        }
    }

    /// <summary>A seeded permutation of 0..n-1 in a reused array (valid until the next call).</summary>
    protected ReadOnlySpan<int> Shuffled(int n)
    {
        if (_order.Length < n)
        {
            _order = new int[n];
        }

        Span<int> order = _order.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        TaskRandom.Shuffle(order);
        return order;
    }

    /// <summary>
    /// Trains one epoch over the stream buffer in shuffled batches of <c>Batch</c>, each with a replay
    /// minibatch of up to <c>ReplayBatch</c> (= <c>Batch</c> unless a degrade budget lowered
    /// <see cref="LearnerContext.ReplayShare"/>) memory slots drawn without replacement (ReplayMix.Balanced,
    /// online ER). When <paramref name="observeStream"/> is set, the batch's stream samples are then
    /// offered to the memory (reservoir update after the step, as in the DER protocol).
    /// </summary>
    protected EpochSummary TrainBalancedEpoch(int epoch, ITrainingObserver observer, bool observeStream)
    {
        ArgumentNullException.ThrowIfNull(observer);
        StreamBuffer stream = Context.Stream;
        ReplayMemory memory = Context.Memory;
        int b = Context.Batch;
        PrepareBuffers(2 * b, b);
        ReadOnlySpan<int> order = StartEpoch(epoch, stream.Count, out int step, out double lossSum, out long samples);
        int steps = (stream.Count + b - 1) / b;
        StepVerdict verdict = StepVerdict.Continue;
        for (; step < steps && verdict == StepVerdict.Continue; step++)
        {
            _batch.Clear();
            int start = step * b;
            int end = Math.Min(start + b, stream.Count);
            for (int k = start; k < end; k++)
            {
                _batch.AddStream(stream, order[k]);
            }

            int replay = DrawReplay(memory, Math.Min(b, Context.ReplayBatch));
            bool predictions = observer.ReplayPredictionsDue && replay > 0;
            (float loss, int correct) = Step(observer.AccuracyDue, predictions ? replay : 0);
            if (observeStream)
            {
                for (int k = start; k < end; k++)
                {
                    int i = order[k];
                    memory.Observe(stream.Features(i), stream.Label(i), stream.SampleId(i), MemoryRandom);
                }
            }

            lossSum += loss;
            samples += _batch.Rows;
            _progress = new EpochProgress(true, epoch, step + 1, lossSum, samples, stream.Count);
            verdict = observer.OnStep(Report(epoch, step, steps, end - start, loss, correct, replay, predictions));
        }

        _progress = default;
        return new EpochSummary(step, samples, step == 0 ? 0 : lossSum / step, verdict);
    }

    /// <summary>
    /// Trains one epoch over the shuffled concatenation [EM | SB] in batches of <c>Batch</c>
    /// (ReplayMix.Concat, the reference ER).
    /// </summary>
    protected EpochSummary TrainConcatEpoch(int epoch, ITrainingObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        StreamBuffer stream = Context.Stream;
        ReplayMemory memory = Context.Memory;
        int b = Context.Batch;
        PrepareBuffers(b, b);
        int em = memory.Count;
        int n = em + stream.Count;
        ReadOnlySpan<int> order = StartEpoch(epoch, n, out int step, out double lossSum, out long samples);
        int steps = (n + b - 1) / b;
        StepVerdict verdict = StepVerdict.Continue;
        for (; step < steps && verdict == StepVerdict.Continue; step++)
        {
            _batch.Clear();
            int start = step * b;
            int end = Math.Min(start + b, n);
            int replay = 0;
            for (int k = start; k < end; k++)
            {
                int i = order[k];
                if (i < em)
                {
                    _replayRows[replay] = _batch.Rows;
                    _batch.AddMemory(memory, i);
                    _replaySlots[replay++] = i;
                }
                else
                {
                    _batch.AddStream(stream, i - em);
                }
            }

            bool predictions = observer.ReplayPredictionsDue && replay > 0;
            (float loss, int correct) = Step(observer.AccuracyDue, predictions ? replay : 0);
            lossSum += loss;
            samples += _batch.Rows;
            _progress = new EpochProgress(true, epoch, step + 1, lossSum, samples, n);
            verdict = observer.OnStep(Report(epoch, step, steps, end - start - replay, loss, correct, replay, predictions));
        }

        _progress = default;
        return new EpochSummary(step, samples, step == 0 ? 0 : lossSum / step, verdict);
    }

    /// <summary>
    /// The epoch's order and where to start: a fresh shuffle from step 0, or, for the epoch a
    /// checkpoint interrupted, the saved permutation, next step and running loss and sample count.
    /// </summary>
    private ReadOnlySpan<int> StartEpoch(int epoch, int n, out int step, out double lossSum, out long samples)
    {
        if (_resume is { } resume)
        {
            _resume = null;
            if (resume.Epoch != epoch || resume.Count != n)
            {
                throw new InvalidOperationException(
                    $"The checkpoint stopped in epoch {resume.Epoch + 1} over {resume.Count} samples, but the resumed run starts epoch {epoch + 1} over {n}.");
            }

            (step, lossSum, samples) = (resume.NextStep, resume.LossSum, resume.Samples);
            return _order.AsSpan(0, n);
        }

        (step, lossSum, samples) = (0, 0, 0);
        return Shuffled(n);
    }

    private void PrepareBuffers(int rows, int replayRows)
    {
        _batch.EnsureCapacity(rows);
        if (_replaySlots.Length < replayRows)
        {
            _replaySlots = new int[replayRows];
            _replayRows = new int[replayRows];
            _replayEntropy = new float[replayRows];
            _replayCorrect = new bool[replayRows];
        }
    }

    private StepReport Report(int epoch, int step, int steps, int streamSamples, float loss, int correct, int replay, bool predictions)
        => predictions
            ? new StepReport(epoch, step, steps, streamSamples, loss, correct, _replaySlots.AsSpan(0, replay),
                _replayEntropy.AsSpan(0, replay), _replayCorrect.AsSpan(0, replay))
            : new StepReport(epoch, step, steps, streamSamples, loss, correct, _replaySlots.AsSpan(0, replay));

    /// <summary>Adds up to <paramref name="count"/> distinct random memory slots to the batch (partial Fisher–Yates over a reused pool).</summary>
    private int DrawReplay(ReplayMemory memory, int count)
    {
        int em = memory.Count;
        if (em != _poolCount)
        {
            RefreshSlotPool(memory, em);
        }

        int r = Math.Min(count, em);
        for (int i = 0; i < r; i++)
        {
            int j = TaskRandom.Next(i, em);
            (_slotPool[i], _slotPool[j]) = (_slotPool[j], _slotPool[i]);
            _replaySlots[i] = _slotPool[i];
            _replayRows[i] = _batch.Rows;
            _batch.AddMemory(memory, _slotPool[i]);
        }

        return r;
    }

    /// <summary>
    /// Keeps the pool a permutation of 0..em-1: slots added since the last draw (a reservoir filling
    /// up) are appended; after a shrink the pool is rebuilt. Allocates only when the capacity grows.
    /// </summary>
    private void RefreshSlotPool(ReplayMemory memory, int em)
    {
        if (_slotPool.Length < memory.Capacity)
        {
            _slotPool = new int[memory.Capacity];
            _poolCount = 0;
        }

        if (em < _poolCount)
        {
            _poolCount = 0;
        }

        for (int i = _poolCount; i < em; i++)
        {
            _slotPool[i] = i;
        }

        _poolCount = em;
    }

    /// <summary>
    /// One optimisation step on the assembled batch, every tensor in its own dispose scope. With
    /// <paramref name="replayPredictions"/> &gt; 0, also records the entropy and correctness of the
    /// step's output on the first that many replay rows (CarM's entropy gate).
    /// </summary>
    private (float Loss, int Correct) Step(bool countCorrect, int replayPredictions = 0)
    {
        using var scope = NewDisposeScope();
        optim.Optimizer optimizer = _optimizer ?? throw new InvalidOperationException("BeginTask must be called before training.");
        Tensor inputs = _batch.Inputs();
        Tensor targets = _batch.Targets();
        optimizer.zero_grad();
        Tensor logits = Context.Model.forward(inputs);
        Tensor loss = LossFunction.Compute(Context.Train.Loss, logits, targets);
        loss.backward();
        optimizer.step();
        float value = loss.item<float>();
        int correct = countCorrect ? (int)logits.argmax(1).eq(targets).sum().item<long>() : -1;
        if (replayPredictions > 0)
        {
            RecordReplayPredictions(logits, targets, replayPredictions);
        }

        return (value, correct);
    }

    private void RecordReplayPredictions(Tensor logits, Tensor targets, int replay)
    {
        using var noGrad = no_grad();
        Tensor p = logits.detach().softmax(1);
        Tensor entropy = p.mul(p.clamp_min(1e-12).log()).sum(1).neg();
        Tensor hit = logits.detach().argmax(1).eq(targets);
        using var e = entropy.data<float>();
        using var h = hit.data<bool>();
        for (int r = 0; r < replay; r++)
        {
            _replayEntropy[r] = e[_replayRows[r]];
            _replayCorrect[r] = h[_replayRows[r]];
        }
    }
}
