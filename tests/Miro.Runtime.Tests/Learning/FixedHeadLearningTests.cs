using System;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;
using Miro.Runtime.Native;
using Miro.Runtime.Tests.Data;
using Xunit;
using static TorchSharp.torch;

namespace Miro.Runtime.Tests.Learning;

/// <summary>With <c>head fixed</c> the loss and the predictions cover every class of the data set
/// from task 1, as in the reference code's class-IL ER (no masking to the seen classes).</summary>
public sealed class FixedHeadLearningTests
{
    private static readonly Dataset Data = SyntheticData.Make(classes: 4, perClass: 40, size: 8);

    [Fact]
    public void Training_the_first_task_moves_the_outputs_of_classes_not_seen_yet()
    {
        TorchRuntime.Initialize(1);
        PolicySpec policy = TestPolicies.Er(episodic: 20, batch: 8, hidden: new[] { 8 }, tasks: 2, classesPerTask: 2);
        var model = new ModelSpec(ModelKind.Mlp, EquatableArray.Create(8), WeightInit.Xavier, HeadKind.Fixed, 4);
        using ContinualModel network = ModelFactory.Create(model, Data.Shape, seed: 1);
        var context = new LearnerContext(network, new StreamBuffer(1000, Data.Shape.Size), new EpisodicMemory(20, Data.Shape.Size),
            policy.Train with { Model = model }, Data.Shape, Seed: 1);
        using ILearner learner = context.CreateLearner();
        Tensor unseenBefore = network.Head.Weight.detach().narrow(0, 2, 2).clone();

        int[] firstTask = Enumerable.Range(0, Data.Count).Where(i => Data.Label(i) < 2).ToArray();
        context.Stream.Load(Data, firstTask, new Random(0));
        learner.BeginTask(0, new[] { 0, 1 });
        learner.TrainEpoch(0, new RecordingObserver());

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Assert.Equal(4, network.ClassCount);
        Assert.Equal(new long[] { 3, 4 }, learner.Predict(zeros(3, Data.Shape.Channels, Data.Shape.Height, Data.Shape.Width)).shape);
        // Cross-entropy over all four outputs pushes the unseen classes' logits down; a loss over
        // the seen classes only would leave their rows untouched.
        Assert.False(network.Head.Weight.narrow(0, 2, 2).eq(unseenBefore).all().item<bool>(), "unseen classes' head rows did not train");
        unseenBefore.Dispose();
    }
}
