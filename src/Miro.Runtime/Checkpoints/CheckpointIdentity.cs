namespace Miro.Runtime.Checkpoints;

/// <summary>The run a checkpoint belongs to.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Threads">TorchSharp threads (part of the run's determinism).</param>
/// <param name="CompletedTasks">Tasks completed when it was written.</param>
/// <param name="EpochsDoneInTask">Epochs of the next task already trained (0 for a checkpoint at a task end).</param>
/// <param name="StepsDoneInEpoch">Steps of the next epoch already trained (0 for a checkpoint at an epoch or task end).</param>
public sealed record CheckpointIdentity(string Policy, int Seed, int Threads, int CompletedTasks, int EpochsDoneInTask, int StepsDoneInEpoch = 0);
