namespace Miro.Runtime.Evaluation;

/// <summary>Wall-clock seconds a task spent in each phase of the loop.</summary>
/// <param name="StoreWrite">Receiving the task and writing it to the storage tier.</param>
/// <param name="Profiling">Online profiling.</param>
/// <param name="Training">Training epochs.</param>
/// <param name="MemoryUpdate">End-of-task memory update.</param>
/// <param name="Evaluation">Evaluation on the seen classes' test sets.</param>
/// <param name="Checkpoint">Checkpointing.</param>
public sealed record PhaseTimes(
    double StoreWrite,
    double Profiling,
    double Training,
    double MemoryUpdate,
    double Evaluation,
    double Checkpoint)
{
    /// <summary>Sum of all phases.</summary>
    public double Total => StoreWrite + Profiling + Training + MemoryUpdate + Evaluation + Checkpoint;
}
