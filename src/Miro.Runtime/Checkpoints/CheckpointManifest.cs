using System.Collections.Generic;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;

namespace Miro.Runtime.Checkpoints;

/// <summary>The JSON part of a checkpoint: what identifies the run and the state that is not tensors.</summary>
internal sealed record CheckpointManifest
{
    public required string Policy { get; init; }
    public required int Seed { get; init; }
    public required int Threads { get; init; }
    public required int Tasks { get; init; }
    public required int CompletedTasks { get; init; }
    public required TaskConfiguration Configuration { get; init; }
    public required int HeadClasses { get; init; }
    public required MemoryState Memory { get; init; }
    public StorePosition? Store { get; init; }
    public required IReadOnlyList<TaskReport> Reports { get; init; }
    public InTaskState? InTask { get; init; }
    /// <summary>The <see cref="RunFingerprint"/> of the run that wrote the checkpoint.</summary>
    public IReadOnlyDictionary<string, string>? Fingerprint { get; init; }
    /// <summary>Seconds the run had been running when the checkpoint was taken, over every process so far.</summary>
    public double ElapsedSeconds { get; init; }
}

/// <summary>
/// Where a checkpoint taken inside a task stands (the learner's state is a binary section):
/// <paramref name="EpochsDone"/> whole epochs with <paramref name="Steps"/> steps and
/// <paramref name="Trained"/> samples, plus <paramref name="StepsInEpoch"/> steps of the next epoch
/// (0 at an epoch end); the swap generator, and the unpublished swaps in section <c>swap.pending</c>.
/// </summary>
internal sealed record InTaskState(int Task, int EpochsDone, int Steps, long Trained, double FinalLoss, SwapWorkerState? SwapState, int StepsInEpoch = 0);

/// <summary>The replay memory's filled slots (features are a separate binary section).</summary>
internal sealed record MemoryState(int Capacity, int[] Labels, long[] Ids, int[] SeenClasses, long Observed);

/// <summary>Where the sample store stood: a resumed run needs at least this much of it on flash.</summary>
internal sealed record StorePosition(long NextId, long Count);
