namespace Miro.Runtime.Memory;

/// <summary>
/// What a checkpoint needs from the storage tier, and nothing more: how far the sample store has
/// been written (a resumed run needs at least that much of it on flash), how many steps the tier
/// has seen (to check the hook order), and the swap state to save and to resume from. Implemented
/// by <see cref="StorageTier"/>; the <see cref="Checkpoints.Checkpointer"/> depends on this
/// interface only, so the checkpoint folder never reaches into the tier's store or worker.
/// </summary>
public interface ICheckpointableTier
{
    /// <summary>The store's next sample id and sample count.</summary>
    internal (long NextId, long Count) StorePosition { get; }

    /// <summary>The store's file (for messages).</summary>
    internal string StorePath { get; }


    /// <summary>The swap state between two steps, or null when the current task does not swap.</summary>
    internal SwapCheckpoint? SnapshotSwaps();

    /// <summary>Makes the next swap worker continue from <paramref name="checkpoint"/> (resuming inside a task).</summary>
    internal void ResumeSwaps(SwapCheckpoint checkpoint);
}
