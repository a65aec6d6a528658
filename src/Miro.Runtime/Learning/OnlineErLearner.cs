namespace Miro.Runtime.Learning;

/// <summary>
/// Online experience replay in the DER paper's protocol: a single pass over the stream in batches
/// of <c>b</c>; every step also trains on a replay minibatch of <c>b</c> drawn from the memory, and
/// the batch's stream samples are offered to the memory after the step (reservoir sampling). With a
/// memory that updates at task end instead (balanced selection), the update happens in <see cref="EndTask"/>.
/// </summary>
public sealed class OnlineErLearner : ReplayLearnerBase
{
    /// <summary>Creates the learner over <paramref name="context"/>.</summary>
    public OnlineErLearner(LearnerContext context)
        : base(context)
    {
    }

    /// <inheritdoc />
    public override string Name => "online-er";

    /// <summary>Always one pass over the stream.</summary>
    public override int EpochsFor(int configured) => 1;

    /// <inheritdoc />
    public override EpochSummary TrainEpoch(int epoch, ITrainingObserver observer)
        => TrainBalancedEpoch(epoch, observer, observeStream: Context.Memory.UpdatesOnline);

    /// <inheritdoc />
    public override void EndTask()
    {
        if (!Context.Memory.UpdatesOnline)
        {
            Context.Memory.UpdateAtTaskEnd(Context.Stream, MemoryRandom);
        }
    }
}
