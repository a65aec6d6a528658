using System;

namespace Miro.Runtime.Memory;

/// <summary>What the swap worker has done so far.</summary>
/// <param name="Requests">Steps submitted while swapping was scheduled and not paused.</param>
/// <param name="Swaps">Chosen EM slots for which a same-label stored sample was read (and then published, unless <paramref name="Stale"/>).</param>
/// <param name="Missing">Chosen slots left as they were because the store had no sample of their label.</param>
/// <param name="Corrupted">Stored samples that failed their checksum when drawn (withdrawn from the store's draws; the slot kept its sample).</param>
/// <param name="Dropped">Steps submitted while the worker was paused (not swapped).</param>
/// <param name="Stale">Replacements discarded because their slot changed class before publication (online memories).</param>
/// <param name="BytesRead">Logical bytes read from the store for swapping (prefetched draws included).</param>
/// <param name="Inline">Samples the trainer read itself because their label's prefetch ring was empty (the prefetch thread was behind).</param>
/// <param name="TotalTakeTime">Time the trainer spent taking samples for submitted steps: choosing the slots and taking their replacements (reading any that had not been prefetched). Publication never waits, so this is all the time swapping costs the training thread besides copying into the memory.</param>
/// <param name="MaxTakeTime">The longest such time for one step.</param>
public sealed record SwapMetrics(
    long Requests,
    long Swaps,
    long Missing,
    long Corrupted,
    long Dropped,
    long Stale,
    long BytesRead,
    long Inline,
    TimeSpan TotalTakeTime,
    TimeSpan MaxTakeTime)
{
    /// <summary>The mean of <see cref="TotalTakeTime"/> per request.</summary>
    public TimeSpan MeanTakeTime => Requests == 0 ? TimeSpan.Zero : TotalTakeTime / Requests;
}
