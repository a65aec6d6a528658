using System.Collections.Generic;
using System.Threading;

namespace Miro.Runtime.Memory;

/// <summary>The store's record of samples that failed their checksum when read.</summary>
public sealed partial class SampleStore
{
    // Guarded by _gate (ReadLocked notes under it); the count is also read lock-free by the trainer thread.
    private readonly List<long> _corruptedIds = [];
    private readonly HashSet<long> _corruptedSeen = [];
    private int _corruptedCount;

    /// <summary>How many distinct samples failed their checksum when read since the store was opened.</summary>
    public int CorruptedCount => Volatile.Read(ref _corruptedCount);

    /// <summary>The ids of the samples that failed their checksum when read since the store was opened, in the order found.</summary>
    public IReadOnlyList<long> CorruptedIds()
    {
        lock (_gate)
        {
            return [.. _corruptedIds];
        }
    }

    /// <summary>Called under <c>_gate</c> when a read finds a damaged sample.</summary>
    private void NoteCorrupted(long id)
    {
        if (_corruptedSeen.Add(id))
        {
            _corruptedIds.Add(id);
            Volatile.Write(ref _corruptedCount, _corruptedIds.Count);
        }
    }
}
