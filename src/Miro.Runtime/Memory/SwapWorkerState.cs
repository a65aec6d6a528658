namespace Miro.Runtime.Memory;

/// <summary>
/// The swap worker's generators, as a checkpoint saves them: the policy's generator, the seed the
/// per-label draw streams derive from, and each started label stream's state at the first draw the
/// trainer has not taken (prefetched draws are read again after a resume).
/// </summary>
/// <param name="Policy">The generator that chooses which slots to swap.</param>
/// <param name="LabelSeed">The seed of the per-label draw streams.</param>
/// <param name="Labels">Labels whose draw stream has started.</param>
/// <param name="LabelStates">Their generators' states, in the order of <paramref name="Labels"/>.</param>
internal sealed record SwapWorkerState(RandomState Policy, long LabelSeed, int[] Labels, RandomState[] LabelStates);
