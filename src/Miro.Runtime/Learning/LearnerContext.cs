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

    private double _replayShare = 1;

    /// <summary>
    /// The fraction (0, 1] of the usual replay minibatch that learners drawing one per step
    /// (<see cref="ReplaysPerStep"/>) use: a <c>degrade</c> energy budget lowers it for the rest of a task.
    /// </summary>
    public double ReplayShare
    {
        get => _replayShare;
        set
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The replay share must be in (0, 1].");
            }

            _replayShare = value;
        }
    }

    /// <summary>Replay rows drawn per step: <see cref="Batch"/> scaled by <see cref="ReplayShare"/>, at least 1.</summary>
    public int ReplayBatch => _replayShare >= 1 ? Batch : Math.Max(1, (int)Math.Round(Batch * _replayShare));

    /// <summary>True when the policy's learner draws a replay minibatch per step (ER <c>replay balanced</c>, online ER),
    /// so <see cref="ReplayShare"/> applies.</summary>
    public bool ReplaysPerStep => Train.Learner == LearnerKind.OnlineEr || Train.Replay == ReplayMix.Balanced;

    /// <summary>Creates the learner the policy asks for.</summary>
    public ILearner CreateLearner() => Train.Learner switch
    {
        LearnerKind.Er => new ErLearner(this),
        LearnerKind.OnlineEr => new OnlineErLearner(this),
        _ => throw new ArgumentOutOfRangeException(nameof(Train), Train.Learner, "Unknown learner."),
    };
}
