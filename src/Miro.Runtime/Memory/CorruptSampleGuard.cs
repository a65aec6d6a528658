using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>
/// Applies the storage clause's <c>on corrupt skip | fail</c> for the <see cref="StorageTier"/>:
/// with <c>fail</c>, the first sample that failed its checksum (found by the swap worker or by
/// memory growth) stops the run at the next step; with <c>skip</c> the run goes on. Either way each
/// task report lists what was found (<c>storage.corrupted</c>, <c>storage.corruptedIds</c>), and
/// <see cref="CorruptSampleReport"/> sums them for the whole run.
/// </summary>
internal sealed class CorruptSampleGuard
{
    /// <summary>The task report keys.</summary>
    public const string CountKey = "storage.corrupted", IdsKey = "storage.corruptedIds";

    private readonly CorruptSampleAction _action;
    private int _atTaskStart;

    public CorruptSampleGuard(CorruptSampleAction action) => _action = action;

    public void TaskStarted(SampleStore store) => _atTaskStart = store.CorruptedCount;

    /// <summary>On the trainer thread: one volatile read unless a damaged sample was found.</summary>
    /// <exception cref="SampleStoreException">The spec says <c>on corrupt fail</c> and a sample failed its checksum.</exception>
    public void Check(SampleStore store)
    {
        if (_action != CorruptSampleAction.Fail || store.CorruptedCount == 0)
        {
            return;
        }

        IReadOnlyList<long> ids = store.CorruptedIds();
        throw new SampleStoreException(store.FilePath, string.Create(CultureInfo.InvariantCulture,
            $"{ids.Count} sample(s) of the store '{store.FilePath}' failed their checksum when read (ids {CorruptSampleReport.Format(ids)}): the flash or the file is damaged. ") +
            "The spec says `on corrupt fail`, so the run stops; the last checkpoint is kept. Copy the store aside to inspect it, " +
            "or set `on corrupt skip` in the storage clause to go on without the damaged samples.");
    }

    /// <summary>Adds the samples found damaged during this task to its report.</summary>
    public void Report(SampleStore store, Dictionary<string, object> extensions)
    {
        long[] ids = [.. store.CorruptedIds().Skip(_atTaskStart)];
        extensions[CountKey] = ids.Length;
        extensions[IdsKey] = ids;
    }
}
