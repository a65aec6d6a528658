using System;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;
using Miro.Runtime.Native;
using Miro.Runtime.Tests.Data;
using TorchSharp;
using Xunit;

namespace Miro.Runtime.Tests.Learning;

public sealed class LearnerTests
{
    private static readonly Dataset Data = SyntheticData.Make(classes: 4, perClass: 50, size: 16);

    private static (LearnerContext Context, ILearner Learner) Setup(PolicySpec policy)
    {
        TorchRuntime.Initialize(1);
        var shape = Data.Shape;
        ContinualModel model = ModelFactory.Create(policy.Train.Model, shape, seed: 1);
        var stream = new StreamBuffer(1000, shape.Size);
        ReplayMemory memory = policy.Memory.Episodic.Selection == EpisodicSelection.Reservoir
            ? new ReservoirMemory(policy.Memory.Episodic.Capacity, shape.Size)
            : new EpisodicMemory(policy.Memory.Episodic.Capacity, shape.Size);
        var context = new LearnerContext(model, stream, memory, policy.Train, shape, Seed: 1);
        return (context, context.CreateLearner());
    }

    private static void LoadTask(LearnerContext context, ILearner learner, int task)
    {
        int[] indices = Enumerable.Range(0, Data.Count).Where(i => Data.Label(i) / 2 == task).ToArray();
        context.Stream.Load(Data, indices, new Random(task));
        learner.BeginTask(task, new[] { 2 * task, 2 * task + 1 });
    }

    [Fact]
    public void Replay_share_sets_the_replay_rows_per_step_and_rejects_values_outside_0_1()
    {
        var (context, learner) = Setup(TestPolicies.Er(episodic: 40, batch: 8, replay: ReplayMix.Balanced, hidden: new[] { 8 }));
        using var _ = learner;
        Assert.True(context.ReplaysPerStep);
        Assert.Equal(8, context.ReplayBatch);
        context.ReplayShare = 0.25;
        Assert.Equal(2, context.ReplayBatch);
        context.ReplayShare = 0.01;
        Assert.Equal(1, context.ReplayBatch); // never no replay at all
        Assert.Throws<ArgumentOutOfRangeException>(() => context.ReplayShare = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => context.ReplayShare = 1.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => context.ReplayShare = double.NaN);
        var (concat, concatLearner) = Setup(TestPolicies.Er(episodic: 40, batch: 8, replay: ReplayMix.Concat, hidden: new[] { 8 }));
        using var __ = concatLearner;
        Assert.False(concat.ReplaysPerStep);
    }

    [Theory]
    [InlineData(LearnerKind.Er, ReplayMix.Concat, EpisodicSelection.Balanced)]
    [InlineData(LearnerKind.Er, ReplayMix.Balanced, EpisodicSelection.Balanced)]
    [InlineData(LearnerKind.OnlineEr, ReplayMix.Balanced, EpisodicSelection.Reservoir)]
    public void Live_tensor_count_stays_flat_across_200_training_steps(LearnerKind kind, ReplayMix mix, EpisodicSelection selection)
    {
        var policy = TestPolicies.Er(episodic: 40, batch: 4, learner: kind, replay: mix, selection: selection, hidden: new[] { 8 }, momentum: 0.9);
        (LearnerContext context, ILearner learner) = Setup(policy);
        using var model = context.Model;
        using var _ = learner;
        LoadTask(context, learner, 0);
        learner.TrainEpoch(0, new RecordingObserver());
        learner.EndTask();
        LoadTask(context, learner, 1);
        var observer = new RecordingObserver { AccuracyDue = true };

        // Warm up (optimizer state, lazily created buffers), then measure over 200 steps. An outer
        // scope catches anything that escapes a step's scope; tensors created outside any scope
        // are counted separately.
        learner.TrainEpoch(0, observer);
        int warmup = observer.Steps.Count;
        using var outer = torch.NewDisposeScope();
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        long outsideBefore = DisposeScopeManager.Statistics.CreatedOutsideScopeCount;
        for (int epoch = 1; observer.Steps.Count < warmup + 200; epoch++)
        {
            learner.TrainEpoch(epoch, observer);
        }

        Assert.True(observer.Steps.Count >= warmup + 200, $"{observer.Steps.Count - warmup} steps");
        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(outsideBefore, DisposeScopeManager.Statistics.CreatedOutsideScopeCount);
        Assert.Equal(0, outer.DisposablesCount);
    }

