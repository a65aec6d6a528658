namespace Miro.Runtime.Session;

/// <summary>The phases of one task in the CL loop (DESIGN.md §4.2), in order.</summary>
public enum SessionPhase
{
    /// <summary>Receive the task's samples into the stream buffer; write them to the storage tier.</summary>
    StoreWrite,
    /// <summary>Online profiling of candidate configurations.</summary>
    Profiling,
    /// <summary>Training epochs.</summary>
    Training,
    /// <summary>End-of-task episodic-memory update; also, after profiling, resizing the memories to the chosen configuration.</summary>
    MemoryUpdate,
    /// <summary>Evaluation on the test data of all classes seen so far.</summary>
    Evaluation,
    /// <summary>Checkpointing.</summary>
    Checkpoint,
}
