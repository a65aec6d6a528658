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
/// <param name="MeanQueueLag">Mean time the trainer spent on a submitted step: choosing its slots and taking their replacements (reading any the worker had not prefetched).</param>
/// <param name="MaxQueueLag">Longest such time.</param>
/// <param name="Inline">Samples the trainer read itself because their label's prefetch ring was empty (the worker was behind).</param>
/// <param name="PublishWaits">How often publication waited for the worker: always 0 since replacements are taken at submission.</param>
/// <param name="PublishWaitTime">Total time the trainer spent on submitted steps (the sum behind <paramref name="MeanQueueLag"/>).</param>
public sealed record SwapMetrics(
    long Requests,
    long Swaps,
    long Missing,
    long Corrupted,
    long Dropped,
    long Stale,
    long BytesRead,
    TimeSpan MeanQueueLag,
    TimeSpan MaxQueueLag,
    long Inline,
    long PublishWaits,
    TimeSpan PublishWaitTime);