    [Fact]
    public void Concat_er_visits_every_memory_slot_and_stream_sample_once_per_epoch()
    {
        var policy = TestPolicies.Er(episodic: 20, batch: 8, hidden: new[] { 8 });
        (LearnerContext context, ILearner learner) = Setup(policy);
        using var model = context.Model;
        using var _ = learner;
        LoadTask(context, learner, 0);
        learner.TrainEpoch(0, new RecordingObserver());
        learner.EndTask();
        LoadTask(context, learner, 1);
        var observer = new RecordingObserver();

        EpochSummary summary = learner.TrainEpoch(0, observer);

        int rows = 20 + 100;
        Assert.Equal((rows + 7) / 8, summary.Steps);
        Assert.Equal(rows, summary.Samples);
        Assert.Equal(100, observer.Steps.Sum(s => s.Stream));
        Assert.Equal(Enumerable.Range(0, 20), observer.Steps.SelectMany(s => s.Replay).OrderBy(x => x));
    }

    [Fact]
    public void Online_er_replays_a_minibatch_of_b_and_updates_the_reservoir_after_each_step()
    {
        var policy = TestPolicies.Er(episodic: 30, batch: 5, learner: LearnerKind.OnlineEr, replay: ReplayMix.Balanced,
            selection: EpisodicSelection.Reservoir, hidden: new[] { 8 });
        (LearnerContext context, ILearner learner) = Setup(policy);
        using var model = context.Model;
        using var _ = learner;
        LoadTask(context, learner, 0);
        var observer = new RecordingObserver();

        learner.TrainEpoch(0, observer);

        Assert.Equal(1, learner.EpochsFor(10));
        Assert.Equal(20, observer.Steps.Count);
        // Step 1 has an empty buffer; step k replays min(5, 5 (k-1)) distinct slots filled by earlier steps.
        Assert.Empty(observer.Steps[0].Replay);
        Assert.Equal(5, observer.Steps[1].Replay.Length);
        Assert.All(observer.Steps.Skip(1), s => Assert.Equal(s.Replay.Length, s.Replay.Distinct().Count()));
        Assert.Equal(30, context.Memory.Count);
        Assert.Equal(100, ((ReservoirMemory)context.Memory).Observed);
    }

    [Fact]
    public void A_stop_verdict_ends_the_epoch_at_the_batch_boundary()
    {
        var policy = TestPolicies.Er(episodic: 0, batch: 10, hidden: new[] { 8 });
        (LearnerContext context, ILearner learner) = Setup(policy);
        using var model = context.Model;
        using var _ = learner;
        LoadTask(context, learner, 0);

        EpochSummary summary = learner.TrainEpoch(0, new RecordingObserver { StopAfter = 3 });

        Assert.Equal(3, summary.Steps);
        Assert.Equal(StepVerdict.StopEpoch, summary.Verdict);
    }

    [Fact]
    public void Batches_carry_the_sample_features_and_labels()
    {
        TorchRuntime.Initialize(1);
        using var batch = new BatchAssembler(new SampleShape(1, 1, 4), 3);
        batch.Add(new float[] { 1, 2, 3, 4 }, 2);
        batch.Add(new float[] { 5, 6, 7, 8 }, 0);

        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 2, 1, 1, 4 }, batch.Inputs().shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 }, batch.Inputs().data<float>().ToArray());
        Assert.Equal(new long[] { 2, 0 }, batch.Targets().data<long>().ToArray());
        batch.Clear();
        batch.Add(new float[] { 9, 9, 9, 9 }, 1);
        Assert.Equal(new float[] { 9, 9, 9, 9 }, batch.Inputs().data<float>().ToArray());
    }

    [Fact]
    public void Bce_loss_trains_too()
    {
        var policy = TestPolicies.Er(episodic: 10, batch: 10, hidden: new[] { 8 }, loss: LossKind.Bce);
        (LearnerContext context, ILearner learner) = Setup(policy);
        using var model = context.Model;
        using var _ = learner;
        LoadTask(context, learner, 0);
        var observer = new RecordingObserver();

        for (int e = 0; e < 5; e++)
        {
            learner.TrainEpoch(e, observer);
        }

        Assert.True(observer.Steps[^1].Loss < observer.Steps[0].Loss, $"{observer.Steps[0].Loss} -> {observer.Steps[^1].Loss}");
    }
}
