using System;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;

namespace Miro.Runtime.Learning;

/// <summary>Everything a learner works with: the model, the DRAM memories and the training settings.</summary>
/// <param name="Model">The network being trained.</param>
/// <param name="Stream">The stream buffer (current task).</param>
/// <param name="Memory">The replay memory.</param>
/// <param name="Train">Training settings from the policy.</param>
/// <param name="Shape">The sample shape.</param>
/// <param name="Seed">The run's seed.</param>
public sealed record LearnerContext(
    ContinualModel Model,
    StreamBuffer Stream,
    ReplayMemory Memory,
    TrainSpec Train,
    SampleShape Shape,
    int Seed)
{
    /// <summary>The minibatch size currently in force (a tunable: the session may change it between tasks).</summary>
    public int Batch { get; set; } = Train.Batch;

    /// <summary>Creates the learner the policy asks for.</summary>
    public ILearner CreateLearner() => Train.Learner switch
    {
        LearnerKind.Er => new ErLearner(this),
        LearnerKind.OnlineEr => new OnlineErLearner(this),
        _ => throw new ArgumentOutOfRangeException(nameof(Train), Train.Learner, "Unknown learner."),
    };
}
