using System.Collections.Generic;
using Miro.Runtime.Evaluation;

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
}

/// <summary>Where a checkpoint taken between two epochs of a task stands (the learner's state is a binary section).</summary>
internal sealed record InTaskState(int Task, int EpochsDone, int Steps, long Trained, double FinalLoss, RandomState? SwapState);

/// <summary>The replay memory's filled slots (features are a separate binary section).</summary>
internal sealed record MemoryState(int Capacity, int[] Labels, long[] Ids, int[] SeenClasses, long Observed);

/// <summary>Where the sample store stood: a resumed run needs at least this much of it on flash.</summary>
internal sealed record StorePosition(long NextId, long Count);
