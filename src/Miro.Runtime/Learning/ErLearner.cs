using Miro.Dsl.Model;

namespace Miro.Runtime.Learning;

/// <summary>
/// Experience replay as in the reference Miro/CarM code: <c>epochs</c> epochs per task over the
/// shuffled concatenation [EM | SB] (<see cref="ReplayMix.Concat"/>), or over SB with an equal-size
/// replay batch from EM per step (<see cref="ReplayMix.Balanced"/>); the memory is updated at task end.
/// </summary>
public sealed class ErLearner : ReplayLearnerBase
{
    /// <summary>Creates the learner over <paramref name="context"/>.</summary>
    public ErLearner(LearnerContext context)
        : base(context)
    {
    }

    /// <inheritdoc />
    public override string Name => "er";

    /// <inheritdoc />
    public override int EpochsFor(int configured) => configured;

    /// <inheritdoc />
    public override EpochSummary TrainEpoch(int epoch, ITrainingObserver observer)
        => Context.Train.Replay == ReplayMix.Balanced
            ? TrainBalancedEpoch(epoch, observer, observeStream: false)
            : TrainConcatEpoch(epoch, observer);

    /// <inheritdoc />
    public override void EndTask() => Context.Memory.UpdateAtTaskEnd(Context.Stream, MemoryRandom);
}
