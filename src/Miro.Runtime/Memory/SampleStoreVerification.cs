using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>The result of <see cref="SampleStore.Verify"/>: a full scan of the store.</summary>
/// <param name="Samples">Samples scanned.</param>
/// <param name="CorruptedIds">Ids whose checksum did not match, ascending (empty when all are good).</param>
/// <param name="IntegrityCheck">SQLite's <c>PRAGMA integrity_check</c> verdict (<c>ok</c> when the file's structure is sound).</param>
public sealed record SampleStoreVerification(long Samples, EquatableArray<long> CorruptedIds, string IntegrityCheck)
{
    /// <summary>True when every sample's checksum matched and the file's structure is sound.</summary>
    public bool IsHealthy => CorruptedIds.Count == 0 && IntegrityCheck == "ok";
}
