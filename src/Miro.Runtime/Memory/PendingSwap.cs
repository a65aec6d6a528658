namespace Miro.Runtime.Memory;

/// <summary>
/// A processed swap request not yet published to the EM (one of the <see cref="SwapWorker.PublishLag"/>
/// newest): its staged replacements, saved by a checkpoint taken between two steps and handed back
/// to the resumed worker, which publishes them when the uninterrupted run would have.
/// </summary>
/// <param name="Slots">The EM slots to overwrite.</param>
/// <param name="Labels">The replacements' labels.</param>
/// <param name="Ids">The replacements' stream ids.</param>
/// <param name="Features">The replacements' features, one row per slot.</param>
internal sealed record PendingSwap(int[] Slots, int[] Labels, long[] Ids, float[] Features);
