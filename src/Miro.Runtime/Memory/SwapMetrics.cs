using System;

namespace Miro.Runtime.Memory;

/// <summary>What the swap worker has done so far.</summary>
/// <param name="Requests">Steps submitted while swapping was scheduled and not paused.</param>
/// <param name="Swaps">Chosen EM slots for which a same-label stored sample was read (and then published, unless <paramref name="Stale"/>).</param>
/// <param name="Missing">Chosen slots left as they were because the store had no sample of their label.</param>
/// <param name="Corrupted">Stored samples that failed their checksum when drawn (withdrawn from the store's draws; the slot kept its sample).</param>
/// <param name="Dropped">Steps submitted while the worker was paused (not swapped).</param>
/// <param name="Stale">Replacements discarded because their slot changed class before publication (online memories).</param>
/// <param name="BytesRead">Logical bytes the worker read from the store.</param>
/// <param name="MeanQueueLag">Mean time from a step's submission to the worker starting on it.</param>
/// <param name="MaxQueueLag">Longest such time.</param>
/// <param name="Inline">Requests the trainer ran itself at publication because the worker had not started them.</param>
/// <param name="PublishWaits">How often the trainer had to wait for a request the worker was running.</param>
/// <param name="PublishWaitTime">Total time publication spent on unfinished requests (waiting or running them inline).</param>
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
