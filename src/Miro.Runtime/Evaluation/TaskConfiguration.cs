namespace Miro.Runtime.Evaluation;

/// <summary>The configuration a task trained with (the tunables' values in force).</summary>
/// <param name="EpisodicCapacity">Episodic-memory slots.</param>
/// <param name="StreamCapacity">Stream-buffer capacity.</param>
/// <param name="Epochs">Epochs configured (the learner may run fewer, e.g. online ER runs one).</param>
/// <param name="Batch">Minibatch size.</param>
/// <param name="SwapRatio">Fraction of a batch's episodic slots swapped from the store; null without swapping.</param>
public sealed record TaskConfiguration(int EpisodicCapacity, int StreamCapacity, int Epochs, int Batch, double? SwapRatio = null);
