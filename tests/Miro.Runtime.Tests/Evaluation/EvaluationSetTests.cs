using System;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;
using Miro.Runtime.Native;
using Miro.Runtime.Tests.Data;
using Xunit;

namespace Miro.Runtime.Tests.Evaluation;

public sealed class EvaluationSetTests
{
    private static readonly Dataset Data = SyntheticData.Make(classes: 4, perClass: 50, size: 16);

    [Fact]
    public void A_set_grown_task_by_task_scores_like_one_built_at_once_and_refuses_samples_beyond_its_capacity()
    {
        TorchRuntime.Initialize(1);
        PolicySpec policy = TestPolicies.Er(episodic: 20, batch: 8, replay: ReplayMix.Concat, hidden: new[] { 8 });
        using ContinualModel model = ModelFactory.Create(policy.Train.Model, Data.Shape, seed: 3);
        var context = new LearnerContext(model, new StreamBuffer(200, Data.Shape.Size), new EpisodicMemory(20, Data.Shape.Size), policy.Train, Data.Shape, Seed: 1);
        using ILearner learner = context.CreateLearner();
        learner.BeginTask(0, new[] { 0, 1 });
        learner.BeginTask(1, new[] { 2, 3 });
        int[] first = Enumerable.Range(0, Data.Count).Where(i => Data.Label(i) < 2).Take(60).ToArray();
        int[] second = Enumerable.Range(0, Data.Count).Where(i => Data.Label(i) >= 2).Take(40).ToArray();

        using var once = new EvaluationSet(Data.Shape, capacity: 100);
        once.Add(Data, first.Concat(second).ToArray());
        using var grown = new EvaluationSet(Data.Shape, capacity: 100);
        grown.Add(Data, first);
        Assert.Equal(60, grown.Count);
        grown.Add(Data, second);

        Assert.Equal(100, grown.Count);
        double accuracy = once.Accuracy(learner, model);
        Assert.InRange(accuracy, 0.0, 1.0);
        Assert.Equal(accuracy, grown.Accuracy(learner, model));
        var full = Assert.Throws<InvalidOperationException>(() => grown.Add(Data, new[] { 0 }));
        Assert.Contains("holds 100 of at most 100 samples", full.Message);
        Assert.Equal(100, grown.Count);
    }
}
